<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Setup;

use Magento\Framework\Exception\LocalizedException;
use Magento\Framework\Setup\InstallSchemaInterface;
use Magento\Framework\Setup\ModuleContextInterface;
use Magento\Framework\Setup\SchemaSetupInterface;

/**
 * Runs on every setup:upgrade: the module refuses to be installed or
 * upgraded while the PHP running bin/magento lacks the segment extension.
 */
class Recurring implements InstallSchemaInterface
{
    public const MESSAGE = 'Segment_CustomerSegment needs the "segment" PHP extension, which this PHP does not load. '
        . 'Build and install it (phpize && ./configure --enable-segment --with-segment-mysql && make && make install), '
        . 'add extension=segment.so to the CLI and PHP-FPM ini files, then run setup:upgrade again; '
        . 'or disable the module: bin/magento module:disable Segment_CustomerSegment.';

    public function install(SchemaSetupInterface $setup, ModuleContextInterface $context)
    {
        if (!extension_loaded('segment')) {
            throw new LocalizedException(__(self::MESSAGE));
        }
    }
}
