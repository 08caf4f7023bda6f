--TEST--
Protected properties stay invisible on classes that extend stdClass
--DESCRIPTION--
Attributes are read as code outside any class would read them.  A protected property must not
become visible because the customer's class happens to extend stdClass.
--EXTENSIONS--
segment
--FILE--
<?php
class LegacyCustomer extends stdClass
{
    public $pub = 1;
    protected $secret = 'protected';
    private $hidden = 'private';
}
$rs = new Segment\RuleSet([
    ['code' => 'pub', 'rule' => 'pub == 1'],
    ['code' => 'secret', 'rule' => 'secret is not null'],
    ['code' => 'hidden', 'rule' => 'hidden is not null'],
]);
echo implode(',', $rs->match(new LegacyCustomer())), "\n";
?>
--EXPECT--
pub
