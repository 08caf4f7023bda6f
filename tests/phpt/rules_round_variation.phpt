--TEST--
round(x, places) gives what PHP's round() gives, including decimal halves that binary floats cannot hold
--EXTENSIONS--
segment
--FILE--
<?php
// The function library documents round() as PHP's round(): half away from zero.  PHP rounds the
// value as it is written in decimal (1.005 -> 1.01), not its binary approximation (1.00499999...).
$rs = new Segment\RuleSet([['code' => 'r', 'rule' => 'round(x, places) == expected']]);
$cases = [[2.5, 0], [-2.5, 0], [1.005, 2], [2.675, 2], [1.955, 2], [5.055, 2], [0.285, 2], [-1.005, 2],
    [1234.5678, 2], [1234.5678, -2], [0.5, 0], [1.45, 1], [1.55, 1]];
foreach ($cases as [$x, $places]) {
    $expected = round($x, $places);
    $ok = $rs->matches(['x' => $x, 'places' => $places, 'expected' => $expected], 'r');
    printf("round(%s, %d) == %s: %s\n", var_export($x, true), $places, var_export($expected, true), $ok ? 'yes' : 'no');
}
?>
--EXPECT--
round(2.5, 0) == 3.0: yes
round(-2.5, 0) == -3.0: yes
round(1.005, 2) == 1.01: yes
round(2.675, 2) == 2.68: yes
round(1.955, 2) == 1.96: yes
round(5.055, 2) == 5.06: yes
round(0.285, 2) == 0.29: yes
round(-1.005, 2) == -1.01: yes
round(1234.5678, 2) == 1234.57: yes
round(1234.5678, -2) == 1200.0: yes
round(0.5, 0) == 1.0: yes
round(1.45, 1) == 1.5: yes
round(1.55, 1) == 1.6: yes
