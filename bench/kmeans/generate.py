#!/usr/bin/python3
"""Writes the data of the k-means benchmark: Gaussian blobs, fixed seed.

    /usr/bin/python3 bench/kmeans/generate.py DIR [--n 100000 1000000] [--d 3 8] [--k 4 8 16]
                                              [--seed 20240615] [--centers 10]

For every n and d, DIR/blobs-n{N}-d{D}.f64: n x d doubles, little-endian,
row-major, no header (point i is values i*d .. i*d+d-1), and DIR/blobs-n{N}-d{D}.json
(n, d, seed, centers, sha256 of the .f64). For every n, d and k,
DIR/init-n{N}-d{D}-k{K}.f64: k distinct rows of the data (k x d doubles),
the shared initial centroids of the fixed-init runs (every method starts
from them, so all do the same Lloyd iterations).

The blobs: `centers` centres uniform in [-10, 10]^d, a standard deviation per
centre uniform in [1, 3.5] (neighbouring blobs overlap, as customer features
do), unequal blob sizes (Dirichlet weights, alpha 2), one feature in every
blob stretched by 1 + |N(0, 1)| so the clusters are not spheres. Points are
shuffled. numpy's PCG64 generator: the same arguments give the same bytes on
every platform. Files that exist with the right size are kept.
"""

import argparse
import hashlib
import json
import os
import sys

import numpy as np


def blobs(n, d, centers, seed):
    rng = np.random.Generator(np.random.PCG64([seed, n, d]))
    c = rng.uniform(-10.0, 10.0, size=(centers, d))
    std = rng.uniform(1.0, 3.5, size=centers)
    stretch = np.ones((centers, d))
    stretch[np.arange(centers), rng.integers(0, d, size=centers)] = 1.0 + np.abs(rng.standard_normal(centers))
    w = rng.dirichlet(np.full(centers, 2.0))
    sizes = rng.multinomial(n, w)
    lab = np.repeat(np.arange(centers), sizes)
    rng.shuffle(lab)
    x = c[lab] + rng.standard_normal((n, d)) * (std[lab, None] * stretch[lab])
    return np.ascontiguousarray(x, dtype="<f8"), sizes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--n", type=int, nargs="+", default=[100000, 1000000])
    ap.add_argument("--d", type=int, nargs="+", default=[3, 8])
    ap.add_argument("--k", type=int, nargs="+", default=[4, 8, 16])
    ap.add_argument("--seed", type=int, default=20240615)
    ap.add_argument("--centers", type=int, default=10)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    for n in a.n:
        for d in a.d:
            base = os.path.join(a.dir, f"blobs-n{n}-d{d}")
            meta_path = base + ".json"
            x = None
            if os.path.exists(base + ".f64") and os.path.getsize(base + ".f64") == n * d * 8 and os.path.exists(meta_path):
                with open(meta_path) as f:
                    meta = json.load(f)
                if meta.get("seed") == a.seed and meta.get("centers") == a.centers:
                    x = np.fromfile(base + ".f64", dtype="<f8").reshape(n, d)
            if x is None:
                x, sizes = blobs(n, d, a.centers, a.seed)
                x.tofile(base + ".f64.tmp")
                os.replace(base + ".f64.tmp", base + ".f64")
                meta = {"n": n, "d": d, "seed": a.seed, "centers": a.centers,
                        "blob_sizes": [int(s) for s in sizes],
                        "sha256": hashlib.sha256(x.tobytes()).hexdigest()}
                with open(meta_path, "w") as f:
                    json.dump(meta, f)
                print(f"wrote {base}.f64 ({n} x {d})", file=sys.stderr)
            for k in a.k:
                rng = np.random.Generator(np.random.PCG64([a.seed, n, d, k, 1]))
                idx = rng.choice(n, size=k, replace=False)
                init = np.ascontiguousarray(x[idx], dtype="<f8")
                init.tofile(os.path.join(a.dir, f"init-n{n}-d{d}-k{k}.f64"))


if __name__ == "__main__":
    main()
