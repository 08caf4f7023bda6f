<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Unit;

use PHPUnit\Framework\TestCase;

/**
 * Every XML file of the module is well-formed, and valid against the XSD
 * its xsi:noNamespaceSchemaLocation names (urn:magento:...) when a Magento
 * source tree is given (MAGENTO_ROOT, a Magento installation with vendor/):
 * URNs resolve as Magento's UrnResolver does, to vendor/magento/framework/...
 * or vendor/magento/module-<name>/...
 */
final class XmlTest extends TestCase
{
    private static function root(): ?string
    {
        $r = getenv('MAGENTO_ROOT') ?: null;

        return $r !== null && is_dir("$r/vendor/magento/framework") ? $r : null;
    }

    public static function urnToPath(string $urn, string $root): ?string
    {
        if (preg_match('#^urn:magento:framework:(.+)$#', $urn, $m)) {
            return "$root/vendor/magento/framework/{$m[1]}";
        }
        if (preg_match('#^urn:magento:framework-([a-z-]+):(.+)$#', $urn, $m)) {
            return "$root/vendor/magento/framework-{$m[1]}/{$m[2]}";
        }
        if (preg_match('#^urn:magento:module:Magento_([A-Za-z]+):(.+)$#', $urn, $m)) {
            $dir = strtolower(preg_replace('/(?<!^)([A-Z])/', '-$1', $m[1]));

            return "$root/vendor/magento/module-$dir/{$m[2]}";
        }

        return null;
    }

    public static function files(): array
    {
        $out = [];
        $base = (string) realpath(__DIR__ . '/../..');
        $it = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($base, \FilesystemIterator::SKIP_DOTS));
        foreach ($it as $f) {
            $p = (string) $f;
            $rel = substr($p, strlen($base) + 1);
            if (str_ends_with($p, '.xml') && !str_starts_with($rel, 'Test/')) {
                $out[$rel] = [$p];
            }
        }
        ksort($out);

        return $out;
    }

    /** @dataProvider files */
    public function testWellFormedAndValid(string $file): void
    {
        $doc = new \DOMDocument();
        libxml_use_internal_errors(true);
        $this->assertTrue($doc->load($file), "$file is not well-formed");
        $schema = $doc->documentElement->getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'noNamespaceSchemaLocation');
        $this->assertStringStartsWith('urn:magento:', $schema, "$file names no Magento schema");
        $root = self::root();
        if ($root === null) {
            $this->markTestSkipped('no Magento source tree for the XSDs (MAGENTO_ROOT): checked well-formedness only');
        }
        $xsd = self::urnToPath($schema, $root);
        $this->assertFileExists((string) $xsd, $schema);
        libxml_set_external_entity_loader(static function ($public, $system, $context) use ($root) {
            if (is_string($system) && str_starts_with($system, 'urn:magento:')) {
                return self::urnToPath($system, $root);
            }

            return $system;
        });
        try {
            libxml_clear_errors();
            $ok = $doc->schemaValidate($xsd);
            $errors = array_map(static fn ($e) => trim($e->message) . ' (line ' . $e->line . ')', libxml_get_errors());
            $this->assertTrue($ok, "$file against $schema:\n" . implode("\n", $errors));
        } finally {
            libxml_set_external_entity_loader(null);
            libxml_clear_errors();
        }
    }

    public function testTheWhitelistMatchesTheDeclarativeSchema(): void
    {
        $whitelist = json_decode((string) file_get_contents(__DIR__ . '/../../etc/db_schema_whitelist.json'), true);
        $doc = new \DOMDocument();
        $doc->load(__DIR__ . '/../../etc/db_schema.xml');
        foreach ($doc->getElementsByTagName('table') as $table) {
            $name = $table->getAttribute('name');
            $this->assertArrayHasKey($name, $whitelist);
            foreach ($table->getElementsByTagName('column') as $col) {
                if ($col->parentNode === $table) {
                    $this->assertTrue($whitelist[$name]['column'][$col->getAttribute('name')] ?? false, "$name." . $col->getAttribute('name'));
                }
            }
            foreach (['index', 'constraint'] as $kind) {
                foreach ($table->getElementsByTagName($kind) as $el) {
                    $this->assertTrue($whitelist[$name][$kind][$el->getAttribute('referenceId')] ?? false, "$name $kind " . $el->getAttribute('referenceId'));
                }
            }
        }
    }
}
