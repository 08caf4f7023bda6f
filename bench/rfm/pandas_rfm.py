#!/usr/bin/python3
"""RFM with pandas, the way a notebook does it, on the definitions of
docs/rfm.md (the computation of tests/rfm/reference.py without its checks
and extra columns): read_csv, classify lines, one groupby for the profile,
rank(method="first") + qcut for the scores, the segment maps.

    /usr/bin/python3 bench/rfm/pandas_rfm.py FILE.csv --data=gen|uci [--out=DUMP.csv]

--data=gen: generate.py's columns, reference 2025-01-01 00:00:00;
--data=uci: UCI Online Retail (amount = Quantity x UnitPrice), reference
2011-12-10 12:50:00. Cancel prefix "C", returns "exclude", 5 bins.

Profile per customer: first and last order, orders (nunique of the order id
over counted lines; on both files equal to the extension's "order id
changed" count), monetary (groupby sum: Kahan in file order, as the
extension), cancelled orders and returned amount over the excluded lines.
Amounts are parsed with float_precision="round_trip" (correctly rounded, as
reference.py and the extension). Prints one JSON line; --out writes the same
dump as ext.php / plain.php.
"""

import argparse
import json
import sys
import time

import numpy as np
import pandas as pd

Q = 5
ANY = (1, 5)
RF11 = [("Champions", (5, 5), (4, 5), ANY), ("Loyal Customers", (3, 4), (4, 5), ANY),
        ("Potential Loyalists", (4, 5), (2, 3), ANY), ("New Customers", (5, 5), (1, 1), ANY),
        ("Promising", (4, 4), (1, 1), ANY), ("Need Attention", (3, 3), (3, 3), ANY),
        ("About To Sleep", (3, 3), (1, 2), ANY), ("At Risk", (1, 2), (3, 4), ANY),
        ("Can't Lose Them", (1, 2), (5, 5), ANY), ("Hibernating", (2, 2), (1, 2), ANY),
        ("Lost", (1, 1), (1, 2), ANY)]
CORE = [("Champions", (4, 5), (4, 5), (4, 5), "core"), ("Loyalists", ANY, (4, 5), ANY, "core"),
        ("Big Spenders", ANY, ANY, (4, 5), "core"),
        ("Promising", (4, 5), (2, 3), ANY, "potential core"),
        ("New Customers", (4, 5), (1, 1), ANY, "potential core"),
        ("Lost", (1, 2), (1, 2), (1, 3), "non-core"), ("Low Value", ANY, ANY, ANY, "non-core")]
RETENTION = [("Active", (4, 5), ANY, ANY), ("Drifting", (3, 3), ANY, ANY),
             ("Churn Risk", (2, 2), ANY, ANY), ("Lost", (1, 1), ANY, ANY)]

DATASETS = {
    "gen": dict(customer="customer_id", order="order_id", date="order_date", amount="amount",
                reference="2025-01-01 00:00:00"),
    "uci": dict(customer="CustomerID", order="InvoiceNo", date="InvoiceDate", quantity="Quantity",
                price="UnitPrice", reference="2011-12-10 12:50:00"),
}


def first_match(rules, r, f, m):
    for rule in rules:
        if rule[1][0] <= r <= rule[1][1] and rule[2][0] <= f <= rule[2][1] and rule[3][0] <= m <= rule[3][1]:
            return rule
    return None


def lookup(rules, field):
    """numpy array indexed by (r-1)*25 + (f-1)*5 + (m-1): the first matching rule's field."""
    out = []
    for r in range(1, Q + 1):
        for f in range(1, Q + 1):
            for m in range(1, Q + 1):
                rule = first_match(rules, r, f, m)
                out.append(rule[field] if rule else "")
    return np.array(out, dtype=object)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path")
    ap.add_argument("--data", choices=sorted(DATASETS), required=True)
    ap.add_argument("--out")
    a = ap.parse_args()
    d = DATASETS[a.data]
    t0 = time.perf_counter()

    cust, order, date = d["customer"], d["order"], d["date"]
    num_cols = [d["amount"]] if "amount" in d else [d["quantity"], d["price"]]
    df = pd.read_csv(a.path, usecols=[cust, order, date] + num_cols, dtype={order: str, date: str},
                     float_precision="round_trip")
    n_lines = len(df)
    df = df[df[cust].notna()]  # guest lines (no customer id) are skipped
    n_nocust = n_lines - len(df)
    df[date] = pd.to_datetime(df[date], format="%Y-%m-%d %H:%M:%S")
    if "amount" in d:
        amount = df[d["amount"]].to_numpy(dtype=np.float64)
        ret = amount < 0
    else:
        qty = df[d["quantity"]].to_numpy(dtype=np.float64)
        amount = qty * df[d["price"]].to_numpy(dtype=np.float64)
        ret = (amount < 0) | (qty < 0)
    df["amount_"] = amount
    cancel = df[order].str.startswith("C").to_numpy()
    counted = ~(cancel | ret)

    c = df[counted]
    prof = c.groupby(cust).agg(first=(date, "min"), last=(date, "max"),
                               frequency=(order, "nunique"), monetary=("amount_", "sum"))
    x = df[~counted]
    returned = x["amount_"].abs().groupby(x[cust]).sum()
    xc = x[cancel[~counted]]
    cancelled_orders = xc.groupby(cust)[order].nunique()
    n_customers = len(prof.index.union(returned.index))
    t1 = time.perf_counter()

    # groupby sorted the customers: ascending numeric id (integer column), as
    # the definition of the pandas method requires; rank ties in that order
    reference = pd.Timestamp(d["reference"])
    prof["recency"] = (reference - prof["last"]).dt.days
    r = pd.qcut(prof["recency"].rank(method="first"), Q, labels=[5, 4, 3, 2, 1]).astype(np.int64)
    f = pd.qcut(prof["frequency"].rank(method="first"), Q, labels=[1, 2, 3, 4, 5]).astype(np.int64)
    m = pd.qcut(prof["monetary"].rank(method="first"), Q, labels=[1, 2, 3, 4, 5]).astype(np.int64)
    cell = ((r - 1) * 25 + (f - 1) * 5 + (m - 1)).to_numpy()
    prof["r"], prof["f"], prof["m"] = r, f, m
    prof["segment"] = lookup(RF11, 0)[cell]
    prof["value_segment"] = lookup(CORE, 0)[cell]
    prof["group"] = lookup(CORE, 4)[cell]
    prof["retention"] = lookup(RETENTION, 0)[cell]
    segments = prof["segment"].value_counts().sort_index()
    t2 = time.perf_counter()

    if a.out:
        ids = prof.index.to_numpy()
        if ids.dtype.kind == "f":  # UCI: the customer column is float (it has blanks)
            ids = ids.astype(np.int64)
        dump = pd.DataFrame({
            "customer": ids.astype(str), "recency": prof["recency"].to_numpy(),
            "frequency": prof["frequency"].to_numpy(),
            "monetary": [repr(float(v)) for v in prof["monetary"].to_numpy()],
            "r": prof["r"].to_numpy(), "f": prof["f"].to_numpy(), "m": prof["m"].to_numpy(),
            "segment": prof["segment"].to_numpy(), "value_segment": prof["value_segment"].to_numpy(),
            "group": prof["group"].to_numpy(), "retention": prof["retention"].to_numpy(),
        })
        dump.to_csv(a.out, index=False, lineterminator="\n")

    print(json.dumps({
        "method": "pandas", "lines": n_lines, "lines_without_customer": n_nocust,
        "customers": n_customers, "scored": len(prof),
        "segments": {k: int(v) for k, v in segments.items()},
        "cancelled_orders": int(cancelled_orders.sum()), "returned": float(returned.sum()),
        "read_s": t1 - t0, "score_s": t2 - t1,
    }))


if __name__ == "__main__":
    main()
