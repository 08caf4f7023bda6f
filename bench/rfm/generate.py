#!/usr/bin/python3
"""Writes a deterministic, realistic order export for the RFM benchmark.

    /usr/bin/python3 bench/rfm/generate.py OUT.csv [--rows 10000000] [--customers 1000000] [--seed 20240615]

One row per order, header customer_id,order_id,order_date,amount:

- customers: distinct 7-digit numeric ids in random order; every one has at
  least one row;
- orders per customer: 1 + a scaled Lomax (Pareto II, tail index 1.2) draw,
  capped at 5000 and scaled so that the total is exactly --rows: with the
  defaults about a third of the customers order once (as in the UCI data),
  the median is 2, about 11,000 customers order 100 times or more;
- dates "Y-m-d H:i:s" in 2023-01-01 .. 2024-12-31: each customer has an active
  window (acquisition date, exponential lifetime), orders fall in it
  uniformly by day, time of day around 14:00; rows are sorted by date (ties
  in random order), not by customer;
- order ids: numbers in date order from 10000001; about 2 % of rows are
  cancellations: order id "C" + number, amount = minus the amount of the same
  customer's previous order (a customer's first row is never one);
- amounts: log-normal per customer level (median about 45) times a
  log-normal per order, rounded to cents; 0.2 % are free orders (0.00).

Needs numpy (Debian python3-numpy; run with /usr/bin/python3). About 500 MB
for 10 million rows, written to OUT.csv.tmp and renamed at the end. The same
arguments give the same file (numpy PCG64 generator).
"""

import argparse
import os
import sys
import time

import numpy as np

START = np.datetime64("2023-01-01")
DAYS = 731  # 2023-01-01 .. 2024-12-31 (2024 is a leap year)
CAP = 5000  # most orders for one customer
ALPHA = 1.2  # Lomax tail index of orders per customer
CANCEL_SHARE = 0.02
FREE_SHARE = 0.002


def order_counts(rng, n_cust, n_rows):
    """Pareto-like counts >= 1 summing to exactly n_rows."""
    u = 1.0 - rng.random(n_cust)  # (0, 1]
    base = u ** (-1.0 / ALPHA) - 1.0  # Lomax (Pareto II), >= 0

    def counts(scale):
        return np.minimum(1 + np.floor(scale * base), CAP).astype(np.int64)

    lo, hi = 0.0, float(n_rows)
    for _ in range(100):  # bisection on the scale
        mid = (lo + hi) / 2
        if counts(mid).sum() < n_rows:
            lo = mid
        else:
            hi = mid
    c = counts(lo)
    missing = n_rows - int(c.sum())  # >= 0 and small: add to random customers below the cap
    while missing > 0:
        idx = rng.choice(n_cust, size=missing, replace=True)
        np.add.at(c, idx, 1)
        c = np.minimum(c, CAP)
        missing = n_rows - int(c.sum())
    return c


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20240615)
    a = ap.parse_args()
    if a.customers < 1 or a.rows < a.customers or a.rows > a.customers * CAP:
        raise SystemExit("need customers <= rows <= customers * %d" % CAP)
    t0 = time.perf_counter()
    rng = np.random.default_rng(a.seed)
    n_cust, n_rows = a.customers, a.rows

    ids = rng.choice(9_000_000, size=n_cust, replace=False) + 1_000_000
    counts = order_counts(rng, n_cust, n_rows)

    # active window of each customer, in days from START
    acq = rng.uniform(-0.4 * DAYS, DAYS, n_cust)
    life = rng.exponential(1.2 * DAYS, n_cust) * (1 + np.log(counts))
    w0 = np.clip(acq, 0, DAYS - 1)
    w1 = np.clip(acq + life, w0 + 1, DAYS)
    level = np.log(45.0) + rng.normal(0.0, 0.6, n_cust)  # spending level

    cust = np.repeat(np.arange(n_cust, dtype=np.int64), counts)  # row -> customer index
    day = np.floor(w0[cust] + rng.random(n_rows) * (w1[cust] - w0[cust])).astype(np.int64)
    day = np.clip(day, 0, DAYS - 1)
    tod = np.mod(np.rint(rng.normal(14 * 3600, 3.5 * 3600, n_rows)), 86400).astype(np.int64)
    ts = day * 86400 + tod
    cents = np.rint(np.exp(level[cust] + rng.normal(0.0, 0.8, n_rows)) * 100).astype(np.int64)
    cents = np.maximum(cents, 1)
    cents[rng.random(n_rows) < FREE_SHARE] = 0

    # cancellations: within a customer's rows in time order, a row that is not
    # the customer's first cancels the previous one (minus its amount)
    by_cust = np.lexsort((ts, cust))
    cancel = np.zeros(n_rows, dtype=bool)
    cand = rng.random(n_rows) < CANCEL_SHARE
    prev_same = np.zeros(n_rows, dtype=bool)
    prev_same[1:] = cust[by_cust][1:] == cust[by_cust][:-1]
    pick = cand & prev_same  # positions in by_cust order
    pos = np.nonzero(pick)[0]
    cancel[by_cust[pos]] = True
    cents[by_cust[pos]] = -np.abs(cents[by_cust[pos - 1]])
    # a cancelled row right before a cancellation row: keep it simple, amounts
    # stay negative (a second cancellation of the same order value)

    # rows in date order, ties in random order
    order = np.lexsort((rng.random(n_rows), ts))
    cust, ts, cents, cancel = cust[order], ts[order], cents[order], cancel[order]

    day_str = [str(START + np.timedelta64(d, "D")) for d in range(DAYS)]
    tod_str = ["%02d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60) for s in range(86400)]
    id_str = [str(x) for x in ids.tolist()]

    tmp = a.out + ".tmp"
    chunk = 500_000
    with open(tmp, "w", encoding="ascii", newline="\n") as fh:
        fh.write("customer_id,order_id,order_date,amount\n")
        for s in range(0, n_rows, chunk):
            e = min(s + chunk, n_rows)
            c_l = cust[s:e].tolist()
            t_l = ts[s:e].tolist()
            a_l = cents[s:e].tolist()
            x_l = cancel[s:e].tolist()
            lines = []
            for i, (c, t, am, x) in enumerate(zip(c_l, t_l, a_l, x_l), start=s):
                lines.append("%s,%s%d,%s %s,%s%d.%02d\n" % (
                    id_str[c], "C" if x else "", 10_000_001 + i,
                    day_str[t // 86400], tod_str[t % 86400],
                    "-" if am < 0 else "", abs(am) // 100, abs(am) % 100))
            fh.write("".join(lines))
    os.replace(tmp, a.out)

    size = os.path.getsize(a.out)
    print(f"wrote {a.out}: {n_rows} rows, {n_cust} customers, {int(cancel.sum())} cancellations, "
          f"{int((cents == 0).sum())} free orders, orders per customer: median {int(np.median(counts))}, "
          f"max {int(counts.max())}, {int((counts == 1).sum())} customers with one; "
          f"{size / 1e6:.0f} MB in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
