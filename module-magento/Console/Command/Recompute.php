<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Console\Command;

use Segment\CustomerSegment\Core\StoreBusy;
use Segment\CustomerSegment\Model\Services;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;

/** bin/magento segment:recompute [--website=ID]: every customer of each website, with progress. */
class Recompute extends Command
{
    public const EXIT_BUSY = 3;

    public function __construct(private Services $services, ?string $name = null)
    {
        parent::__construct($name);
    }

    protected function configure()
    {
        $this->setName('segment:recompute')
            ->setDescription('Recompute every customer\'s profile, RFM scores, cluster and segments')
            ->addOption('website', 'w', InputOption::VALUE_REQUIRED, 'Only this website id');
        parent::configure();
    }

    protected function execute(InputInterface $input, OutputInterface $output)
    {
        if (!Services::available()) {
            $output->writeln('<error>' . Services::EXTENSION_MISSING . '</error>');

            return Command::FAILURE;
        }
        $only = $input->getOption('website');
        if ($only !== null && !ctype_digit((string) $only)) {
            $output->writeln('<error>--website takes a website id (a number)</error>');

            return Command::FAILURE;
        }
        $websites = $only !== null ? [(int) $only] : $this->services->websiteIds();
        $status = Command::SUCCESS;
        foreach ($websites as $websiteId) {
            if ($websiteId === 0) {
                continue;
            }
            $output->writeln(sprintf('<info>Website %d</info>', $websiteId));
            $progress = static function (array $p) use ($output): void {
                $line = match ($p['phase']) {
                    'read' => sprintf('  reading orders: %d lines', $p['lines']),
                    'fit' => sprintf('  fitting the model on %d customers', $p['customers']),
                    'write' => sprintf('  writing segments: %d / %d customers', $p['customers'], $p['total'] ?? 0),
                    'cleanup' => '  switching to the new generation',
                    default => '  ' . $p['phase'],
                };
                $output->writeln($line);
            };
            try {
                $s = $this->services->module()->recompute()->all($websiteId, $this->services->settings($websiteId), $progress);
            } catch (StoreBusy $e) {
                $output->writeln('<error>  ' . $e->getMessage() . '</error>');
                $status = self::EXIT_BUSY;
                continue;
            } catch (\Throwable $e) {
                $output->writeln('<error>  failed: ' . $e->getMessage() . '</error>');
                $status = Command::FAILURE;
                continue;
            }
            $output->writeln(sprintf(
                '  done: %d customers, %d memberships, %d entries, %d exits, generation %d, model %s, %.2f s',
                $s['customers'], $s['memberships'], $s['entries'], $s['exits'], $s['generation'], $s['model_version'], $s['seconds']
            ));
            foreach ($s['segments'] as $code => $n) {
                $output->writeln(sprintf('    %-24s %d', $code, $n));
            }
        }

        return $status;
    }
}
