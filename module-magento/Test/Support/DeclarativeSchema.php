<?php

declare(strict_types=1);

namespace Segment\CustomerSegment\Test\Support;

/**
 * CREATE TABLE statements from the module's etc/db_schema.xml, for the
 * test database, so the tests run against the tables Magento's declarative
 * schema creates (the subset of its column types the module uses; anything
 * else fails loudly).
 */
final class DeclarativeSchema
{
    private const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

    /** @return array<string, string> table => CREATE TABLE */
    public static function statements(string $file): array
    {
        $doc = new \DOMDocument();
        if (!$doc->load($file)) {
            throw new \RuntimeException("cannot parse $file");
        }
        $out = [];
        foreach ($doc->getElementsByTagName('table') as $table) {
            $name = $table->getAttribute('name');
            $lines = [];
            foreach ($table->getElementsByTagName('column') as $col) {
                if ($col->parentNode !== $table) {
                    continue;
                }
                $lines[] = self::column($col);
            }
            foreach ($table->childNodes as $node) {
                if (!$node instanceof \DOMElement) {
                    continue;
                }
                $cols = [];
                foreach ($node->getElementsByTagName('column') as $c) {
                    $cols[] = '`' . $c->getAttribute('name') . '`';
                }
                if ($node->tagName === 'index') {
                    $lines[] = 'KEY `' . $node->getAttribute('referenceId') . '` (' . implode(', ', $cols) . ')';
                } elseif ($node->tagName === 'constraint') {
                    $type = $node->getAttributeNS(self::XSI, 'type');
                    if ($type === 'primary') {
                        $lines[] = 'PRIMARY KEY (' . implode(', ', $cols) . ')';
                    } elseif ($type === 'unique') {
                        $lines[] = 'UNIQUE KEY `' . $node->getAttribute('referenceId') . '` (' . implode(', ', $cols) . ')';
                    } elseif ($type === 'foreign') {
                        $lines[] = 'CONSTRAINT `' . $node->getAttribute('referenceId') . '` FOREIGN KEY (`' . $node->getAttribute('column')
                            . '`) REFERENCES `' . $node->getAttribute('referenceTable') . '` (`' . $node->getAttribute('referenceColumn')
                            . '`) ON DELETE ' . ($node->getAttribute('onDelete') ?: 'NO ACTION');
                    } else {
                        throw new \RuntimeException("constraint type $type");
                    }
                }
            }
            $out[$name] = "CREATE TABLE `$name` (\n  " . implode(",\n  ", $lines) . "\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci";
        }

        return $out;
    }

    private static function column(\DOMElement $c): string
    {
        $type = $c->getAttributeNS(self::XSI, 'type');
        $unsigned = $c->getAttribute('unsigned') === 'true' ? ' UNSIGNED' : '';
        $sql = match ($type) {
            'int', 'smallint', 'bigint' => $type . $unsigned,
            'varchar' => 'varchar(' . ($c->getAttribute('length') ?: '255') . ')',
            'text', 'mediumtext', 'datetime' => $type,
            'timestamp' => 'timestamp',
            'decimal' => 'decimal(' . $c->getAttribute('precision') . ',' . $c->getAttribute('scale') . ')' . $unsigned,
            default => throw new \RuntimeException("column type $type"),
        };
        $sql = '`' . $c->getAttribute('name') . '` ' . $sql;
        $sql .= $c->getAttribute('nullable') === 'false' ? ' NOT NULL' : ' NULL';
        if ($c->hasAttribute('default')) {
            $d = $c->getAttribute('default');
            $sql .= ' DEFAULT ' . ($d === 'CURRENT_TIMESTAMP' ? $d : "'" . addslashes($d) . "'");
        }
        if ($c->getAttribute('on_update') === 'true') {
            $sql .= ' ON UPDATE CURRENT_TIMESTAMP';
        }
        if ($c->getAttribute('identity') === 'true') {
            $sql .= ' AUTO_INCREMENT';
        }

        return $sql;
    }
}
