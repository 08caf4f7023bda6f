<?php

namespace PrestaShop\Module\Segment;

use PrestaShop\Module\Segment\Db\Connection;

/**
 * Banners per segment and display hook. A visitor sees the banner of the
 * highest-priority segment they are in that has one for the hook, else the
 * default banner of the hook (id_segment 0), else nothing.
 */
final class Banners
{
    public const HOOKS = [
        'displayHome' => 'Home page',
        'displayBanner' => 'Banner (top of every page)',
        'displayTop' => 'Top',
        'displayProductAdditionalInfo' => 'Product page',
    ];

    /** @var array<string, list<array>>|null hook => banners, loaded once per request */
    private ?array $byHook = null;

    public function __construct(private Connection $db, private int $idShop)
    {
    }

    public function all(): array
    {
        return array_map([$this, 'cast'], $this->db->fetchAll(
            'SELECT b.*, d.code, d.name AS segment_name FROM ' . $this->db->table('segment_banner') . ' b
               LEFT JOIN ' . $this->db->table('segment_definition') . ' d ON d.id_segment = b.id_segment AND d.id_shop = b.id_shop
              WHERE b.id_shop = ? ORDER BY b.hook, b.id_segment, b.id_banner',
            [$this->idShop]
        ));
    }

    private function cast(array $b): array
    {
        foreach (['id_banner', 'id_shop', 'id_segment', 'active'] as $k) {
            $b[$k] = (int) $b[$k];
        }
        $b['code'] = $b['id_segment'] === 0 ? '' : (string) $b['code'];

        return $b;
    }

    /** @param list<string> $segments the visitor's codes, highest priority first */
    public function pick(string $hook, array $segments): ?array
    {
        if ($this->byHook === null) {
            $this->byHook = [];
            foreach ($this->all() as $b) {
                if ($b['active'] && ($b['id_segment'] === 0 || $b['code'] !== '')) {
                    $this->byHook[$b['hook']][] = $b;
                }
            }
        }
        $list = $this->byHook[$hook] ?? [];
        foreach ($segments as $code) {
            foreach ($list as $b) {
                if ($b['code'] === $code) {
                    return $b;
                }
            }
        }
        foreach ($list as $b) {
            if ($b['id_segment'] === 0) {
                return $b;
            }
        }

        return null;
    }

    /** Validates and stores a banner; returns ['id' => ..., 'errors' => [...]]. */
    public function save(array $in, int $id = 0): array
    {
        $errors = [];
        $hook = (string) ($in['hook'] ?? '');
        $idSegment = (string) ($in['id_segment'] ?? '0');
        $image = trim((string) ($in['image'] ?? ''));
        $link = trim((string) ($in['link'] ?? ''));
        $text = trim((string) ($in['text'] ?? ''));
        if (!isset(self::HOOKS[$hook])) {
            $errors['hook'] = 'Pick one of the display hooks.';
        }
        if (!ctype_digit($idSegment)) {
            $errors['id_segment'] = 'Pick a segment or "everyone else".';
        } elseif ((int) $idSegment > 0 && !$this->db->fetchValue(
            'SELECT 1 FROM ' . $this->db->table('segment_definition') . ' WHERE id_shop = ? AND id_segment = ?',
            [$this->idShop, (int) $idSegment]
        )) {
            $errors['id_segment'] = 'This segment does not exist.';
        }
        foreach (['image' => $image, 'link' => $link] as $field => $url) {
            if ($url !== '' && (strlen($url) > 255 || !self::safeUrl($url))) {
                $errors[$field] = 'Use an http(s) address or a path starting with / (at most 255 characters).';
            }
        }
        if ($image === '' && $text === '') {
            $errors['text'] = 'A banner needs an image or a text.';
        }
        if (mb_strlen($text) > 512 || !mb_check_encoding($text, 'UTF-8')) {
            $errors['text'] = 'The text is limited to 512 characters.';
        }
        if ($errors) {
            return ['id' => 0, 'errors' => $errors];
        }
        $now = date('Y-m-d H:i:s');
        $active = !empty($in['active']) ? 1 : 0;
        if ($id > 0) {
            $this->db->execute(
                'UPDATE ' . $this->db->table('segment_banner') . ' SET id_segment = ?, hook = ?, image = ?, link = ?, text = ?, active = ?, date_upd = ?
                  WHERE id_shop = ? AND id_banner = ?',
                [(int) $idSegment, $hook, $image, $link, $text, $active, $now, $this->idShop, $id]
            );
        } else {
            $this->db->execute(
                'INSERT INTO ' . $this->db->table('segment_banner') . ' (id_shop, id_segment, hook, image, link, text, active, date_add, date_upd)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [$this->idShop, (int) $idSegment, $hook, $image, $link, $text, $active, $now, $now]
            );
            $id = $this->db->lastInsertId();
        }
        $this->byHook = null;

        return ['id' => $id, 'errors' => []];
    }

    public function delete(int $id): bool
    {
        $this->byHook = null;

        return $this->db->execute('DELETE FROM ' . $this->db->table('segment_banner') . ' WHERE id_shop = ? AND id_banner = ?', [$this->idShop, $id]) > 0;
    }

    /** http(s) URLs and site paths only: no javascript:, data: or protocol-relative URLs. */
    public static function safeUrl(string $url): bool
    {
        if (preg_match('/[\x00-\x20"\'<>`\\\\]/', $url)) {
            return false;
        }
        if (str_starts_with($url, '/')) {
            return !str_starts_with($url, '//');
        }

        return (bool) preg_match('#^https?://[^/?\#]+#i', $url);
    }
}
