#!/usr/bin/python3
"""scikit-learn KMeans on one data file of the k-means benchmark.

    /usr/bin/python3 bench/kmeans/sk.py DATA.f64 --d D --k K [--algorithm lloyd|elkan]
        [--threads 1] [--n-init 3] [--max-iter 100] [--tol 1e-4] [--seed 0]
        [--init INIT.f64] [--centroids OUT.json]
    /usr/bin/python3 bench/kmeans/sk.py DATA.f64 --d D --serve

Loads DATA.f64 (generate.py: n x d little-endian doubles) with numpy, then
times only KMeans(...).fit(X) with time.perf_counter(), inside
threadpoolctl.threadpool_limits(THREADS) (OpenMP and BLAS). init is
"k-means++" (scikit-learn's greedy k-means++), or the k rows of INIT.f64
with n_init=1. Prints one JSON line: fit_s, inertia, n_iter (of the best
restart), rss_loaded_kb (VmRSS before the fit), peak_rss_kb (VmHWM after
it: the peak of the fit, data included, since the peak is reset before each
fit). --centroids writes the centroids as JSON.

--serve keeps the data loaded and answers fits requested on stdin, one JSON
object per line ({"k":..., "algorithm":..., "threads":..., "n_init":...,
"max_iter":..., "tol":..., "seed":..., "init": null|path, "centroids":
null|path}), with one JSON line each (bench.php's worker).
"""

import argparse
import gc
import json
import sys
import time

import numpy as np


def status_kb(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return None


def reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM to the current RSS
        return True
    except OSError:
        return False


def fit(x, p):
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    d = x.shape[1]
    k = int(p["k"])
    init = "k-means++"
    n_init = int(p.get("n_init", 3))
    if p.get("init"):
        init = np.fromfile(p["init"], dtype="<f8").reshape(k, d)
        n_init = 1
    algorithm = p.get("algorithm", "lloyd")
    threads = int(p.get("threads", 1))
    km = KMeans(n_clusters=k, init=init, n_init=n_init, max_iter=int(p.get("max_iter", 100)),
                tol=float(p.get("tol", 1e-4)), random_state=int(p.get("seed", 0)), algorithm=algorithm,
                copy_x=True)
    gc.collect()
    rss_loaded = status_kb("VmRSS")
    peak_reset = reset_peak()
    with threadpool_limits(limits=threads):
        t0 = time.perf_counter()
        km.fit(x)
        fit_s = time.perf_counter() - t0
    out = {"method": f"sklearn-{algorithm}", "threads": threads, "n": int(x.shape[0]), "d": d, "k": k,
           "n_init": n_init, "max_iter": km.max_iter, "tol": km.tol, "fit_s": fit_s,
           "inertia": float(km.inertia_), "n_iter": int(km.n_iter_),
           "rss_loaded_kb": rss_loaded, "peak_rss_kb": status_kb("VmHWM"), "peak_reset": peak_reset}
    if p.get("centroids"):
        with open(p["centroids"], "w") as f:
            json.dump(km.cluster_centers_.tolist(), f)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--d", type=int, required=True)
    ap.add_argument("--k", type=int)
    ap.add_argument("--algorithm", default="lloyd", choices=["lloyd", "elkan"])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--n-init", type=int, default=3)
    ap.add_argument("--max-iter", type=int, default=100)
    ap.add_argument("--tol", type=float, default=1e-4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--init")
    ap.add_argument("--centroids")
    ap.add_argument("--serve", action="store_true")
    a = ap.parse_args()

    import sklearn  # noqa: F401  (imported before the first timed fit)
    from sklearn.cluster import KMeans  # noqa: F401

    x = np.fromfile(a.data, dtype="<f8").reshape(-1, a.d)
    if not a.serve:
        if not a.k:
            ap.error("--k is required")
        print(json.dumps(fit(x, {"k": a.k, "algorithm": a.algorithm, "threads": a.threads, "n_init": a.n_init,
                                 "max_iter": a.max_iter, "tol": a.tol, "seed": a.seed, "init": a.init,
                                 "centroids": a.centroids})))
        return 0
    import scipy
    import threadpoolctl
    print(json.dumps({"ready": True, "n": int(x.shape[0]), "d": a.d, "python": sys.version.split()[0],
                      "sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
                      "threadpoolctl": threadpoolctl.__version__,
                      "threadpools": threadpoolctl.threadpool_info()}), flush=True)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            out = fit(x, json.loads(line))
        except Exception as e:  # reported to the driver, which records the failure
            out = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
