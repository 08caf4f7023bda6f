<?php

/**
 * The PHP API of the segment extension. This file is the single source of
 * truth: segment_arginfo.h is generated from it by scripts/gen-arginfo.
 *
 * @generate-class-entries
 */

namespace {
    /**
     * Code of the highest-priority enabled segment the customer is in, or
     * null. Uses $set; else the process default model (INI segment.model,
     * the customer taken as its profile, see Segment\Model::assign()); else
     * the rule set of INI segment.rules_file.
     *
     * @param array|object $customer
     */
    function segment_of(array|object $customer, ?Segment\RuleSet $set = null): ?string {}

    /**
     * Codes of every enabled segment the customer is in, highest priority
     * first; the same sources as segment_of().
     *
     * @param array|object $customer
     * @return list<string>
     */
    function segments_of(array|object $customer, ?Segment\RuleSet $set = null): array {}
}

namespace Segment {
    /** Base class of every exception the extension throws for bad content. */
    class Exception extends \Exception
    {
    }

    /**
     * A rule that does not parse or cannot type-check. Positions are 1-based;
     * getRuleLine()/getRuleColumn() because Exception::getLine() is PHP's.
     */
    class RuleSyntaxError extends Exception
    {
        private string $segmentCode = "";
        private int $ruleLine = 0;
        private int $ruleColumn = 0;
        private string $expected = "";

        public function getSegmentCode(): string {}
        public function getRuleLine(): int {}
        public function getRuleColumn(): int {}
        public function getExpected(): string {}
    }

    /** A customer attribute whose value cannot be used by rules. */
    class AttributeError extends Exception
    {
        private string $attribute = "";

        public function getAttribute(): string {}
    }

    /**
     * Bad order data: a CSV line or an order row that cannot be read.
     * getDataLine() is the 1-based CSV line (the row number for iterables),
     * getColumn() the column or key, getDataFile() the path ("" for iterables).
     */
    class DataError extends Exception
    {
        private string $dataFile = "";
        private int $dataLine = 0;
        private string $column = "";

        public function getDataFile(): string {}
        public function getDataLine(): int {}
        public function getColumn(): string {}
    }

    /**
     * A database problem while reading orders (Profiles::fromDatabase()): the
     * server cannot be reached, refuses the user name or password, lacks a
     * table or column, or the extension was built without MySQL support.
     * getCode() is the client's or server's error number (0 when none),
     * getSqlState() the SQLSTATE ("" when none). Messages never contain the
     * password or the user name (docs/mysql.md).
     */
    class DatabaseError extends Exception
    {
        private string $sqlState = "";

        public function getSqlState(): string {}
    }

    /**
     * Store::recompute() found another recompute of the same store (database
     * and table prefix) running: nothing was changed; try again later.
     */
    class StoreBusyError extends DatabaseError
    {
    }

    /**
     * Customer profiles aggregated from order lines, held natively: one small
     * record per customer, never the orders (docs/rfm.md).
     *
     * Options (both constructors): customer, order, date, amount or quantity
     * and price, status (column names or keys); date_format ("auto" or a
     * DateTime::createFromFormat-style format), delimiter, cancel_prefix,
     * cancelled_statuses (list of strings), returns ("exclude" or "net"),
     * reference (the time recency is measured to: DateTimeInterface, int or
     * date string; default now), progress (a callable given ['lines',
     * 'bytes', 'total_bytes', 'seconds'] every 65,536 lines and at the end).
     *
     * @strict-properties
     * @not-serializable
     */
    final class Profiles implements \Countable, \IteratorAggregate
    {
        /** Streams a CSV file of order lines from disk. */
        public static function fromCsv(string $path, array $options = []): Profiles {}

        /** Aggregates an iterable of order rows (arrays or objects; a PDO statement works). */
        public static function fromIterable(iterable $orders, array $options = []): Profiles {}

        /**
         * Streams the orders of a MySQL/MariaDB shop database (mysql_use_result:
         * rows are never buffered). $connection: "mysql://user:pass@host:port/db?..."
         * or an array (host, port, socket, user, password, database, ssl_ca,
         * ssl_cert, ssl_key, ssl_verify, connect_timeout). Options: platform
         * ("prestashop", "magento" or "custom"), prefix, query and map (custom),
         * cancelled_statuses, returns, reference, progress (docs/mysql.md).
         * Throws Segment\DatabaseError when built without --with-segment-mysql.
         * $connection is marked #[\SensitiveParameter] in MINIT (PHP 8.2+; kept
         * out of the stub so that PHP 8.1 still builds the generated arginfo).
         */
        public static function fromDatabase(array|string $connection, array $options = []): Profiles {}

        public function count(): int {}

        /** Yields customer id => profile array. */
        public function getIterator(): \Iterator {}

        /** One customer's profile, or null. */
        public function get(string|int $customerId): ?array {}

        /** @return array<string, array> */
        public function toArray(): array {}

        /** Writes one line per customer (with a header) to $path. */
        public function toCsv(string $path): void {}

        /** Lines read, lines without customer, cancelled and returned lines, first and last order, memory. */
        public function stats(): array {}
    }

    /**
     * RFM scores fitted on profiles: quantile thresholds per metric, every
     * customer's scores and named segments, and scoring of one customer at
     * request time from the stored thresholds (docs/rfm.md).
     *
     * @strict-properties
     * @not-serializable
     */
    final class Rfm implements \IteratorAggregate
    {
        /**
         * Options: bins (default 5), method ("quantile" or "pandas"),
         * reference (DateTimeInterface, int or date string; default now),
         * map (segment map: a built-in name or a list of rules; default
         * "rf11"), groups (default "core"), retention (default "retention").
         */
        public static function fit(Profiles $profiles, array $options = []): Rfm {}

        /**
         * Customer id => [r, f, m, score, segment, value_segment, group,
         * retention] for every scored customer, as one array.
         */
        public function scores(): array {}

        /**
         * Yields customer id => the same array scores() gives, built one at
         * a time in profile order. Throws for a loaded Rfm (no customers).
         */
        public function getIterator(): \Iterator {}

        /**
         * Customers per name of one map ("segment", "groups" or "retention"),
         * in rule order: name => [customers, share, monetary, recency_mean,
         * frequency_mean] (groups adds group). Every rule name is present,
         * empty ones with 0 customers; customers no rule matches are under "".
         */
        public function summary(string $map = "segment"): array {}

        /**
         * Writes every scored customer as CSV with a header (written to a
         * temporary file, then renamed over $path); returns the rows written.
         */
        public function toCsv(string $path): int {}

        /**
         * One customer from the stored thresholds: a profile array (recency or
         * last_order_at, frequency or orders, monetary), or null without orders.
         */
        public function score(array $profile): ?array {}

        /** The model: method, bins, reference, customers, thresholds and maps. */
        public function toArray(): array {}

        /** Writes the model as versioned JSON (atomically: write, then rename). */
        public function save(string $path): void {}

        public static function load(string $path): Rfm {}

        /** The built-in segment maps, as data. */
        public static function maps(): array {}
    }

    /**
     * k-means clustering of customers: k-means++ seeding, Lloyd iterations
     * accelerated with distance bounds, restarts; the scaler and centroids
     * are the model, so one customer can be predicted at request time
     * (docs/kmeans.md).
     *
     * @strict-properties
     * @not-serializable
     */
    final class KMeans implements \IteratorAggregate
    {
        /**
         * $data: a list of rows (lists of numbers, or arrays keyed by feature
         * name) or a Profiles object (read natively). Options: features,
         * reference, scale ("zscore", "minmax", "none"), log1p, weights,
         * n_init, max_iter, tol, seed, algorithm ("auto", "lloyd",
         * "hamerly", "elkan"), threads (1 or 2), init ("k-means++" or k rows
         * in original units), names (k strings). docs/kmeans.md has them all.
         */
        public static function fit(array|Profiles $data, int $k, array $options = []): KMeans {}

        /** The cluster of one row like fit()'s rows, or of a profile array. */
        public function predict(array $row): int {}

        /** [cluster, cluster_name, distance] for one row, to merge into a customer for rules. */
        public function assign(array $row): array {}

        /** Cluster of every fitted row, in row order (keyed as $data; customer id for Profiles). */
        public function labels(): array {}

        /** Per cluster: feature name => value, in original units. */
        public function centroids(): array {}

        /** Sum of squared distances to the nearest centroid, in scaled space. */
        public function inertia(): float {}

        public function iterations(): int {}

        /** Per cluster: cluster, name, description, size, share, centroid, percentiles. */
        public function describe(): array {}

        /** @return list<string> */
        public function names(): array {}

        /** The same model with other cluster names (a list of k strings). */
        public function withNames(array $names): KMeans {}

        /** Mean silhouette of the fitted rows; on a seeded sample of $sample rows above that (0: all). */
        public function silhouette(int $sample = 10000, int $seed = 0): float {}

        /**
         * Inertia and silhouette for k = $kMin .. $kMax:
         * [rows => [[k, inertia, silhouette, iterations], ...], suggested => k].
         */
        public static function suggestK(array|Profiles $data, int $kMin = 2, int $kMax = 10, array $options = []): array {}

        /** Yields row key (customer id for Profiles) => cluster. Throws for a loaded model. */
        public function getIterator(): \Iterator {}

        /** The model as data, as save() writes it. */
        public function toArray(): array {}

        /** Writes the model as versioned JSON (atomically: write, then rename). */
        public function save(string $path): void {}

        public static function load(string $path): KMeans {}
    }

    /**
     * What a store has fitted and configured: a rule set, RFM thresholds and
     * maps, a k-means model and settings, in one versioned file
     * (docs/model.md). Loaded once per process and kept across requests.
     *
     * @strict-properties
     * @not-serializable
     */
    final class Model
    {
        /** Models come from build() or load(). */
        private function __construct() {}

        /**
         * @param RuleSet|array $rules a RuleSet, or its definitions
         * @param array $settings free-form settings kept in the file; 'version'
         *   (string) names the model, default a digest of its contents
         */
        public static function build(RuleSet|array $rules, ?Rfm $rfm = null, ?KMeans $kmeans = null, array $settings = []): Model {}

        /** Writes the model file (atomically: write, then rename). */
        public function save(string $path): void {}

        /**
         * The model in a file, from the per-process cache while the file's
         * mtime and size are unchanged; with $version, while the cached model
         * has that model_version (no stat), else read again and checked.
         */
        public static function load(string $path, ?string $version = null): Model {}

        /**
         * One visitor's segments and attributes: ['segments' => codes, highest
         * priority first, 'attributes' => what the rules saw]. $profile: a
         * stored profile (Profiles::get()'s keys) merged with any other
         * customer attributes, or null for a guest; $context: the live request
         * (a Segment\Context or an array of attributes).
         */
        public function assign(?array $profile = null, Context|array|null $context = null, \DateTimeInterface|int|null $now = null): array {}

        /**
         * assign()'s segments alone: the codes, highest priority first, for
         * the same arguments (and the same exceptions), without building
         * the attributes array; the call for every page view.
         */
        public function segments(?array $profile = null, Context|array|null $context = null, \DateTimeInterface|int|null $now = null): array {}

        /** RuleSet::explain() for one segment, plus the attributes it saw. */
        public function explain(?array $profile, Context|array|null $context, string $code, \DateTimeInterface|int|null $now = null): array {}

        public function version(): string {}

        public function rules(): RuleSet {}

        public function rfm(): ?Rfm {}

        public function kmeans(): ?KMeans {}

        /** The model document, as the file holds it. */
        public function toArray(): array {}

        /** This process's model cache: hits, misses, entries. */
        public static function cacheInfo(): array {}
    }

    /**
     * Segment memberships in MySQL/MariaDB tables that every web node reads
     * (docs/store.md): one row per customer (profile, RFM, cluster, segments)
     * and one per membership, per generation; a recompute writes the next
     * generation and switches to it in one transaction, so readers always see
     * one complete generation. $connection as for Profiles::fromDatabase(),
     * with a database; option 'prefix' ([A-Za-z0-9_], at most 48) names the
     * tables ("ps_" gives ps_segment_customer ...). Throws
     * Segment\DatabaseError when built without --with-segment-mysql.
     * $connection is marked #[\SensitiveParameter] in MINIT.
     *
     * @strict-properties
     * @not-serializable
     */
    final class Store
    {
        public function __construct(array|string $connection, array $options = []) {}

        /** Creates the tables that are missing (idempotent). */
        public function install(): void {}

        /** Drops the store's tables, data included. */
        public function uninstall(): void {}

        /** Whether all of the store's tables exist. */
        public function installed(): bool {}

        /** The table names, by role: state, run, customer, member, history, pending. */
        public function tables(): array {}

        /**
         * Assigns every profile with the model, writes them as the next
         * generation, records entries and exits and switches to it atomically.
         * Options: now (the rules' clock; default the profiles' reference),
         * progress (a callable given ['phase', 'customers', 'total',
         * 'seconds']), batch (customers per INSERT, default 500). Returns the
         * summary: run, generation, customers, memberships, entries, exits,
         * segments (per code: members, previous, entered, exited),
         * updated_during_run, seconds.
         */
        public function recompute(Model $model, Profiles $profiles, array $options = []): array {}

        /**
         * Reassigns the customers of $profiles (typically one, read with
         * Profiles::fromDatabase()'s 'customer' option) in the current
         * generation: row, memberships and history. Option: now. Returns per
         * customer id: segments, entered, exited, generation, recompute_running.
         */
        public function update(Model $model, Profiles $profiles, array $options = []): array {}

        /** One customer's row of the current generation, or null. */
        public function customer(string|int $customerId): ?array {}

        /** Customer ids of a segment, in id order, after $after (keyset pagination). */
        public function members(string $segment, int $limit = 1000, string|int|null $after = null): array {}

        /** Members per segment code in the current generation. */
        public function counts(): array {}

        /** The latest recompute: id, generation, times, outcome, counts, model version, message. */
        public function lastRun(): ?array {}

        /** The current generation, its run, and the run in progress (if any). */
        public function state(): ?array {}

        /** A customer's segment entries and exits, newest first. */
        public function history(string|int $customerId, int $limit = 100): array {}
    }

    /**
     * The live request context: device, traffic source, landing page,
     * visitor, languages and local time, parsed natively from the request
     * (docs/context.md). Immutable: with() returns a new context.
     *
     * @strict-properties
     * @not-serializable
     */
    final class Context
    {
        /** Contexts come from fromRequest(). */
        private function __construct() {}

        /**
         * @param array $server $_SERVER (HTTP_USER_AGENT, HTTP_REFERER, HTTP_HOST,
         *   REQUEST_URI, HTTP_ACCEPT_LANGUAGE, HTTP_SEC_CH_UA_MOBILE, REQUEST_TIME)
         * @param array $cookie $_COOKIE
         * @param array $get $_GET (utm_* tags and click ids)
         * @param array $options own_hosts (list of host names), visitor_cookie
         *   (default "seg_visitor"), timezone (a name or a DateTimeZone), now
         *   (a DateTimeInterface or a Unix timestamp)
         */
        public static function fromRequest(array $server, array $cookie = [], array $get = [], array $options = []): Context {}

        /** @return array<string, mixed> every attribute, in a fixed order */
        public function toArray(): array {}

        /** One attribute, or $default when the context has no such attribute. */
        public function get(string $name, mixed $default = null): mixed {}

        /**
         * A new context with these attributes added or replaced (cart_total,
         * pages_viewed, country ...): string keys; values null, bool, int,
         * float, string or arrays of those.
         *
         * @param array $attributes name => value
         */
        public function with(array $attributes): Context {}
    }

    /**
     * A compiled, immutable set of segment rules.
     *
     * @strict-properties
     * @not-serializable
     */
    final class RuleSet implements \Countable
    {
        /**
         * Each definition: code (string), rule (string), and optionally
         * name (string), priority (int, higher first), enabled (bool).
         *
         * @param array $definitions list of definitions
         */
        public function __construct(array $definitions) {}

        /**
         * Loads a JSON file of definitions (a list, or {"segments": [...]}).
         * Compiled once per process and reused while the file's mtime and
         * size are unchanged (checked when segment.validate_timestamps is on).
         */
        public static function fromFile(string $path): RuleSet {}

        /**
         * Returns the set cached under $key, or calls $loader() for the
         * definitions, compiles and caches them. Change the key (e.g. include
         * a version or updated-at stamp) to change the rules.
         */
        public static function cached(string $key, callable $loader): RuleSet {}

        /**
         * Checks one rule for the back office. Returns the attribute paths it
         * reads; throws RuleSyntaxError with line and column otherwise. With
         * $attributes, a path whose first segment is not listed is an error.
         *
         * @param array|null $attributes list of attribute names
         * @return list<string>
         */
        public static function validate(string $rule, ?array $attributes = null): array {}

        /**
         * Codes of all enabled matching segments, highest priority first.
         *
         * @param array|object $customer
         * @return list<string>
         */
        public function match(array|object $customer, \DateTimeInterface|int|null $now = null): array {}

        /** @param array|object $customer */
        public function first(array|object $customer, \DateTimeInterface|int|null $now = null): ?string {}

        /** @param array|object $customer */
        public function matches(array|object $customer, string $code, \DateTimeInterface|int|null $now = null): bool {}

        /**
         * Which sub-conditions of one segment's rule held or failed.
         *
         * Returns code, rule, enabled, result, conditions (the leaf conditions
         * in source order, each with type, text, result and values) and tree.
         *
         * @param array|object $customer
         */
        public function explain(array|object $customer, string $code, \DateTimeInterface|int|null $now = null): array {}

        /** @return list<string> codes in priority order */
        public function codes(): array {}

        /** @return list<array> in priority order */
        public function definitions(): array {}

        /** @return list<string> attribute paths the rules read */
        public function attributes(): array {}

        public function count(): int {}
    }
}
