--TEST--
bucket(value, "salt", n): FNV-1a 64 + splitmix64 over the canonical text, reproduced in plain PHP
--EXTENSIONS--
segment
--FILE--
<?php
// Reference implementation of docs/rules.md's algorithm, unsigned 64-bit arithmetic on PHP ints.
function mul64(int $a, int $b): int
{
    $al = [$a & 0xFFFF, ($a >> 16) & 0xFFFF, ($a >> 32) & 0xFFFF, ($a >> 48) & 0xFFFF];
    $bl = [$b & 0xFFFF, ($b >> 16) & 0xFFFF, ($b >> 32) & 0xFFFF, ($b >> 48) & 0xFFFF];
    $r = [0, 0, 0, 0];
    for ($i = 0; $i < 4; $i++) {
        for ($j = 0; $i + $j < 4; $j++) {
            $r[$i + $j] += $al[$i] * $bl[$j];
        }
    }
    $out = 0;
    $carry = 0;
    for ($k = 0; $k < 4; $k++) {
        $v = $r[$k] + $carry;
        $out |= ($v & 0xFFFF) << (16 * $k);
        $carry = $v >> 16;
    }
    return $out;
}
function shr(int $a, int $n): int { return ($a >> $n) & (PHP_INT_MAX >> ($n - 1)); }
function umod(int $h, int $n): int { return $h >= 0 ? $h % $n : ((shr($h, 1) % $n) * 2 + ($h & 1)) % $n; }
function canonical(mixed $v): ?string
{
    if (is_bool($v)) return $v ? '1' : '0';
    if (is_int($v)) return (string)$v;
    if ($v instanceof DateTimeInterface) return (string)$v->getTimestamp();
    if (is_float($v)) {
        if (!is_finite($v)) return null;
        if ($v == floor($v) && abs($v) <= 9.2e18) return (string)(int)$v;
        return sprintf('%.17g', $v);
    }
    if (is_string($v)) {
        $t = trim($v, " \t\n\r\v\f");
        if (preg_match('/^[+-]?[0-9]+$/', $t) && is_int($t + 0)) return (string)($t + 0);
        return $v;
    }
    return null;
}
function reference_bucket(mixed $v, string $salt, int $n): ?int
{
    $text = canonical($v);
    if ($text === null) return null;
    $h = unpack('J', hex2bin(hash('fnv1a64', $salt . "\0" . $text)))[1];
    $h ^= shr($h, 30);
    $h = mul64($h, (0xbf58476d << 32) | 0x1ce4e5b9);
    $h ^= shr($h, 27);
    $h = mul64($h, (0x94d049bb << 32) | 0x133111eb);
    $h ^= shr($h, 31);
    return umod($h, $n);
}

$values = [42, '42', 42.0, ' 42', '+42', '0042', '42.0', -7, 0, PHP_INT_MAX, PHP_INT_MIN, 0.1, -2.5, 1e300,
    true, false, '', 'alice@example.com', 'ÉLODIE', '99999999999999999999', '1e3',
    new DateTimeImmutable('@1704067200'), null, [1, 2], NAN];
$checks = [['spring-2024', 2], ['spring-2024', 100], ['', 10], ['exp', 1000000], ['ab', 1]];
$bad = 0;
foreach ($checks as [$salt, $n]) {
    $rs = new Segment\RuleSet([['code' => 'b', 'rule' => "bucket(v, \"$salt\", $n) == expected"],
        ['code' => 'null', 'rule' => "bucket(v, \"$salt\", $n) is null"]]);
    foreach ($values as $v) {
        $expected = reference_bucket($v, $salt, $n);
        $ok = $expected === null ? $rs->matches(['v' => $v], 'null')
                                 : $rs->matches(['v' => $v, 'expected' => $expected], 'b');
        if (!$ok) {
            $bad++;
            echo "mismatch: ", var_export($v, true), " salt=$salt n=$n expected=", var_export($expected, true), "\n";
        }
    }
}
echo "mismatches: $bad\n";

// Fixed vectors, so that the algorithm itself cannot drift.
$rs = new Segment\RuleSet([['code' => 'b', 'rule' => 'bucket(v, "spring-2024", 100) == 51']]);
var_dump($rs->matches(['v' => 42], 'b'), $rs->matches(['v' => '42'], 'b'), $rs->matches(['v' => 42.0], 'b'));
var_dump(reference_bucket('alice@example.com', 'exp', 3), reference_bucket(0.1, 'ab', 1000), reference_bucket('42.0', 'spring-2024', 100));

// A 50/50 split of 10000 ids is close to even.
$ab = new Segment\RuleSet([['code' => 'a', 'rule' => 'bucket(id, "checkout-test", 2) == 0']]);
$in = 0;
for ($id = 1; $id <= 10000; $id++) $in += $ab->matches(['id' => $id], 'a') ? 1 : 0;
var_dump($in > 4800 && $in < 5200);
?>
--EXPECT--
mismatches: 0
bool(true)
bool(true)
bool(true)
int(0)
int(850)
int(34)
bool(true)
