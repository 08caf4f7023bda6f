<?php
/**
 * Progress on stderr while an order file is read (rows, rate, ETA) and for
 * the steps after it: one line rewritten with "\r" on a terminal, plain
 * lines otherwise (a log file, a CI job). Silent unless enabled.
 */

declare(strict_types=1);

namespace Segment\Cli;

final class Progress
{
    private float $started;
    private int $width = 0;   // length of the line last drawn with \r
    /** @var resource */
    private $out;

    /**
     * @param bool $enabled progress lines at all (--progress, or stderr is a terminal)
     * @param bool $tty     redraw one line with \r instead of printing lines
     * @param resource|null $out where to write (default STDERR)
     */
    public function __construct(public readonly bool $enabled, private bool $tty, $out = null)
    {
        $this->out = $out ?? STDERR;
        $this->started = hrtime(true) / 1e9;
    }

    /** Enabled when asked, or when stderr is a terminal; never with --quiet. */
    public static function fromOptions(array $opts): self
    {
        $tty = function_exists('stream_isatty') && stream_isatty(STDERR);
        return new self(!($opts['quiet'] ?? false) && (($opts['progress'] ?? false) || $tty), $tty);
    }

    /** The callable for Profiles::fromCsv()'s 'progress' option, or null. */
    public function reader(string $path): ?\Closure
    {
        if (!$this->enabled) return null;
        $name = basename($path);
        return function (array $i) use ($name): void {
            $this->show(reading_line($name, $i));
        };
    }

    /** A line of its own (a database reader's or writer's progress). */
    public function line(string $line): void
    {
        if ($this->enabled) $this->show($line);
    }

    /** A step starts ("fitting RFM scores"). */
    public function step(string $what): void
    {
        if ($this->enabled) $this->show($what . ' ...');
    }

    /** The end: the total time, and a line end after a \r line. */
    public function done(string $what): void
    {
        if (!$this->enabled) return;
        $this->show(sprintf('%s in %s', $what, format_seconds(hrtime(true) / 1e9 - $this->started)));
        if ($this->tty) fwrite($this->out, "\n");
        $this->width = 0;
    }

    /** Ends a \r line before other output goes to stderr (an error message). */
    public function clear(): void
    {
        if ($this->enabled && $this->tty && $this->width > 0) {
            fwrite($this->out, "\r" . str_repeat(' ', $this->width) . "\r");
            $this->width = 0;
        }
    }

    private function show(string $line): void
    {
        if ($this->tty) {
            $pad = max(0, $this->width - strlen($line));
            fwrite($this->out, "\r" . $line . str_repeat(' ', $pad));
            $this->width = strlen($line);
        } else {
            fwrite($this->out, $line . "\n");
        }
    }
}

/**
 * "orders.csv: 131,072 lines, 2.5 of 7.6 MB (33 %), 270,000 lines/s, about 4 s left"
 *
 * @param array{lines: int, bytes: int, total_bytes: ?int, seconds: float} $i
 */
function reading_line(string $name, array $i): string
{
    $s = sprintf('reading %s: %s lines', $name, number_format($i['lines']));
    $total = $i['total_bytes'];
    if ($total !== null && $total > 0) {
        $s .= sprintf(', %s of %s (%d %%)', format_bytes($i['bytes']), format_bytes($total),
            (int) floor(100 * $i['bytes'] / $total));
    } elseif ($i['bytes'] > 0) {
        $s .= ', ' . format_bytes($i['bytes']);
    }
    if ($i['seconds'] > 0.05) {
        $s .= sprintf(', %s lines/s', number_format($i['lines'] / $i['seconds']));
        if ($total !== null && $i['bytes'] > 0 && $i['bytes'] < $total) {
            $left = $i['seconds'] * ($total - $i['bytes']) / $i['bytes'];
            $s .= ', about ' . format_seconds($left) . ' left';
        }
    }
    return $s;
}

function format_bytes(int $n): string
{
    if ($n < 1000) return "$n bytes";
    if ($n < 1000 * 1000) return sprintf('%.1f kB', $n / 1000);
    if ($n < 1000 ** 3) return sprintf('%.1f MB', $n / 1000 ** 2);
    return sprintf('%.2f GB', $n / 1000 ** 3);
}

function format_seconds(float $s): string
{
    if ($s < 1) return sprintf('%.2f s', $s);
    if ($s < 60) return sprintf('%.1f s', $s);
    if ($s < 3600) return sprintf('%d min %02d s', intdiv((int) $s, 60), (int) $s % 60);
    return sprintf('%d h %02d min', intdiv((int) $s, 3600), intdiv((int) $s % 3600, 60));
}
