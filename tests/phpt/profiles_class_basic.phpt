--TEST--
Segment\Profiles and Segment\Rfm: final, not cloneable, not serializable; instances not made by the factories throw Error
--EXTENSIONS--
segment
--FILE--
<?php
foreach ([Segment\Profiles::class, Segment\Rfm::class] as $class) {
    $rc = new ReflectionClass($class);
    echo $class, ': final=', var_export($rc->isFinal(), true), ' interfaces=', implode(',', $rc->getInterfaceNames()), "\n";
}
$p = Segment\Profiles::fromIterable([['c' => 'x', 'd' => '2024-01-01', 'a' => 1]], ['customer' => 'c', 'date' => 'd', 'amount' => 'a']);
$r = Segment\Rfm::fit($p);
foreach ([
    'clone Profiles' => fn() => clone $p,
    'clone Rfm' => fn() => clone $r,
    'serialize Profiles' => fn() => serialize($p),
    'serialize Rfm' => fn() => serialize($r),
    'dynamic property' => fn() => $p->x = 1,
    'new Profiles, count()' => fn() => count(new Segment\Profiles()),
    'new Profiles, get()' => fn() => (new Segment\Profiles())->get('x'),
    'new Profiles, stats()' => fn() => (new Segment\Profiles())->stats(),
    'new Profiles, fit' => fn() => Segment\Rfm::fit(new Segment\Profiles()),
    'new Rfm, scores()' => fn() => (new Segment\Rfm())->scores(),
    'new Rfm, score()' => fn() => (new Segment\Rfm())->score(['recency' => 1, 'orders' => 1, 'monetary' => 1]),
    'new Rfm, toArray()' => fn() => (new Segment\Rfm())->toArray(),
    'new Rfm, foreach' => function () { foreach (new Segment\Rfm() as $v) echo "unexpected\n"; },
    'new Rfm, summary()' => fn() => (new Segment\Rfm())->summary(),
    'new Rfm, toCsv()' => fn() => (new Segment\Rfm())->toCsv(sys_get_temp_dir() . '/segment-never-written.csv'),
] as $label => $f) {
    try {
        $f();
        echo "$label: no error\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// An uninitialized Profiles iterates as empty.
foreach (new Segment\Profiles() as $k => $v) echo "unexpected\n";
echo "done\n";
?>
--EXPECT--
Segment\Profiles: final=true interfaces=Countable,IteratorAggregate,Traversable
Segment\Rfm: final=true interfaces=IteratorAggregate,Traversable
clone Profiles: Error: Trying to clone an uncloneable object of class Segment\Profiles
clone Rfm: Error: Trying to clone an uncloneable object of class Segment\Rfm
serialize Profiles: Exception: Serialization of 'Segment\Profiles' is not allowed
serialize Rfm: Exception: Serialization of 'Segment\Rfm' is not allowed
dynamic property: Error: Cannot create dynamic property Segment\Profiles::$x
new Profiles, count(): Error: Segment\Profiles was not initialized
new Profiles, get(): Error: Segment\Profiles was not initialized
new Profiles, stats(): Error: Segment\Profiles was not initialized
new Profiles, fit: Error: Segment\Profiles was not initialized
new Rfm, scores(): Error: Segment\Rfm must be made with Rfm::fit() or Rfm::load()
new Rfm, score(): Error: Segment\Rfm must be made with Rfm::fit() or Rfm::load()
new Rfm, toArray(): Error: Segment\Rfm must be made with Rfm::fit() or Rfm::load()
new Rfm, foreach: Error: Segment\Rfm must be made with Rfm::fit() or Rfm::load()
new Rfm, summary(): Error: Segment\Rfm must be made with Rfm::fit() or Rfm::load()
new Rfm, toCsv(): Error: Segment\Rfm must be made with Rfm::fit() or Rfm::load()
done
