--TEST--
Segment\Context::with() on a context nothing else holds (a chain) adds in place; every context code can reach stays as it was
--EXTENSIONS--
segment
--FILE--
<?php
$server = ['HTTP_USER_AGENT' => 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) Mobile/15E148', 'REQUEST_TIME' => 1790078400];
$new = fn() => Segment\Context::fromRequest($server, [], [], ['timezone' => 'UTC']);
$extra = fn(Segment\Context $c) => array_slice($c->toArray(), 20);

// a chain: each with() adds to what the one before gave
$a = $new()->with(['cart_total' => 10.0])->with(['cart_items' => 2, 'cart_total' => 12.5])->with(['device' => 'tablet']);
echo 'chain: ', json_encode($extra($a)), ' device ', $a->get('device'), "\n";

// a context held by a variable, an array, an object or a parameter is never changed
$b = $a->with(['pages_viewed' => 3]);
echo 'variable: ', json_encode($extra($a)), ' / ', json_encode($extra($b)), "\n";
$list = [$new()->with(['x' => 1])];
$c = $list[0]->with(['x' => 2]);
echo 'array element: ', $list[0]->get('x'), ' / ', $c->get('x'), "\n";
$holder = new stdClass();
$holder->ctx = $new()->with(['x' => 1]);
$d = $holder->ctx->with(['x' => 3]);
echo 'property: ', $holder->ctx->get('x'), ' / ', $d->get('x'), "\n";
$f = function (Segment\Context $ctx) { return $ctx->with(['x' => 4]); };
$e = $new()->with(['x' => 1]);
$g = $f($e);
echo 'parameter: ', $e->get('x'), ' / ', $g->get('x'), "\n";
$h = $f($new()); // the caller's temporary: the function's parameter holds it
echo 'parameter from a temporary: ', $h->get('x'), "\n";

// what a context showed before is still what it shows (its attribute array was built)
$k = $new()->with(['x' => 1]);
$before = $k->toArray();
$l = $k->with(['x' => 5]);
echo 'after toArray(): ', $k->toArray() === $before ? 'unchanged' : 'CHANGED', ', new one ', $l->get('x'), "\n";
$m = clone $k;
$n = $m->with(['y' => 1]);
echo 'clone: ', $k->get('y') ?? 'no y', ', ', $m->get('y') ?? 'no y', ', ', $n->get('y'), "\n";

// a weak reference does not hold a context, but sees the one it was made for
$o = $new()->with(['x' => 1]);
$w = WeakReference::create($o);
$p = $o->with(['x' => 6]);
echo 'weak: ', $w->get() === $o ? 'same object' : 'other', ' x ', $w->get()->get('x'), ' / ', $p->get('x'), "\n";

// a rejected value in a chain throws and changes nothing anyone holds
try {
    $q = $a->with(['ok' => 1])->with(['bad' => new stdClass()]);
} catch (ValueError $ex) {
    echo get_class($ex), ': ', $ex->getMessage(), "\n";
}
echo 'after the error: ', json_encode($extra($a)), "\n";

// additions that are arrays, added in place, are still separated from the caller's
$cart = ['skus' => ['A']];
$r = $new()->with(['cart' => $cart]);
$cart['skus'][] = 'B';
echo 'cart: ', json_encode($r->get('cart')), "\n";

// a first with() keeps the caller's array itself; neither side sees the other's later changes
$mine = ['x' => 1];
$s = $new()->with($mine);
$mine['x'] = 2;
$mine['y'] = 1;
echo 'caller changes its array: ', $s->get('x'), ' ', $s->get('y') ?? 'no y', "\n";
$mine = ['x' => 1];
$t = $new()->with($mine)->with(['x' => 9, 'z' => 1]);
echo 'chain after the caller\'s array: ', json_encode($mine), ' / ', json_encode($extra($t)), "\n";
$u = $new()->with(array_merge(['x' => 1], ['w' => 2]))->with(['y' => 3]);
echo 'chain after a temporary: ', json_encode($extra($u)), "\n";
for ($i = 0; $i < 2; $i++) {
    $lit = $new()->with(['x' => 1]);
    echo 'literal, pass ', $i, ': ', json_encode($extra($lit)), ' then ', json_encode($extra($lit->with(['y' => $i]))), "\n";
}
$val = 1;
$withRef = ['x' => &$val, 'list' => [1, 2]];
$v = $new()->with($withRef);
$val = 7;
echo 'a reference in the array: ', $v->get('x'), "\n";

// the model sees the additions of a chain
$model = Segment\Model::build([['code' => 'tablet_cart', 'rule' => 'device == "tablet" and cart_items == 2']]);
echo 'segments: ', json_encode($model->segments(null, $a)), json_encode($model->segments(null, $new()->with(['cart_items' => 2]))), "\n";
?>
--EXPECT--
chain: {"cart_total":12.5,"cart_items":2} device tablet
variable: {"cart_total":12.5,"cart_items":2} / {"cart_total":12.5,"cart_items":2,"pages_viewed":3}
array element: 1 / 2
property: 1 / 3
parameter: 1 / 4
parameter from a temporary: 4
after toArray(): unchanged, new one 5
clone: no y, no y, 1
weak: same object x 1 / 6
ValueError: Segment\Context::with(): Argument #1 ($attributes) value of "bad" must be null, bool, int, float, string or an array of those, stdClass given
after the error: {"cart_total":12.5,"cart_items":2}
cart: {"skus":["A"]}
caller changes its array: 1 no y
chain after the caller's array: {"x":1} / {"x":9,"z":1}
chain after a temporary: {"x":1,"w":2,"y":3}
literal, pass 0: {"x":1} then {"x":1,"y":0}
literal, pass 1: {"x":1} then {"x":1,"y":1}
a reference in the array: 1
segments: ["tablet_cart"][]
