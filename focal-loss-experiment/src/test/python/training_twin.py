#!/usr/bin/env python3
"""The Python twin of notebook 04's limited-capacity run, for a timing comparison with the Java trainer.

Same data (the Java generator's splits, exported as CSV by org.focalloss.experiment.TwinTiming), same model
(2-64-1 MLP, ReLU, He-normal hidden weights, N(0, 0.01²) output weights, output bias -log(99)), same loss
(sigmoid focal loss, gamma = 2, alpha = 0.25, divided by the positives of each mini-batch, at least 1), same
optimiser (Adam, lr 0.01, betas 0.9/0.999, eps 1e-8), mini-batches of 1,024 in a fresh random order each
epoch, float64 throughout (as the Java trainer's activations and parameters). numpy on one thread
(OMP/MKL/OPENBLAS threads = 1). The random draws (initial weights, batch order) come from numpy's generator,
so the trained weights differ from Java's; the work per epoch is the same.

    ./mvnw -q -DskipTests package -pl focal-loss-experiment -am   # the modules' target/classes, test-classes
    python -m venv /tmp/twin && /tmp/twin/bin/pip install numpy
    /tmp/twin/bin/python focal-loss-experiment/src/test/python/training_twin.py [--epochs 5] [--repeats 3]

Prints seconds per epoch for Java (C2, i.e. a plain `java`; and C1 only, the notebook kernel's flag) and for
numpy, and the ratios, taken round by round (a shared machine's speed drifts by 1.5x within minutes).
"""
import argparse
import os

for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[var] = "1"

import re          # noqa: E402
import subprocess  # noqa: E402
import time        # noqa: E402

import numpy as np  # noqa: E402

MODULE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))   # focal-loss-experiment
ROOT = os.path.dirname(MODULE)


def java_epochs(out_dir, epochs, repeats, flags):
    cp = os.pathsep.join([os.path.join(MODULE, "target", "classes"), os.path.join(MODULE, "target", "test-classes"),
                          os.path.join(ROOT, "focal-loss-core", "target", "classes")])
    run = subprocess.run(["java", *flags, "-XX:ActiveProcessorCount=1", "-cp", cp,
                          "org.focalloss.experiment.TwinTiming", out_dir, str(epochs), str(repeats)],
                         check=True, capture_output=True, text=True)
    rows = [(float(m.group(1)), float(m.group(2)), float(m.group(3)))
            for m in re.finditer(r"seconds_per_epoch=([\d.]+) cpu_seconds_per_epoch=([\d.]+) ap=([\d.]+)", run.stdout)]
    return min(r[0] for r in rows), min(r[1] for r in rows), rows[-1][2]


def load(path):
    a = np.loadtxt(path, delimiter=",", skiprows=1)
    return a[:, :2].copy(), a[:, 2].copy()


def average_precision(scores, labels):
    """Step-wise AP at distinct thresholds, as sklearn.metrics.average_precision_score."""
    order = np.argsort(-scores, kind="mergesort")
    s, y = scores[order], labels[order]
    tp, fp = np.cumsum(y), np.cumsum(1 - y)
    last = np.r_[np.nonzero(np.diff(s))[0], len(s) - 1]
    precision, recall = tp[last] / (tp[last] + fp[last]), tp[last] / y.sum()
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def train_numpy(x, t, epochs, seed=1, hidden=64, gamma=2.0, alpha=0.25, lr=0.01, batch=1024):
    rng = np.random.default_rng(seed)
    w1 = rng.normal(0, np.sqrt(2 / 2), (hidden, 2))
    b1 = np.zeros(hidden)
    w2 = rng.normal(0, 0.01, hidden)
    b2 = np.array(-np.log(99.0))
    params = [w1, b1, w2, b2]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    step = 0
    seconds = []
    cpu = []
    n = len(t)
    for _ in range(epochs):
        start = time.perf_counter()
        start_cpu = time.process_time()
        order = rng.permutation(n)
        for lo in range(0, n, batch):
            idx = order[lo:lo + batch]
            xb, tb = x[idx], t[idx]
            h = np.maximum(xb @ w1.T + b1, 0)
            z = h @ w2 + b2
            # sigmoid focal loss and dFL/dz: with x_t = z (t = 1) or -z (t = 0), p_t = sigmoid(x_t),
            # dFL/dx_t = alpha_t (1 - p_t)^gamma (gamma p_t log p_t - (1 - p_t))
            sign = 2 * tb - 1
            xt = sign * z
            log_pt = -np.logaddexp(0, -xt)
            pt = np.exp(log_pt)
            at = np.where(tb > 0, alpha, 1 - alpha)
            dxt = at * (1 - pt) ** gamma * (gamma * pt * log_pt - (1 - pt))
            dz = sign * dxt / max(1.0, tb.sum())
            dh = np.outer(dz, w2) * (h > 0)
            grads = [dh.T @ xb, dh.sum(0), h.T @ dz, dz.sum()]
            step += 1
            for i, (p, g) in enumerate(zip(params, grads)):
                m[i] = 0.9 * m[i] + 0.1 * g
                v[i] = 0.999 * v[i] + 0.001 * g * g
                p -= lr / (1 - 0.9 ** step) * m[i] / (np.sqrt(v[i] / (1 - 0.999 ** step)) + 1e-8)
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return params, sum(seconds) / epochs, sum(cpu) / epochs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per contender per round (best kept)")
    parser.add_argument("--rounds", type=int, default=5,
                        help="rounds of Java C2, Java C1 and numpy one after the other; the ratios are taken within "
                             "a round, so that a slower spell of a shared machine hits both sides")
    parser.add_argument("--out", default=os.path.join(ROOT, "target", "twin"))
    args = parser.parse_args()

    c2, c1, numpy_runs = [], [], []
    x = t = None
    java_ap = 0.0
    for _ in range(args.rounds):
        *c2_times, java_ap = java_epochs(args.out, args.epochs, args.repeats, [])
        c2.append(c2_times)
        c1.append(java_epochs(args.out, args.epochs, args.repeats, ["-XX:TieredStopAtLevel=1"])[:2])
        if x is None:
            x, t = load(os.path.join(args.out, "train.csv"))
        runs = [train_numpy(x, t, args.epochs, seed=r + 1) for r in range(args.repeats)]
        numpy_runs.append((min(r[1] for r in runs), min(r[2] for r in runs), runs[-1][0]))
    xs, ts = load(os.path.join(args.out, "test.csv"))
    w1, b1, w2, b2 = numpy_runs[-1][2]
    ap = average_precision(np.maximum(xs @ w1.T + b1, 0) @ w2 + b2, ts)

    def median(values):
        v = sorted(values)
        return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2

    def ratios(java, column):
        return median([n[column] / j[column] for n, j in zip(numpy_runs, java)])

    def best(runs, column):
        return min(r[column] for r in runs)

    print(f"seconds per epoch, best of {args.rounds} rounds x {args.repeats} runs of {args.epochs} epochs, "
          f"one thread each (wall / CPU); numpy/Java = median over the rounds of the ratio within a round")
    print(f"numpy {np.__version__}:           {best(numpy_runs, 0):.4f} / {best(numpy_runs, 1):.4f}   test AP {ap:.3f}")
    print(f"Java, C2 (plain java):      {best(c2, 0):.4f} / {best(c2, 1):.4f}   test AP {java_ap:.3f}"
          f"   numpy/Java = {ratios(c2, 0):.2f} / {ratios(c2, 1):.2f}")
    print(f"Java, C1 only (the kernel): {best(c1, 0):.4f} / {best(c1, 1):.4f}"
          f"                  numpy/Java = {ratios(c1, 0):.2f} / {ratios(c1, 1):.2f}")
    print("per round (numpy, C2, C1 wall):", "; ".join(f"{n[0]:.4f} {a[0]:.4f} {b[0]:.4f}"
                                                     for n, a, b in zip(numpy_runs, c2, c1)))


if __name__ == "__main__":
    main()
