--TEST--
Segment\Rfm::toCsv() is atomic: it replaces an existing file by rename, and on failure throws Segment\Exception naming the path and leaves no temporary file
--EXTENSIONS--
segment
--FILE--
<?php
$dir = sys_get_temp_dir() . '/segment_rfm_tocsv_atomic_' . getmypid();
@mkdir($dir);
$rows = [];
foreach (range(1, 6) as $c) $rows[] = ['c' => "c$c", 'd' => "2024-01-0$c", 'a' => $c];
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'date' => 'd', 'amount' => 'a', 'reference' => '2024-01-10']);
$rfm = Segment\Rfm::fit($p);
$list = fn() => implode(' ', array_diff(scandir($dir), ['.', '..']));

// An existing file is replaced by a new one (rename), not rewritten in place:
// a reader that opened the old file still reads the old content.
file_put_contents("$dir/out.csv", "old content\n");
$old = fopen("$dir/out.csv", 'r');
$inode = fileinode("$dir/out.csv");
var_dump($rfm->toCsv("$dir/out.csv"));
clearstatcache();
echo 'new inode: ', var_export(fileinode("$dir/out.csv") !== $inode, true), ', old reader sees: ', fgets($old);
fclose($old);
echo 'lines: ', count(file("$dir/out.csv")), ', directory: ', $list(), "\n";

function attempt(Segment\Rfm $rfm, string $path): void {
    try {
        $rfm->toCsv($path);
        echo "no error\n";
    } catch (Segment\Exception $e) {
        echo get_class($e), ': ', str_replace(sys_get_temp_dir(), 'TMP', $e->getMessage()), "\n";
    }
}
// The temporary file is written, the rename fails (the target is a directory):
// the temporary file is removed.
mkdir("$dir/a-directory");
attempt($rfm, "$dir/a-directory");
echo 'directory: ', $list(), "\n";
// A directory that does not exist.
attempt($rfm, "$dir/missing/out.csv");
echo 'directory: ', $list(), "\n";
// A directory nobody can write in (a read-only one for a normal user; as root, /proc).
mkdir("$dir/ro");
chmod("$dir/ro", 0555);
$ro = is_writable("$dir/ro") ? '/proc' : "$dir/ro";
try {
    $rfm->toCsv("$ro/out.csv");
    echo "no error\n";
} catch (Segment\Exception $e) {
    echo 'read-only directory: ', get_class($e), ', names the path: ', var_export(str_contains($e->getMessage(), "'$ro/out.csv'"), true), "\n";
}
echo 'left behind: ', json_encode(glob("$ro/out.csv*")), "\n";
chmod("$dir/ro", 0755);
// Nothing half-written replaced the good file along the way.
echo 'out.csv intact: ', var_export(count(file("$dir/out.csv")) === 7, true), "\n";
// A loaded model has no customers: Error, and no file.
$rfm->save("$dir/model.json");
try {
    Segment\Rfm::load("$dir/model.json")->toCsv("$dir/loaded.csv");
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
echo 'directory: ', $list(), "\n";
unlink("$dir/out.csv");
unlink("$dir/model.json");
rmdir("$dir/a-directory");
rmdir("$dir/ro");
rmdir($dir);
?>
--EXPECTF--
int(6)
new inode: true, old reader sees: old content
lines: 7, directory: out.csv
Segment\Exception: cannot write the RFM scores to 'TMP/segment_rfm_tocsv_atomic_%d/a-directory': Is a directory
directory: a-directory out.csv
Segment\Exception: cannot write the RFM scores to 'TMP/segment_rfm_tocsv_atomic_%d/missing/out.csv': No such file or directory
directory: a-directory out.csv
read-only directory: Segment\Exception, names the path: true
left behind: []
out.csv intact: true
Error: a loaded Segment\Rfm has thresholds, not the customers it was fitted on: use score()
directory: a-directory model.json out.csv ro
