<?php

/**
 * Rule-evaluation benchmark: 20 segment rules (rules.php) over N generated
 * customers (customers.php), evaluated by
 *
 *   extension         Segment\RuleSet::match($c, $now)       (if loaded)
 *   symfony-cached    ExpressionLanguage::evaluate() of ParsedExpressions
 *                     obtained once with parse()
 *   symfony-compiled  ExpressionLanguage::compile() once, eval'd into closures
 *   closures          hand-written PHP closures
 *   symfony-string    (only with --with-string) evaluate() given the
 *                     expression string each time, relying on Symfony's own
 *                     in-memory parse cache
 *
 * Every method builds, for every customer, the list of matching segment
 * codes in priority order.  Results are cross-checked customer by customer
 * (exit 1 on any mismatch), then each method is timed R times, round-robin.
 * With the extension it also times obtaining a compiled set: fromFile() cold
 * and cached, cached() hits, and new RuleSet().
 *
 * Usage: php bench/rules/bench.php [N=100000] [--rounds=7] [--json=FILE]
 *            [--with-string] [--skip-timing]
 */

declare(strict_types=1);

ini_set('memory_limit', '4G');
// Fixed zone: days_since()/month() of zone-less date strings depend on it,
// and the extension, strtotime() and date() must agree.
date_default_timezone_set('UTC');

require __DIR__ . '/customers.php';
require __DIR__ . '/symfony.php';

// ---------------------------------------------------------------- arguments

$n = 100000;
$rounds = 7;
$jsonOut = null;
$withString = false;
$skipTiming = false;
$noGc = false;
foreach (array_slice($argv, 1) as $arg) {
    if (preg_match('/^--rounds=(\d+)$/', $arg, $m)) {
        $rounds = max(1, (int) $m[1]);
    } elseif (preg_match('/^--json=(.+)$/', $arg, $m)) {
        $jsonOut = $m[1];
    } elseif ($arg === '--with-string') {
        $withString = true;
    } elseif ($arg === '--skip-timing') {
        $skipTiming = true;
    } elseif ($arg === '--no-gc') {
        // The timed foreach loops release each customer array while $customers
        // still holds it, which makes it a GC root: every 10,000 customers the
        // cycle collector scans them, at the same cost for every method. This
        // shows the methods without that shared harness cost.
        $noGc = true;
    } elseif (ctype_digit($arg)) {
        $n = max(1, (int) $arg);
    } else {
        fwrite(STDERR, "usage: php bench.php [N] [--rounds=R] [--json=FILE] [--with-string] [--skip-timing] [--no-gc]\n");
        exit(2);
    }
}

$now = SEGMENT_BENCH_NOW;
$status = function_exists('opcache_get_status') ? (opcache_get_status(false) ?: []) : [];
$env = [
    'php' => PHP_VERSION,
    'sapi' => PHP_SAPI,
    'opcache' => (bool) ($status['opcache_enabled'] ?? false),
    'jit' => (bool) ($status['jit']['on'] ?? false),
    'jit_mode' => ini_get('opcache.jit') ?: 'off', // "off" reads back as ""
    'jit_buffer_size' => ini_get('opcache.jit_buffer_size') ?: '',
    'extension' => extension_loaded('segment'),
    'extension_version' => extension_loaded('segment') ? (phpversion('segment') ?: '') : '',
    'timezone' => date_default_timezone_get(),
];
printf("PHP %s, opcache %s, JIT %s (opcache.jit=%s), segment extension %s\n",
    $env['php'], $env['opcache'] ? 'on' : 'off', $env['jit'] ? 'on' : 'off', $env['jit_mode'],
    $env['extension'] ? 'loaded ' . $env['extension_version'] : 'not loaded');

// ---------------------------------------------------------------- data

$t = hrtime(true);
$customers = segment_bench_customers($n);
printf("%d customers generated in %.2f s (seed %d, now %s)\n",
    $n, (hrtime(true) - $t) / 1e9, SEGMENT_BENCH_SEED, gmdate('Y-m-d H:i:s', $now));

/** @var list<array{code: string, name: string, priority: int, rule: string, symfony: string, php: \Closure}> $rules */
$rules = require __DIR__ . '/rules.php';
if (count($rules) !== 20 || count(array_unique(array_column($rules, 'code'))) !== 20) {
    fwrite(STDERR, "rules.php must define 20 rules with distinct codes\n");
    exit(2);
}
// Definitions as the extension and the JSON file get them (definition order).
$definitions = [];
foreach ($rules as $r) {
    $definitions[] = ['code' => $r['code'], 'name' => $r['name'], 'rule' => $r['rule'],
                      'priority' => $r['priority'], 'enabled' => true];
}
// PHP peers evaluate in priority order: higher first, ties in definition order.
$ordered = $rules;
usort($ordered, static fn(array $a, array $b): int => $b['priority'] <=> $a['priority']); // stable in PHP 8

// ---------------------------------------------------------------- methods

/**
 * Each method: 'list' => fn(array $c): list<string> for the correctness
 * check, 'loop' => fn(array $customers): int timing loop (returns the number
 * of matches so the work cannot be skipped), or 'skip' => reason.
 */
$methods = [];

// (1) extension
if (extension_loaded('segment')) {
    try {
        $set = new Segment\RuleSet($definitions);
        $methods['extension'] = [
            'list' => static fn(array $c): array => $set->match($c, $now),
            'loop' => static function (array $customers) use ($set, $now): int {
                $total = 0;
                foreach ($customers as $c) {
                    $m = $set->match($c, $now);
                    $total += count($m);
                }
                return $total;
            },
        ];
    } catch (Throwable $e) {
        $where = $e instanceof Segment\RuleSyntaxError
            ? sprintf(' [segment %s, line %d, column %d, expected %s]', $e->getSegmentCode(),
                $e->getRuleLine(), $e->getRuleColumn(), $e->getExpected())
            : '';
        $methods['extension'] = ['skip' => 'error: ' . get_class($e) . ': ' . $e->getMessage() . $where];
    }
} else {
    $methods['extension'] = ['skip' => 'skipped (extension not loaded)'];
}

// (2)-(3) Symfony
if (segment_bench_symfony_available()) {
    $el = segment_bench_expression_language();
    $names = ['c', 'now'];

    $parsed = [];
    $compiled = [];
    $compiledSource = [];
    foreach ($ordered as $r) {
        $parsed[$r['code']] = $el->parse($r['symfony'], $names);
        $src = $el->compile($r['symfony'], $names);
        $compiledSource[$r['code']] = $src;
        $compiled[$r['code']] = eval('return static function (array $c, int $now) { return ' . $src . '; };');
    }

    $methods['symfony-cached'] = [
        'list' => static function (array $c) use ($el, $parsed, $now): array {
            $m = [];
            $vars = ['c' => $c, 'now' => $now];
            foreach ($parsed as $code => $p) {
                if ($el->evaluate($p, $vars)) {
                    $m[] = $code;
                }
            }
            return $m;
        },
        'loop' => static function (array $customers) use ($el, $parsed, $now): int {
            $total = 0;
            foreach ($customers as $c) {
                $m = [];
                $vars = ['c' => $c, 'now' => $now];
                foreach ($parsed as $code => $p) {
                    if ($el->evaluate($p, $vars)) {
                        $m[] = $code;
                    }
                }
                $total += count($m);
            }
            return $total;
        },
    ];

    if ($withString) {
        $strings = array_column($ordered, 'symfony', 'code');
        $methods['symfony-string'] = [
            'list' => static function (array $c) use ($el, $strings, $now): array {
                $m = [];
                $vars = ['c' => $c, 'now' => $now];
                foreach ($strings as $code => $expr) {
                    if ($el->evaluate($expr, $vars)) {
                        $m[] = $code;
                    }
                }
                return $m;
            },
            'loop' => static function (array $customers) use ($el, $strings, $now): int {
                $total = 0;
                foreach ($customers as $c) {
                    $m = [];
                    $vars = ['c' => $c, 'now' => $now];
                    foreach ($strings as $code => $expr) {
                        if ($el->evaluate($expr, $vars)) {
                            $m[] = $code;
                        }
                    }
                    $total += count($m);
                }
                return $total;
            },
        ];
    }

    $methods['symfony-compiled'] = [
        'list' => static function (array $c) use ($compiled, $now): array {
            $m = [];
            foreach ($compiled as $code => $fn) {
                if ($fn($c, $now)) {
                    $m[] = $code;
                }
            }
            return $m;
        },
        'loop' => static function (array $customers) use ($compiled, $now): int {
            $total = 0;
            foreach ($customers as $c) {
                $m = [];
                foreach ($compiled as $code => $fn) {
                    if ($fn($c, $now)) {
                        $m[] = $code;
                    }
                }
                $total += count($m);
            }
            return $total;
        },
    ];
} else {
    $methods['symfony-cached'] = ['skip' => 'skipped (symfony/expression-language not found)'];
    $methods['symfony-compiled'] = ['skip' => 'skipped (symfony/expression-language not found)'];
}

// (4) hand-written closures
$closures = array_column($ordered, 'php', 'code');
$methods['closures'] = [
    'list' => static function (array $c) use ($closures, $now): array {
        $m = [];
        foreach ($closures as $code => $fn) {
            if ($fn($c, $now)) {
                $m[] = $code;
            }
        }
        return $m;
    },
    'loop' => static function (array $customers) use ($closures, $now): int {
        $total = 0;
        foreach ($customers as $c) {
            $m = [];
            foreach ($closures as $code => $fn) {
                if ($fn($c, $now)) {
                    $m[] = $code;
                }
            }
            $total += count($m);
        }
        return $total;
    },
];

$active = array_keys(array_filter($methods, static fn(array $m): bool => !isset($m['skip'])));
foreach ($methods as $name => $m) {
    if (isset($m['skip'])) {
        printf("%-17s %s\n", $name, $m['skip']);
    }
}

// ---------------------------------------------------------------- correctness

$reference = 'closures';
$mismatch = array_fill_keys($active, 0);
$errors = array_fill_keys($active, 0);
$anyMismatch = 0;
$perRule = array_fill_keys(array_keys($closures), 0);
$shown = 0;
$t = hrtime(true);
foreach ($customers as $i => $c) {
    $lists = [];
    foreach ($active as $name) {
        try {
            $lists[$name] = $methods[$name]['list']($c);
        } catch (Throwable $e) {
            $errors[$name]++;
            $lists[$name] = ['!' . get_class($e) . ': ' . $e->getMessage()];
        }
    }
    foreach ($lists[$reference] as $code) {
        $perRule[$code]++;
    }
    $bad = false;
    foreach ($active as $name) {
        if ($lists[$name] !== $lists[$reference]) {
            $mismatch[$name]++;
            $bad = true;
        }
    }
    if ($bad) {
        $anyMismatch++;
        if ($shown++ < 5) {
            echo "MISMATCH customer #$i ", json_encode($c, JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION), "\n";
            foreach ($active as $name) {
                $missing = array_diff($lists[$reference], $lists[$name]);
                $extra = array_diff($lists[$name], $lists[$reference]);
                printf("  %-17s %s%s%s\n", $name, implode(',', $lists[$name]),
                    $missing ? '  missing: ' . implode(',', $missing) : '',
                    $extra ? '  extra: ' . implode(',', $extra) : '');
            }
        }
    }
}
printf("correctness: %d customers x 20 rules checked in %.2f s; %d customers with differing match lists\n",
    $n, (hrtime(true) - $t) / 1e9, $anyMismatch);
foreach ($active as $name) {
    printf("  %-17s mismatches %d%s\n", $name, $mismatch[$name], $errors[$name] ? ", exceptions {$errors[$name]}" : '');
}
echo "matches per segment (priority order):\n";
foreach ($ordered as $r) {
    printf("  %-18s prio %3d  %6.2f %%\n", $r['code'], $r['priority'], 100 * $perRule[$r['code']] / $n);
}
$avgMatches = array_sum($perRule) / $n;
printf("  average %.2f matching segments per customer\n", $avgMatches);

// ---------------------------------------------------------------- timing

/** @param list<float> $xs */
function segment_bench_median(array $xs): float
{
    sort($xs);
    $k = count($xs);
    return $k % 2 ? $xs[intdiv($k, 2)] : ($xs[$k / 2 - 1] + $xs[$k / 2]) / 2;
}

$results = [];
foreach ($methods as $name => $m) {
    $results[$name] = isset($m['skip'])
        ? ['status' => $m['skip']]
        : ['status' => 'ok', 'mismatches' => $mismatch[$name], 'exceptions' => $errors[$name], 'samples' => []];
}

if (!$skipTiming && $anyMismatch === 0) {
    if ($noGc) {
        gc_collect_cycles();
        gc_disable();
    }
    // Warm-up (tracing JIT needs hot loops; also fills CPU caches).
    $warm = array_slice($customers, 0, min($n, 5000));
    foreach ($active as $name) {
        $methods[$name]['loop']($warm);
        $methods[$name]['loop']($warm);
    }
    unset($warm);

    $expected = null;
    for ($r = 0; $r < $rounds; $r++) {
        $k = count($active);
        for ($j = 0; $j < $k; $j++) {
            $name = $active[($j + $r) % $k]; // rotate the order every round
            gc_collect_cycles();
            $t = hrtime(true);
            $total = $methods[$name]['loop']($customers);
            $ns = hrtime(true) - $t;
            $results[$name]['samples'][] = $ns / 1000 / $n;
            if ($expected !== null && $total !== $expected) {
                fwrite(STDERR, "$name: $total matches in timing loop, expected $expected\n");
                exit(1);
            }
            $expected = $total;
        }
        printf("round %d/%d:", $r + 1, $rounds);
        foreach ($active as $name) {
            printf("  %s %.3f", $name, end($results[$name]['samples']));
        }
        echo " µs/customer\n";
    }
    foreach ($active as $name) {
        $results[$name]['median'] = segment_bench_median($results[$name]['samples']);
        $results[$name]['min'] = min($results[$name]['samples']);
    }

    echo "\nµs per customer (20 rules, match list built), N=$n, R=$rounds:\n";
    printf("  %-17s %10s %10s %12s\n", 'method', 'median', 'min', 'vs ext');
    $ext = $results['extension']['median'] ?? null;
    foreach ($methods as $name => $m) {
        if (isset($m['skip'])) {
            printf("  %-17s %s\n", $name, $m['skip']);
            continue;
        }
        $res = $results[$name];
        printf("  %-17s %10.3f %10.3f %12s\n", $name, $res['median'], $res['min'],
            $ext ? sprintf('%.1fx', $res['median'] / $ext) : '-');
    }
}

// ---------------------------------------------------------------- cold / cache

$cold = null;
if (isset($methods['extension']['loop'])) {
    $dir = sys_get_temp_dir() . '/segment-bench-' . getmypid() . '-' . bin2hex(random_bytes(4));
    mkdir($dir, 0700);
    $json = json_encode(['segments' => $definitions], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES);
    $k = 50;
    $paths = [];
    for ($i = 0; $i < $k; $i++) {
        $paths[$i] = "$dir/segments-$i.json";
        file_put_contents($paths[$i], $json);
    }
    clearstatcache();

    $time1 = static function (callable $f): float {
        $t = hrtime(true);
        $f();
        return (hrtime(true) - $t) / 1000;
    };
    // Per-call cost of a fast operation: median over batches of $b calls.
    $batched = static function (callable $f, int $batches = 200, int $b = 100): float {
        $xs = [];
        for ($i = 0; $i < $batches; $i++) {
            $t = hrtime(true);
            for ($j = 0; $j < $b; $j++) {
                $f();
            }
            $xs[] = (hrtime(true) - $t) / 1000 / $b;
        }
        return segment_bench_median($xs);
    };

    $cold = ['rules_bytes' => strlen($json)];
    try {
        // First fromFile() of a path: stat, read, JSON decode, parse, compile.
        $xs = [];
        foreach ($paths as $p) {
            $xs[] = $time1(static fn() => Segment\RuleSet::fromFile($p));
        }
        $cold['fromfile_cold_us'] = segment_bench_median($xs);
        $cold['fromfile_cold_min_us'] = min($xs);

        $p0 = $paths[0];
        $cold['fromfile_hit_us'] = $batched(static fn() => Segment\RuleSet::fromFile($p0));

        $xs = [];
        for ($i = 0; $i < $k; $i++) {
            $key = "segment-bench-cold-$i";
            $xs[] = $time1(static fn() => Segment\RuleSet::cached($key, static fn() => $definitions));
        }
        $cold['cached_cold_us'] = segment_bench_median($xs);

        Segment\RuleSet::cached('k', static fn() => $definitions);
        $cold['cached_hit_us'] = $batched(static fn() => Segment\RuleSet::cached('k', static fn() => $definitions));

        $xs = [];
        for ($i = 0; $i < $k; $i++) {
            $xs[] = $time1(static fn() => new Segment\RuleSet($definitions));
        }
        $cold['construct_us'] = segment_bench_median($xs);

        $same = Segment\RuleSet::fromFile($p0)->match($customers[0], $now) === $methods['extension']['list']($customers[0]);
        $cold['fromfile_same_result'] = $same;
    } catch (Throwable $e) {
        $cold['error'] = get_class($e) . ': ' . $e->getMessage();
    }
    foreach ($paths as $p) {
        @unlink($p);
    }
    @rmdir($dir);

    echo "\nobtaining a compiled set (µs, median):\n";
    foreach ($cold as $key => $v) {
        printf("  %-22s %s\n", $key, is_float($v) ? sprintf('%.3f', $v) : var_export($v, true));
    }
}

// ---------------------------------------------------------------- output

if ($jsonOut !== null) {
    $doc = [
        'env' => $env,
        'n' => $n,
        'rounds' => $rounds,
        'now' => $now,
        'seed' => SEGMENT_BENCH_SEED,
        'avg_matches' => $avgMatches,
        'mismatching_customers' => $anyMismatch,
        'methods' => $results,
        'cold' => $cold,
        'per_rule_pct' => array_map(static fn(int $x): float => round(100 * $x / $n, 2), $perRule),
    ];
    file_put_contents($jsonOut, json_encode($doc, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION) . "\n");
}

if ($anyMismatch > 0) {
    fwrite(STDERR, "FAIL: $anyMismatch customers with differing match lists\n");
    exit(1);
}
if (isset($methods['extension']['skip']) && str_starts_with($methods['extension']['skip'], 'error')) {
    exit(1);
}
exit(0);
