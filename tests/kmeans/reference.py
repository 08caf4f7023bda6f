#!/usr/bin/python3
"""scikit-learn reference for Segment\\KMeans (docs/kmeans.md, section 11).

    /usr/bin/python3 tests/kmeans/reference.py JOB.json OUT.json

JOB.json says what to compute; OUT.json receives the results. Only numpy and
scikit-learn are used (Debian packages python3-numpy, python3-sklearn 1.2.1);
run with /usr/bin/python3. Job fields:

    data        path of a CSV file: a header of feature names, then one row
                per point (numbers as written by the PHP test, 17 significant
                digits, so both sides read the same doubles)
    blobs       instead of reading data, generate it with
                sklearn.datasets.make_blobs(**blobs) and write it to `data`
                (repr() of each float: the shortest text that reads back as
                the same double)
    log1p       feature names to take np.log1p of (default none)
    scale       "zscore" (StandardScaler) or "none" (default "zscore")
    runs        list of fits: {k, init: "k-means++" | list of k rows in
                original units | {"rows": [i, ...]} (those data rows),
                n_init, seed (random_state), algorithm ("lloyd" | "elkan"),
                max_iter, tol}
    silhouette  list of label lists: silhouette_score of each on the scaled data
    silhouette_of_runs  true: also the silhouette_score of each run's labels

OUT.json: {"n", "d", "features", "runs": [{"labels", "inertia", "n_iter",
"centers" (scaled space), "centers_original", "init_original",
"silhouette"}], "silhouette": [...], "versions": {...}}.
"""

import csv
import json
import os
import sys
import warnings

# One thread, set before numpy and scikit-learn load their OpenMP and BLAS
# runtimes: on a busy machine, scikit-learn's OpenMP k-means with as many
# threads as cores runs 100 times slower than with one, and one thread
# also makes its sums independent of the machine.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler


def read_csv(path):
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    x = np.array([[float(v) for v in r] for r in rows[1:]], dtype=np.float64)
    return header, x.reshape(len(rows) - 1, len(header))


def write_csv(path, header, x):
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for row in x:
            w.writerow([repr(float(v)) for v in row])


class Transform:
    """log1p on some features, then StandardScaler (or nothing)."""

    def __init__(self, features, log1p, scale):
        self.mask = np.array([f in log1p for f in features])
        self.scaler = StandardScaler() if scale == "zscore" else None

    def _log(self, x):
        x = np.array(x, dtype=np.float64, copy=True)
        x[:, self.mask] = np.log1p(x[:, self.mask])
        return x

    def fit_transform(self, x):
        t = self._log(x)
        return self.scaler.fit_transform(t) if self.scaler else t

    def transform(self, x):
        t = self._log(x)
        return self.scaler.transform(t) if self.scaler else t

    def inverse(self, s):
        t = self.scaler.inverse_transform(s) if self.scaler else np.array(s, dtype=np.float64, copy=True)
        t[:, self.mask] = np.expm1(t[:, self.mask])
        return t


def main():
    job_path, out_path = sys.argv[1], sys.argv[2]
    with open(job_path) as fh:
        job = json.load(fh)
    if "blobs" in job:
        x, _ = make_blobs(**job["blobs"])
        features = ["x%d" % j for j in range(x.shape[1])]
        write_csv(job["data"], features, x)
        features, x = read_csv(job["data"])  # exactly what the PHP side reads
    else:
        features, x = read_csv(job["data"])
    tr = Transform(features, set(job.get("log1p", [])), job.get("scale", "zscore"))
    xs = tr.fit_transform(x)
    out = {"n": int(x.shape[0]), "d": int(x.shape[1]), "features": features, "runs": [], "silhouette": [],
           "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__}}
    for run in job.get("runs", []):
        init = run.get("init", "k-means++")
        init_original = None
        if isinstance(init, dict):
            init_original = x[init["rows"]]
        elif isinstance(init, list):
            init_original = np.array(init, dtype=np.float64)
        if init_original is not None:
            init = tr.transform(init_original)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # n_init's FutureWarning, ConvergenceWarning on duplicates
            km = KMeans(n_clusters=run["k"], init=init, n_init=run.get("n_init", 1 if init_original is not None else 10),
                        random_state=run.get("seed", 0), algorithm=run.get("algorithm", "lloyd"),
                        max_iter=run.get("max_iter", 300), tol=run.get("tol", 1e-4))
            km.fit(xs)
        out["runs"].append({
            "labels": km.labels_.tolist(),
            "inertia": float(km.inertia_),
            "n_iter": int(km.n_iter_),
            "centers": km.cluster_centers_.tolist(),
            "centers_original": tr.inverse(km.cluster_centers_).tolist(),
            "init_original": None if init_original is None else init_original.tolist(),
            "silhouette": float(silhouette_score(xs, km.labels_)) if job.get("silhouette_of_runs") else None,
        })
    for labels in job.get("silhouette", []):
        out["silhouette"].append(float(silhouette_score(xs, np.array(labels))))
    with open(out_path, "w") as fh:
        json.dump(out, fh)


if __name__ == "__main__":
    main()
