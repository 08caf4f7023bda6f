<?php
/**
 * Command-line arguments: `--name value`, `--name=value`, repeatable options,
 * flags, `--` and positional arguments, checked against one command's spec.
 */

declare(strict_types=1);

namespace Segment\Cli;

/** A mistake in the command line: exit status 2, with the command's usage. */
final class UsageError extends \Exception
{
    public function __construct(string $message, public readonly string $command = '')
    {
        parent::__construct($message);
    }
}

/** Bad input (a file, its data, a mapping): exit status 1. */
final class Failure extends \Exception
{
}

/**
 * Parses $args (without the program and command names).
 *
 * $spec maps option names (without "--") to their kind:
 *   'flag'   no value, true when given;
 *   'value'  one value, the last one given wins;
 *   'list'   a value, repeatable: a list of every value in order.
 *
 * Returns [options, positional arguments]. Options not given are absent
 * (flags false). An unknown option, a missing value or a value given to a
 * flag is a UsageError.
 *
 * @param list<string> $args
 * @param array<string, 'flag'|'value'|'list'> $spec
 * @return array{0: array<string, mixed>, 1: list<string>}
 */
function parse_args(array $args, array $spec, string $command): array
{
    $opts = [];
    foreach ($spec as $name => $kind) {
        if ($kind === 'flag') $opts[$name] = false;
        elseif ($kind === 'list') $opts[$name] = [];
    }
    $positional = [];
    $n = count($args);
    for ($i = 0; $i < $n; $i++) {
        $a = $args[$i];
        if ($a === '--') {
            array_push($positional, ...array_slice($args, $i + 1));
            break;
        }
        if (!str_starts_with($a, '--') || $a === '-') {
            if (str_starts_with($a, '-') && $a !== '-' && !is_numeric($a)) {
                throw new UsageError("unknown option $a", $command);
            }
            $positional[] = $a;
            continue;
        }
        $eq = strpos($a, '=');
        $name = substr($a, 2, $eq === false ? null : $eq - 2);
        if (!isset($spec[$name])) {
            throw new UsageError("unknown option --$name" . suggest($name, array_keys($spec)), $command);
        }
        if ($spec[$name] === 'flag') {
            if ($eq !== false) throw new UsageError("option --$name takes no value", $command);
            $opts[$name] = true;
            continue;
        }
        if ($eq !== false) {
            $value = substr($a, $eq + 1);
        } elseif ($i + 1 < $n) {
            $value = $args[++$i];
        } else {
            throw new UsageError("option --$name needs a value", $command);
        }
        if ($spec[$name] === 'list') $opts[$name][] = $value;
        else $opts[$name] = $value;
    }
    return [$opts, $positional];
}

/** " (did you mean --x?)" for a near miss, else "". */
function suggest(string $name, array $candidates): string
{
    $best = null;
    $bestDistance = 3;
    foreach ($candidates as $c) {
        $d = levenshtein($name, $c);
        if ($d < $bestDistance) {
            $best = $c;
            $bestDistance = $d;
        }
    }
    return $best === null ? '' : " (did you mean --$best?)";
}
