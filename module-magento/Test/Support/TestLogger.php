<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Support;

use Psr\Log\LoggerInterface;

final class TestLogger implements LoggerInterface
{
    public array $lines = [];

    public function error($message, array $context = []): void
    {
        $this->lines[] = ['error', (string) $message];
    }

    public function warning($message, array $context = []): void
    {
        $this->lines[] = ['warning', (string) $message];
    }

    public function info($message, array $context = []): void
    {
        $this->lines[] = ['info', (string) $message];
    }
}
