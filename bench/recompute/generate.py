#!/usr/bin/python3
"""Writes a deterministic PrestaShop shop (customers, addresses, orders) as
tab-separated files for LOAD DATA INFILE (bench/recompute/load.sh).

    /usr/bin/python3 bench/recompute/generate.py OUTDIR [--customers 1000000] [--orders 10000000] [--seed 20240615]

Files in OUTDIR (written as NAME.tmp and renamed; "done" last):

- customer.tsv  id_customer, id_gender, is_guest, deleted, newsletter, date_add (Unix seconds, UTC)
- address.tsv   id_address, id_customer, id_country, date_add
- orders.tsv    id_order, id_customer, id_address_delivery, current_state, id_currency,
                conversion_rate (millionths), total_paid (cents, in the order's currency), date_add

The distributions:

- --customers rows in ps_customer, ids in sign-up order: 4 % guest accounts (is_guest = 1,
  one or two orders each), 1 % soft-deleted customers (deleted = 1, with their orders),
  5 % registered customers who never ordered, the rest registered customers with orders;
  0.05 % of the orders belong to a customer id that has no row (a hard-deleted customer);
- orders per ordering customer: 1 + a scaled Lomax (Pareto II, tail index 1.2) draw, capped
  at 5000, scaled so that the total is exactly --orders (with the defaults about a third of
  the customers order once, the median is 3 or 4, some thousands of times);
- dates over 2022-01-01 .. 2024-12-31 (3 years): each customer has a sign-up date (more in
  later years: a growing shop) and an exponential active lifetime; orders fall in it
  uniformly by day, time of day around 14:00; order ids in date order (auto-increment);
- amounts: log-normal per customer level (median about 55 EUR) times a log-normal per order,
  in cents; 85 % of orders in EUR (conversion_rate 1), 10 % in USD (rate around 1.08) and
  5 % in GBP (around 0.85), total_paid in the order's currency;
- states (ps_order_state ids of PrestaShop's installer): orders older than 14 days are
  5 Delivered (about 91 %), 4 Shipped, 2 Payment accepted, 11 Remote payment accepted, and
  not logable 6 Canceled (3 %), 7 Refunded (1.5 %), 8 Payment error (1 %); younger orders
  are spread over 1, 2, 3, 4, 10 (awaiting payment states are not logable); 0.01 % point to
  a state id that does not exist (99);
- one delivery address per customer, 15 % have a second one used for a third of their
  orders; countries from a fixed weighted list of 20 (ids 1..20, bench/recompute/load.sh).

Needs numpy and pandas (Debian python3-pandas; run with /usr/bin/python3). The same arguments give the
same files (numpy PCG64 generator).
"""

import argparse
import os
import time

import numpy as np

START = np.datetime64("2022-01-01T00:00:00")
START_S = int(START.astype("datetime64[s]").astype(np.int64))
DAYS = 1096  # 2022-01-01 .. 2024-12-31
CAP = 5000
ALPHA = 1.2
COUNTRY_WEIGHTS = np.array([30, 14, 10, 8, 6, 5, 4, 4, 3, 3, 2, 2, 2, 1.5, 1.5, 1, 1, 1, 0.5, 0.5])


def order_counts(rng, n, total):
    """Pareto-like counts >= 1 summing to exactly total (rfm/generate.py's)."""
    u = 1.0 - rng.random(n)
    base = u ** (-1.0 / ALPHA) - 1.0

    def counts(scale):
        return np.minimum(1 + np.floor(scale * base), CAP).astype(np.int64)

    lo, hi = 0.0, float(total)
    for _ in range(100):
        mid = (lo + hi) / 2
        if counts(mid).sum() < total:
            lo = mid
        else:
            hi = mid
    c = counts(lo)
    missing = total - int(c.sum())
    while missing > 0:
        idx = rng.choice(n, size=missing, replace=True)
        np.add.at(c, idx, 1)
        c = np.minimum(c, CAP)
        missing = total - int(c.sum())
    return c


def write_tsv(path, cols):
    """Integer columns, tab-separated, one row per line (pandas' C writer)."""
    import pandas as pd
    tmp = path + ".tmp"
    pd.DataFrame({i: c for i, c in enumerate(cols)}).to_csv(tmp, sep="\t", header=False, index=False,
                                                            chunksize=1_000_000)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--orders", type=int, default=10_000_000)
    ap.add_argument("--seed", type=int, default=20240615)
    a = ap.parse_args()
    n_cust, n_orders = a.customers, a.orders
    if n_cust < 100 or n_orders < n_cust:
        raise SystemExit("need at least 100 customers and as many orders as customers")
    os.makedirs(a.outdir, exist_ok=True)
    t0 = time.perf_counter()
    rng = np.random.default_rng(a.seed)

    # --- customers: kind 0 registered with orders, 1 guest, 2 deleted, 3 no orders
    kind = rng.choice(4, size=n_cust, p=[0.90, 0.04, 0.01, 0.05])
    # sign-up day: a growing shop (density rising over the 3 years), ids in sign-up order
    signup = np.sort(DAYS * np.sqrt(rng.random(n_cust)) - 30.0)  # some signed up before 2022
    signup = np.clip(signup, -365, DAYS - 1)
    cust_id = np.arange(1, n_cust + 1, dtype=np.int64)
    signup_s = START_S + np.floor(signup * 86400).astype(np.int64)

    # --- orders per customer
    n_missing = max(1, n_orders // 2000)  # orders of customers whose row is gone
    counts = np.zeros(n_cust, dtype=np.int64)
    guests = np.nonzero(kind == 1)[0]
    counts[guests] = 1 + (rng.random(len(guests)) < 0.15)
    buyers = np.nonzero((kind == 0) | (kind == 2))[0]
    rest = n_orders - n_missing - int(counts.sum())
    counts[buyers] = order_counts(rng, len(buyers), rest)

    ordering = np.nonzero(counts)[0]
    life = rng.exponential(0.8 * DAYS, n_cust) * (1 + np.log(np.maximum(counts, 1)))
    w0 = np.clip(signup, 0, DAYS - 1)
    w1 = np.clip(w0 + life, w0 + 1, DAYS)
    w1[guests] = w0[guests] + 1  # a guest orders on the day of the checkout
    level = np.log(55.0) + rng.normal(0.0, 0.6, n_cust)

    cust = np.repeat(np.arange(n_cust, dtype=np.int64), counts)
    day = np.floor(w0[cust] + rng.random(len(cust)) * (w1[cust] - w0[cust]))
    day = np.clip(day, 0, DAYS - 1).astype(np.int64)
    tod = np.mod(np.rint(rng.normal(14 * 3600, 3.5 * 3600, len(cust))), 86400).astype(np.int64)
    ts = START_S + day * 86400 + tod
    ocust = cust_id[cust]
    # orders of customers that are gone: ids above the last customer
    gone_id = n_cust + 1 + rng.integers(0, max(1, n_missing // 2), n_missing)
    gone_ts = START_S + rng.integers(0, DAYS * 86400, n_missing)
    ocust = np.concatenate([ocust, gone_id])
    ts = np.concatenate([ts, gone_ts])
    lev = np.concatenate([level[cust], np.log(55.0) + rng.normal(0.0, 0.6, n_missing)])
    n = len(ts)
    assert n == n_orders, (n, n_orders)

    eur_cents = np.maximum(np.rint(np.exp(lev + rng.normal(0.0, 0.8, n)) * 100), 1).astype(np.int64)
    cur = rng.choice(3, size=n, p=[0.85, 0.10, 0.05]) + 1
    rate_micro = np.where(cur == 1, 1_000_000,
                          np.where(cur == 2, np.rint(rng.normal(1.08, 0.03, n) * 1e6),
                                   np.rint(rng.normal(0.85, 0.02, n) * 1e6))).astype(np.int64)
    paid_cents = np.where(cur == 1, eur_cents, np.rint(eur_cents * rate_micro / 1e6)).astype(np.int64)

    end_s = START_S + DAYS * 86400
    age_days = (end_s - ts) / 86400.0
    old_states = np.array([5, 4, 2, 11, 6, 7, 8])
    old_p = np.array([0.910, 0.020, 0.010, 0.005, 0.030, 0.015, 0.010])
    young_states = np.array([1, 2, 3, 4, 10, 6, 8])
    young_p = np.array([0.05, 0.25, 0.30, 0.30, 0.06, 0.02, 0.02])
    state = np.where(age_days > 14, old_states[rng.choice(7, size=n, p=old_p / old_p.sum())],
                     young_states[rng.choice(7, size=n, p=young_p)])
    state[rng.random(n) < 0.0001] = 99

    # --- addresses: one per customer, a second one for 15 %
    n_addr1 = n_cust
    second = np.nonzero(rng.random(n_cust) < 0.15)[0]
    cw = COUNTRY_WEIGHTS / COUNTRY_WEIGHTS.sum()
    country1 = rng.choice(20, size=n_cust, p=cw) + 1
    country2 = np.where(rng.random(len(second)) < 0.7, country1[second], rng.choice(20, size=len(second), p=cw) + 1)
    addr_id = np.concatenate([cust_id, n_addr1 + 1 + np.arange(len(second), dtype=np.int64)])
    addr_cust = np.concatenate([cust_id, cust_id[second]])
    addr_country = np.concatenate([country1, country2])
    addr_date = np.concatenate([signup_s, signup_s[second] + 86400])
    second_of = np.zeros(n_cust + 1, dtype=np.int64)  # customer id -> second address id (0: none)
    second_of[cust_id[second]] = addr_id[n_addr1:]
    known = ocust <= n_cust
    oaddr = np.where(known, np.minimum(ocust, n_cust), 0)  # the first address has the customer's id
    sec = np.where(known, second_of[np.minimum(ocust, n_cust)], 0)
    use2 = (sec > 0) & (rng.random(n) < 1 / 3)
    oaddr = np.where(use2, sec, oaddr)
    oaddr = np.where(known, oaddr, 1 + rng.integers(0, n_cust, n))  # gone customers: some address

    # --- ids in date order (auto-increment), ties in random order
    order = np.lexsort((rng.random(n), ts))
    id_order = np.arange(1, n + 1, dtype=np.int64)
    cols = [id_order, ocust[order], oaddr[order], state[order], cur[order], rate_micro[order],
            paid_cents[order], ts[order]]

    gender = rng.choice(3, size=n_cust, p=[0.45, 0.45, 0.10])
    newsletter = (rng.random(n_cust) < 0.3).astype(np.int64)
    is_guest = (kind == 1).astype(np.int64)
    deleted = (kind == 2).astype(np.int64)
    write_tsv(os.path.join(a.outdir, "customer.tsv"), [cust_id, gender, is_guest, deleted, newsletter, signup_s])
    write_tsv(os.path.join(a.outdir, "address.tsv"), [addr_id, addr_cust, addr_country, addr_date])
    write_tsv(os.path.join(a.outdir, "orders.tsv"), cols)
    with open(os.path.join(a.outdir, "done"), "w") as f:
        f.write("customers=%d orders=%d seed=%d guests=%d deleted=%d no_orders=%d gone_orders=%d "
                "addresses=%d seconds=%.1f\n" % (n_cust, n, a.seed, int(is_guest.sum()), int(deleted.sum()),
                                                 int((kind == 3).sum()), n_missing, len(addr_id),
                                                 time.perf_counter() - t0))
    print(open(os.path.join(a.outdir, "done")).read(), end="")


if __name__ == "__main__":
    main()
