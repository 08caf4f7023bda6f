<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Cron;

use Psr\Log\LoggerInterface;
use Segment\CustomerSegment\Core\StoreBusy;
use Segment\CustomerSegment\Model\Services;

/** The nightly job segment_recompute (etc/crontab.xml): every website, one after the other. */
class Recompute
{
    public function __construct(private Services $services, private LoggerInterface $logger)
    {
    }

    public function execute(): void
    {
        if (!Services::available()) {
            $this->logger->warning('segment: ' . Services::EXTENSION_MISSING);

            return;
        }
        foreach ($this->services->websiteIds() as $websiteId) {
            if ($websiteId === 0) {
                continue;
            }
            try {
                $s = $this->services->module()->recompute()->all($websiteId, $this->services->settings($websiteId));
                $this->logger->info(sprintf('segment: website %d recomputed: %d customers, %d entries, %d exits', $websiteId, $s['customers'], $s['entries'], $s['exits']));
            } catch (StoreBusy $e) {
                $this->logger->info('segment: ' . $e->getMessage());
            } catch (\Throwable $e) {
                $this->logger->error(sprintf('segment: recomputing website %d failed: %s', $websiteId, $e->getMessage()), ['exception' => $e]);
            }
        }
    }
}
