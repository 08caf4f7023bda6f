<?php

/**
 * Symfony ExpressionLanguage set-up for the rule benchmark: the functions the
 * `symfony` forms of rules.php use, for both evaluate() and compile().
 *
 * Debian 12 ships symfony/expression-language 5.4 as php-symfony-expression-language
 * (autoloader below).  SEGMENT_BENCH_SYMFONY_AUTOLOAD overrides the path.
 */

declare(strict_types=1);

use Symfony\Component\ExpressionLanguage\ExpressionFunction;
use Symfony\Component\ExpressionLanguage\ExpressionLanguage;

/** days_since(x) = floor((now - strtotime(x)) / 86400); null stays null. */
function segment_bench_days_since(?string $date, int $now): ?int
{
    return $date === null ? null : (int) floor(($now - strtotime($date)) / 86400);
}

/** month(x): month of the (local) date; null stays null. */
function segment_bench_month(?string $date): ?int
{
    return $date === null ? null : (int) date('n', strtotime($date));
}

/** Loads Symfony's autoloader; returns false when it is not installed. */
function segment_bench_symfony_available(): bool
{
    if (class_exists(ExpressionLanguage::class)) {
        return true;
    }
    $autoload = getenv('SEGMENT_BENCH_SYMFONY_AUTOLOAD')
        ?: '/usr/share/php/Symfony/Component/ExpressionLanguage/autoload.php';
    if (!is_file($autoload)) {
        return false;
    }
    require_once $autoload;
    return class_exists(ExpressionLanguage::class);
}

function segment_bench_expression_language(): ExpressionLanguage
{
    $el = new ExpressionLanguage();

    // days_since() needs "now": evaluate() gets it from the variables, the
    // compiled code from the $now parameter of the generated closure.
    $el->register(
        'days_since',
        static fn(string $x): string => sprintf('\segment_bench_days_since(%s, $now)', $x),
        static fn(array $vars, ?string $x): ?int => segment_bench_days_since($x, $vars['now']),
    );
    $el->register(
        'month',
        static fn(string $x): string => sprintf('\segment_bench_month(%s)', $x),
        static fn(array $vars, ?string $x): ?int => segment_bench_month($x),
    );
    $el->addFunction(ExpressionFunction::fromPhp('strtolower', 'lower'));
    $el->addFunction(ExpressionFunction::fromPhp('count'));
    $el->addFunction(ExpressionFunction::fromPhp('str_contains'));
    $el->addFunction(ExpressionFunction::fromPhp('str_starts_with'));
    $el->addFunction(ExpressionFunction::fromPhp('str_ends_with'));

    return $el;
}
