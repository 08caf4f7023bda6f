#!/usr/bin/python3
"""Inertia of centroids, computed the same way for every method.

    /usr/bin/python3 bench/kmeans/check.py DATA.f64 --d D CENTROIDS.json...

Each CENTROIDS.json is a list of k lists of d numbers (what ext.php, sk.py,
plain.php and lloyd write with --centroids). For each, every point goes to
its nearest centroid (direct squared differences, not the
|x|^2 - 2xc + |c|^2 expansion) and the squared distances are summed with
math.fsum over per-chunk sums. Prints one JSON object: file => inertia.
The benchmark's inertia ratios use these numbers, not each method's own.
"""

import argparse
import json
import math

import numpy as np


def inertia(x, c):
    total = []
    for s in range(0, x.shape[0], 65536):
        xs = x[s:s + 65536]
        best = np.full(xs.shape[0], np.inf)
        for q in c:
            dd = xs - q
            best = np.minimum(best, np.einsum("ij,ij->i", dd, dd))
        total.append(math.fsum(best))
    return math.fsum(total)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--d", type=int, required=True)
    ap.add_argument("centroids", nargs="+")
    a = ap.parse_args()
    x = np.fromfile(a.data, dtype="<f8").reshape(-1, a.d)
    out = {}
    for path in a.centroids:
        with open(path) as f:
            c = np.array(json.load(f), dtype=np.float64)
        if c.ndim != 2 or c.shape[1] != a.d:
            out[path] = None
            continue
        out[path] = inertia(x, c)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
