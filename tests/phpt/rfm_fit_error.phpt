--TEST--
Segment\Rfm::fit(): bad options (ValueError / TypeError)
--EXTENSIONS--
segment
--FILE--
<?php
$rows = [];
foreach (range(1, 6) as $i) $rows[] = ['c' => $i, 'd' => "2024-01-0$i", 'a' => $i * 10];
$p = Segment\Profiles::fromIterable($rows, ['customer' => 'c', 'date' => 'd', 'amount' => 'a', 'reference' => '2024-01-10']);
$cases = [
    'bins 1' => ['bins' => 1],
    'bins 0' => ['bins' => 0],
    'bins 11' => ['bins' => 11],
    'bins -5' => ['bins' => -5],
    'bins "5"' => ['bins' => '5'],
    'bins 5.0' => ['bins' => 5.0],
    'method' => ['method' => 'qcut'],
    'method int' => ['method' => 1],
    'reference' => ['reference' => 'soon'],
    'reference array' => ['reference' => []],
    'map name' => ['map' => 'rfm'],
    'groups name' => ['groups' => 'nope'],
    'map int' => ['map' => 5],
    'map not a list' => ['map' => ['a' => ['name' => 'x']]],
    'rule without name' => ['map' => [['r' => [1, 5]]]],
    'rule name int' => ['map' => [['name' => 5]]],
    'rule group int' => ['groups' => [['name' => 'x', 'group' => 5]]],
    'range out of bins' => ['map' => [['name' => 'x', 'r' => [1, 6]]]],
    'range 0' => ['retention' => [['name' => 'x', 'f' => [0, 2]]]],
    'range reversed' => ['map' => [['name' => 'x', 'm' => [4, 2]]]],
    'range of 3' => ['map' => [['name' => 'x', 'm' => [1, 2, 3]]]],
    'range strings' => ['map' => [['name' => 'x', 'm' => ['1', '2']]]],
    'range a number' => ['map' => [['name' => 'x', 'm' => 3]]],
    'rule not an array' => ['map' => ['Champions']],
    'second rule bad' => ['map' => [['name' => 'ok'], ['name' => 'bad', 'r' => [3, 1]]]],
    'range over custom bins' => ['bins' => 3, 'map' => [['name' => 'x', 'r' => [1, 4]]]],
];
foreach ($cases as $label => $opts) {
    try {
        Segment\Rfm::fit($p, $opts);
        echo "$label: no error\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    Segment\Rfm::fit(new stdClass);
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
bins 1: ValueError: option 'bins' must be an integer from 2 to 10
bins 0: ValueError: option 'bins' must be an integer from 2 to 10
bins 11: ValueError: option 'bins' must be an integer from 2 to 10
bins -5: ValueError: option 'bins' must be an integer from 2 to 10
bins "5": ValueError: option 'bins' must be an integer from 2 to 10
bins 5.0: ValueError: option 'bins' must be an integer from 2 to 10
method: ValueError: option 'method' must be "quantile" or "pandas"
method int: ValueError: option 'method' must be "quantile" or "pandas"
reference: ValueError: option 'reference' must be a date such as "2024-12-31 18:00:00", "soon" is not
reference array: TypeError: option 'reference' must be a DateTimeInterface, an int or a date string, array given
map name: ValueError: option 'map': there is no built-in map "rfm" (rf11, core, retention)
groups name: ValueError: option 'groups': there is no built-in map "nope" (rf11, core, retention)
map int: TypeError: option 'map' must be a built-in map name or a list of rules
map not a list: ValueError: segment map must be a list of rules
rule without name: ValueError: segment map, rule 0: needs a 'name' string (and 'group', if any, a string)
rule name int: ValueError: segment map, rule 0: needs a 'name' string (and 'group', if any, a string)
rule group int: ValueError: groups map, rule 0: needs a 'name' string (and 'group', if any, a string)
range out of bins: ValueError: segment map, rule 0: 'r' must be [low, high] with 1 <= low <= high <= 5
range 0: ValueError: retention map, rule 0: 'f' must be [low, high] with 1 <= low <= high <= 5
range reversed: ValueError: segment map, rule 0: 'm' must be [low, high] with 1 <= low <= high <= 5
range of 3: ValueError: segment map, rule 0: 'm' must be [low, high] with 1 <= low <= high <= 5
range strings: ValueError: segment map, rule 0: 'm' must be [low, high] with 1 <= low <= high <= 5
range a number: ValueError: segment map, rule 0: 'm' must be [low, high] with 1 <= low <= high <= 5
rule not an array: ValueError: segment map, rule 0: needs a 'name' string (and 'group', if any, a string)
second rule bad: ValueError: segment map, rule 1: 'r' must be [low, high] with 1 <= low <= high <= 5
range over custom bins: ValueError: segment map, rule 0: 'r' must be [low, high] with 1 <= low <= high <= 3
Segment\Rfm::fit(): Argument #1 ($profiles) must be of type Segment\Profiles, stdClass given
