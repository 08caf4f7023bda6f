--TEST--
Attribute values: PrestaShop numeric strings, DateTime/DateTimeImmutable, backed enums, Stringable objects, maps as lists, references
--EXTENSIONS--
segment
--INI--
date.timezone=UTC
--FILE--
<?php
enum Tier: string { case Gold = 'gold'; case Silver = 'silver'; }
enum Level: int { case Bronze = 1; case Platinum = 4; }
final class Email implements Stringable
{
    public function __construct(private string $address) {}
    public function __toString(): string { return $this->address; }
}
$rs = new Segment\RuleSet([
    // PrestaShop returns every column as a string: "3", "500.000000", "1" for a tinyint
    ['code' => 'prestashop', 'rule' => 'orders_count >= 3 and total_paid > 499.99 and total_paid == 500 and active == 1 and active'],
    ['code' => 'recent', 'rule' => 'last_order > "2024-05-01" and days_since(last_order) < 30'],
    ['code' => 'mutable_date', 'rule' => 'date_add == "2020-01-01 10:00:00" and year(date_add) == 2020'],
    ['code' => 'gold', 'rule' => 'tier == "gold" and tier in ("gold", "silver")'],
    ['code' => 'platinum', 'rule' => 'level >= 4'],
    ['code' => 'shop_email', 'rule' => 'email ends with "@shop.fr" and length(email) == 9'],
    ['code' => 'groups', 'rule' => 'groups contains 3 and count(groups) == 2 and intersects(groups, ("3", 9))'],
    ['code' => 'nested_dates', 'rule' => 'min(visits) == "2024-01-05"'],
    ['code' => 'ref', 'rule' => 'ref == 5'],
]);
$five = 5;
$c = [
    'orders_count' => '3', 'total_paid' => '500.000000', 'active' => '1',
    'last_order' => new DateTimeImmutable('2024-05-20 10:00:00'),
    'date_add' => new DateTime('2020-01-01 10:00:00'),
    'tier' => Tier::Gold, 'level' => Level::Platinum,
    'email' => new Email('a@shop.fr'),
    'groups' => ['12' => 3, '40' => 5], // id => id maps, as shops store them
    'visits' => [new DateTime('2024-03-01'), new DateTimeImmutable('2024-01-05'), '2024-02-01'],
    'ref' => &$five,
];
echo implode(',', $rs->match($c, strtotime('2024-06-01 00:00:00 UTC'))), "\n";
$c['tier'] = Tier::Silver;
$c['level'] = Level::Bronze;
$c['active'] = '0';
echo implode(',', $rs->match($c, strtotime('2024-06-01 00:00:00 UTC'))), "\n";

// Values as explain() shows them: dates in ISO 8601, enums and Stringables by value.
$e = $rs->explain($c, 'gold', 0);
echo json_encode($e['conditions'][0]['values']), "\n";
unset($e);
$e = $rs->explain($c, 'recent', strtotime('2024-06-01 00:00:00 UTC'));
echo json_encode($e['conditions'][0]['values']), "\n";
unset($e);
?>
--EXPECT--
prestashop,recent,mutable_date,gold,platinum,shop_email,groups,nested_dates,ref
recent,mutable_date,shop_email,groups,nested_dates,ref
["silver","gold"]
["2024-05-20T10:00:00+00:00","2024-05-01"]
