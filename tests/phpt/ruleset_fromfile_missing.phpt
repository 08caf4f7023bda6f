--TEST--
Segment\RuleSet::fromFile() of a missing file throws Segment\Exception, without a warning as well
--DESCRIPTION--
The new API reports a failure once, as an exception; a PHP warning on top of it is noise that
frameworks turn into a second error.
--EXTENSIONS--
segment
--FILE--
<?php
$missing = sys_get_temp_dir() . '/segment_no_such_file.json';
try {
    Segment\RuleSet::fromFile($missing);
} catch (Segment\Exception $e) {
    echo get_class($e), ': ', str_replace($missing, 'FILE', $e->getMessage()), "\n";
}
ini_set('segment.rules_file', $missing);
try {
    segment_of(['x' => 1]);
} catch (Segment\Exception $e) {
    echo get_class($e), ': ', str_replace($missing, 'FILE', $e->getMessage()), "\n";
}
?>
--EXPECT--
Segment\Exception: cannot read rules file 'FILE': No such file or directory
Segment\Exception: cannot read rules file 'FILE': No such file or directory
