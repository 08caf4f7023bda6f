#!/usr/bin/python3
"""Reference RFM scores for segment's C implementation (see tests/rfm/README.md).

    /usr/bin/python3 tests/rfm/reference.py ORDERS.csv[.xz] OUT.csv [options]

Reads order lines, builds one profile per customer and writes one row per
customer that has at least one counted line, sorted by numeric customer id:

    customer,recency,frequency,monetary,first_order,last_order,r,f,m,
    segment,group,retention,group_class,monetary_seq,cancelled_orders,returned

Definitions: docs/rfm.md. Only pandas and numpy are used (Debian package
python3-pandas; run with /usr/bin/python3). Summary statistics go to stderr.
"""

import argparse
import math
import sys
import time

import numpy as np
import pandas as pd

Q = 5  # number of score levels

# --------------------------------------------------------------------------
# Default maps. A map is a list of rules {name, r, f, m, group}; each of r, f,
# m is an inclusive [lo, hi] range of scores; the first matching rule wins.
# --------------------------------------------------------------------------
ANY = [1, 5]

SEGMENTS_11 = [
    {"name": "Champions",           "r": [5, 5], "f": [4, 5], "m": ANY},
    {"name": "Loyal Customers",     "r": [3, 4], "f": [4, 5], "m": ANY},
    {"name": "Potential Loyalists", "r": [4, 5], "f": [2, 3], "m": ANY},
    {"name": "New Customers",       "r": [5, 5], "f": [1, 1], "m": ANY},
    {"name": "Promising",           "r": [4, 4], "f": [1, 1], "m": ANY},
    {"name": "Need Attention",      "r": [3, 3], "f": [3, 3], "m": ANY},
    {"name": "About To Sleep",      "r": [3, 3], "f": [1, 2], "m": ANY},
    {"name": "At Risk",             "r": [1, 2], "f": [3, 4], "m": ANY},
    {"name": "Can't Lose Them",     "r": [1, 2], "f": [5, 5], "m": ANY},
    {"name": "Hibernating",         "r": [2, 2], "f": [1, 2], "m": ANY},
    {"name": "Lost",                "r": [1, 1], "f": [1, 2], "m": ANY},
]

CORE_GROUPS = [
    {"name": "Champions",     "r": [4, 5], "f": [4, 5], "m": [4, 5], "group": "core"},
    {"name": "Loyalists",     "r": ANY,    "f": [4, 5], "m": ANY,    "group": "core"},
    {"name": "Big Spenders",  "r": ANY,    "f": ANY,    "m": [4, 5], "group": "core"},
    {"name": "Promising",     "r": [4, 5], "f": [2, 3], "m": ANY,    "group": "potential core"},
    {"name": "New Customers", "r": [4, 5], "f": [1, 1], "m": ANY,    "group": "potential core"},
    {"name": "Lost",          "r": [1, 2], "f": [1, 2], "m": [1, 3], "group": "non-core"},
    {"name": "Low Value",     "r": ANY,    "f": ANY,    "m": ANY,    "group": "non-core"},
]

RETENTION = [
    {"name": "Active",     "r": [4, 5], "f": ANY, "m": ANY},
    {"name": "Drifting",   "r": [3, 3], "f": ANY, "m": ANY},
    {"name": "Churn Risk", "r": [2, 2], "f": ANY, "m": ANY},
    {"name": "Lost",       "r": [1, 1], "f": ANY, "m": ANY},
]


def first_match(rules, r, f, m):
    for rule in rules:
        if (rule["r"][0] <= r <= rule["r"][1] and rule["f"][0] <= f <= rule["f"][1]
                and rule["m"][0] <= m <= rule["m"][1]):
            return rule
    return None


def check_maps():
    """Every (r, f, m) cell is matched by each map; the 11-segment map's
    (r, f) cells are each covered by exactly one rule."""
    for r in range(1, Q + 1):
        for f in range(1, Q + 1):
            hits = [s["name"] for s in SEGMENTS_11
                    if s["r"][0] <= r <= s["r"][1] and s["f"][0] <= f <= s["f"][1]]
            if len(hits) != 1:
                raise SystemExit(f"segment map: cell R{r} F{f} matched by {hits}")
            for m in range(1, Q + 1):
                for rules in (CORE_GROUPS, RETENTION):
                    if first_match(rules, r, f, m) is None:
                        raise SystemExit(f"map without a match for R{r} F{f} M{m}")


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------
def qcut_rank_scores(values, higher_is_better):
    """pandas-compatible scores: qcut(values.rank(method="first"), Q).
    values is in ascending customer-id order (ties are broken by that order).
    Returns (scores, rank-space bin edges, max value of each bin 1..Q)."""
    ranks = values.rank(method="first")
    labels = list(range(1, Q + 1)) if higher_is_better else list(range(Q, 0, -1))
    cats, edges = pd.qcut(ranks, Q, labels=labels, retbins=True)
    scores = cats.astype(int)
    bins = pd.qcut(ranks, Q, labels=False)  # 0..Q-1 in rank order
    tmax = []
    for i in range(Q):  # an empty bin (n < Q) repeats the previous threshold
        inbin = values[bins == i]
        tmax.append(inbin.max() if len(inbin) else (tmax[-1] if tmax else -math.inf))
    tmax = list(np.maximum.accumulate(tmax))
    return scores, edges, tmax


def quantile_thresholds(values):
    """Thresholds of the "quantile" method: numpy.quantile (linear) at the
    inner points of numpy.linspace(0, 1, Q + 1), i.e. at i * (1 / Q) (for Q = 5,
    i = 3 that is 0.6000000000000001, not 0.6), as qcut does for its edges."""
    probs = np.linspace(0, 1, Q + 1)[1:-1]
    return np.quantile(values.to_numpy(dtype=np.float64), probs)


def quantile_scores(values, thresholds, higher_is_better):
    v = values.to_numpy(dtype=np.float64)
    above = np.zeros(len(v), dtype=np.int64)
    for t in thresholds:
        above += v > t
    s = 1 + above
    if not higher_is_better:
        s = Q + 1 - s
    return pd.Series(s, index=values.index)


# --------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("orders", help="order lines CSV (plain or .xz/.gz/.bz2/.zip)")
    ap.add_argument("out", help="output CSV")
    ap.add_argument("--reference", help='"YYYY-mm-dd HH:MM:SS"; default: max(date) of the file + 1 day')
    ap.add_argument("--customer", default="CustomerID")
    ap.add_argument("--order", default="InvoiceNo")
    ap.add_argument("--date", default="InvoiceDate")
    ap.add_argument("--quantity", default="Quantity")
    ap.add_argument("--price", default="UnitPrice")
    ap.add_argument("--cancel-prefix", default="C", help='"" for none')
    ap.add_argument("--status", help="order status column (none by default)")
    ap.add_argument("--cancelled-status", action="append", default=[],
                    help="a status value that means cancelled (repeatable)")
    ap.add_argument("--returns", choices=["exclude", "net"], default="exclude")
    ap.add_argument("--method", choices=["pandas", "quantile"], default="pandas",
                    help="score method for r, f, m (default pandas: rank + qcut)")
    a = ap.parse_args()

    t0 = time.perf_counter()
    check_maps()

    def log(*args):
        print(*args, file=sys.stderr)

    # ---- read ------------------------------------------------------------
    str_cols = [a.customer, a.order, a.date] + ([a.status] if a.status else [])
    df = pd.read_csv(
        a.orders,
        usecols=str_cols + [a.quantity, a.price],
        dtype={**{c: str for c in str_cols}, a.quantity: np.float64, a.price: np.float64},
        keep_default_na=False, na_values={a.quantity: [""], a.price: [""]},
        float_precision="round_trip",  # correctly rounded, like C strtod()
    )
    t_read = time.perf_counter()
    n_rows = len(df)
    try:
        dates = pd.to_datetime(df[a.date], format="%Y-%m-%d %H:%M:%S")
    except ValueError:
        dates = pd.to_datetime(df[a.date])
    if getattr(dates.dt, "tz", None) is not None:
        raise SystemExit("dates must be naive (no time zone)")
    reference = (pd.Timestamp(a.reference) if a.reference
                 else dates.max() + pd.Timedelta(days=1))

    # ---- classify lines ----------------------------------------------------
    has_cust = df[a.customer] != ""
    qty = df[a.quantity].to_numpy()
    price = df[a.price].to_numpy()
    amount = qty * price  # IEEE double product, no fused multiply-add
    order = df[a.order]
    cancel = np.zeros(n_rows, dtype=bool)
    if a.cancel_prefix:
        cancel |= order.str.startswith(a.cancel_prefix).to_numpy()
    if a.status and a.cancelled_status:
        cancel |= df[a.status].isin(a.cancelled_status).to_numpy()
    ret = (amount < 0) | (qty < 0)
    excluded = cancel | ret
    counted = ~excluded

    hc = has_cust.to_numpy()
    lines = pd.DataFrame({
        "cust": df[a.customer], "order": order, "date": dates,
        "amount": amount, "counted": counted, "cancel": cancel,
    })[hc]
    n_skipped = n_rows - len(lines)

    c = lines[lines["counted"]]
    x = lines[~lines["counted"]]
    # net: refunds (negative amounts of excluded lines) reduce monetary; an
    # excluded line with a positive amount (an order cancelled by status)
    # was never paid and adds nothing.
    money_lines = (pd.concat([c, x[x["amount"] < 0]]).sort_index(kind="stable")
                   if a.returns == "net" else c)

    # ---- per-customer values ----------------------------------------------
    def cust_order(keys):
        """Ascending numeric customer id when every id is an integer (what
        groupby on an int column gives), else byte order."""
        keys = pd.Index(keys)
        num = pd.to_numeric(keys, errors="coerce")
        if not num.isna().any() and (num == np.floor(num)).all():
            return keys[np.lexsort([np.asarray(keys, dtype=str), num.to_numpy()])]
        return keys.sort_values()

    custs = cust_order(c["cust"].unique())
    g = c.groupby("cust", sort=False)
    first = g["date"].min().reindex(custs)
    last = g["date"].max().reindex(custs)
    nunique = g["order"].nunique().reindex(custs)
    # frequency as the C code counts it: a new order whenever the order id
    # differs from the same customer's previous counted line (file order).
    cs = c[["cust", "order"]].iloc[np.argsort(c["cust"].to_numpy(), kind="stable")]
    new = ((cs["cust"] != cs["cust"].shift()) | (cs["order"] != cs["order"].shift())
           | (cs["order"] == ""))  # a line without an order id is an order of its own
    freq = new.groupby(cs["cust"]).sum().reindex(custs).astype(np.int64)
    n_freq_diff = int((freq != nunique).sum())

    # monetary: pandas groupby sum (Kahan-compensated, file order within the
    # customer) and the plain left-to-right sum in file order.
    money_lines = money_lines[money_lines["cust"].isin(custs)]
    monetary = money_lines.groupby("cust", sort=False)["amount"].sum().reindex(custs)
    seq = {}
    for k, v in zip(money_lines["cust"].to_numpy(), money_lines["amount"].to_numpy()):
        seq[k] = seq.get(k, 0.0) + float(v)
    monetary_seq = pd.Series([seq[k] for k in custs], index=custs, dtype=np.float64)
    # The same Kahan loop as pandas' group_sum (pandas/_libs/groupby.pyx),
    # written out: what the C code must do to match `monetary` bit for bit.
    ksum, kcomp = {}, {}
    for k, v in zip(money_lines["cust"].to_numpy(), money_lines["amount"].to_numpy()):
        s0 = ksum.get(k, 0.0)
        y = float(v) - kcomp.get(k, 0.0)
        t = s0 + y
        kcomp[k] = (t - s0) - y
        ksum[k] = t
    n_kahan_diff = sum(1 for k, v in zip(custs, monetary.to_numpy()) if ksum[k] != v)

    rseq = {}
    for k, v in zip(x["cust"].to_numpy(), x["amount"].to_numpy()):
        rseq[k] = rseq.get(k, 0.0) + abs(float(v))
    returned = pd.Series([rseq.get(k, 0.0) for k in custs], index=custs, dtype=np.float64)
    # cancelled orders, counted like frequency: a new one whenever the order id
    # differs from the same customer's previous cancelled line
    xc = x[x["cancel"]]
    xs = xc[["cust", "order"]].iloc[np.argsort(xc["cust"].to_numpy(), kind="stable")]
    xnew = (xs["cust"] != xs["cust"].shift()) | (xs["order"] != xs["order"].shift())
    cancelled_orders = xnew.groupby(xs["cust"]).sum().reindex(custs).fillna(0).astype(np.int64)
    n_canc_diff = int((cancelled_orders != xc.groupby("cust")["order"].nunique()
                       .reindex(custs).fillna(0).astype(np.int64)).sum())

    recency = (reference - last).dt.days.astype(np.int64)

    # ---- scores -----------------------------------------------------------
    n = len(custs)
    stats = {}
    pos = pd.RangeIndex(n)
    metrics = {"recency": (recency, False), "frequency": (freq, True), "monetary": (monetary, True)}
    scores = {}
    for name, (vals, better) in metrics.items():
        v = pd.Series(vals.to_numpy(), index=pos)
        s, edges, tmax = qcut_rank_scores(v, better)
        th = quantile_thresholds(v)
        if a.method == "pandas":
            scores[name] = s.to_numpy()
        else:
            scores[name] = quantile_scores(v, th, better).to_numpy()
        # single-customer score from the stored thresholds (max value of
        # bins 1..Q-1), compared with the batch (rank) score
        single = quantile_scores(v, tmax[:-1], better).to_numpy()
        stats[name] = (edges, tmax, th, int((single != s.to_numpy()).sum()))
    r, f, m = scores["recency"], scores["frequency"], scores["monetary"]
    seg = [first_match(SEGMENTS_11, *t)["name"] for t in zip(r, f, m)]
    core = [first_match(CORE_GROUPS, *t) for t in zip(r, f, m)]
    reten = [first_match(RETENTION, *t)["name"] for t in zip(r, f, m)]

    # ---- write ------------------------------------------------------------
    fmt_date = lambda s: s.dt.strftime("%Y-%m-%d %H:%M:%S").to_numpy()
    out = pd.DataFrame({
        "customer": np.asarray(custs, dtype=str),
        "recency": recency.to_numpy(),
        "frequency": freq.to_numpy(),
        "monetary": [repr(float(v)) for v in monetary.to_numpy()],
        "first_order": fmt_date(first),
        "last_order": fmt_date(last),
        "r": r, "f": f, "m": m,
        "segment": seg,
        "group": [cr["name"] for cr in core],
        "retention": reten,
        "group_class": [cr["group"] for cr in core],
        "monetary_seq": [repr(float(v)) for v in monetary_seq.to_numpy()],
        "cancelled_orders": cancelled_orders.to_numpy(),
        "returned": [repr(float(v)) for v in returned.to_numpy()],
    })
    out.to_csv(a.out, index=False, lineterminator="\n")
    t_end = time.perf_counter()

    # ---- summary ------------------------------------------------------------
    lc = lines["counted"].to_numpy()
    lcan = lines["cancel"].to_numpy()
    la = lines["amount"].to_numpy()
    log(f"input            {a.orders}")
    log(f"rows read        {n_rows}")
    log(f"rows skipped     {n_skipped} (no customer id)")
    log(f"reference        {reference}")
    log(f"returns policy   {a.returns}; score method {a.method}")
    log(f"customers        {n} with scores; "
        f"{lines['cust'].nunique() - n} more with no counted line (no scores)")
    log(f"rows used        {int(lc.sum())} counted lines"
        + (f" + {int((~lc).sum())} excluded lines added to monetary" if a.returns == "net" else ""))
    log(f"cancelled lines  {int(lcan.sum())} ({int(lines.loc[lcan, 'order'].nunique())} orders)")
    log(f"returned lines   {int((~lc & ~lcan).sum())} (negative amount or quantity, not cancelled)")
    log(f"excluded amount  {math.fsum(np.abs(la[~lc])):.2f} (sum of |amount|; 'returned' column)")
    log(f"total monetary   {math.fsum(monetary_seq.to_numpy()):.2f} "
        f"(fsum of per-customer values; counted lines alone: {math.fsum(la[lc]):.2f})")
    log(f"monetary         {int((monetary != monetary_seq).sum())} customers where the "
        f"Kahan (pandas) and left-to-right sums differ; "
        f"max |diff| {float((monetary - monetary_seq).abs().max()):.3g}")
    log(f"frequency        {n_freq_diff} customers where 'order id changed' count != nunique"
        + (" -- WARNING: some orders' lines are not adjacent; the file's frequency column"
           " is the 'order id changed' count" if n_freq_diff else ""))
    log(f"cancelled orders {n_canc_diff} customers where 'order id changed' count != nunique"
        + (" -- WARNING (the file has the 'order id changed' count)" if n_canc_diff else ""))
    log(f"monetary         pandas groupby sum == explicit Kahan loop: "
        f"{'yes, all customers' if n_kahan_diff == 0 else f'NO, {n_kahan_diff} differ'}")
    for name, (edges, tmax, th, n_single) in stats.items():
        log(f"{name}:")
        log(f"  qcut rank edges    {[float(e) for e in edges]}")
        log(f"  max value per bin  {[float(t) for t in tmax]} (bins 1..{Q} in rank order; "
            f"{'score 5..1' if name == 'recency' else 'score 1..5'})")
        log(f"  quantile method t  {[float(t) for t in th]} (numpy.quantile at linspace(0, 1, {Q + 1})[1:-1])")
        log(f"  single score from max-per-bin thresholds differs from batch score "
            f"for {n_single} customers")
    for title, col in (("segment", out["segment"]), ("group", out["group"]),
                       ("retention", out["retention"])):
        log(f"{title} sizes:")
        for k, v in col.value_counts().items():
            log(f"  {k:20s} {v:5d}")
    for name in ("r", "f", "m"):
        log(f"{name} counts           {out[name].value_counts().sort_index().to_dict()}")
    log(f"time             read {t_read - t0:.2f} s, total {t_end - t0:.2f} s")


if __name__ == "__main__":
    main()
