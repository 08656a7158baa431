#!/usr/bin/env python3
"""Softmax focal loss, forward + backward, in torch eager and jax.jit(value_and_grad), on the shapes of
SoftmaxFocalLossBenchmark (8,000,000 float logits as (8,000,000 // C) x C, gamma = 2, alpha = 0.25, mean),
and the ratio table against a JMH JSON result file of the same machine.

    python3 -m venv .venv-bench
    .venv-bench/bin/pip install -r focal-loss-benchmarks/src/test/python/requirements-peers.txt
    java -jar target/benchmarks.jar 'SoftmaxFocalLoss|CopyCeiling|ExpRate' -f 3 -wi 3 -i 5 -w 1 -r 1 -rf json -rff jmh.json
    java -jar target/benchmarks.jar SoftmaxFocalLoss -p threads=1 -p workingSet=80000 -f 2 -wi 3 -i 5 -w 1 -r 1 \
        -rf json -rff jmh-cache.json
    .venv-bench/bin/python focal-loss-benchmarks/src/test/python/peers_softmax.py --jmh jmh.json jmh-cache.json

Each peer runs in its own process pinned with taskset to 1 or 2 processors (torch also gets
set_num_threads, XLA sees only the pinned processors), so the thread counts match JMH's -t 1 / 2 rows.
Scores are logits per second (the median of --repeats timed calls after two warm-up calls), like JMH's.
It prints two tables from one run: the README's ratios, and the guide's scores with the fraction of the
copy ceiling and of the exponential's own rate (ExpRateBenchmark, one thread, times the thread count): a
softmax pass computes one exponential per logit, so that fraction says how close a shape is to being bound
by its exponentials. Given the second JMH file (the same passes over 80,000 logits, which stay in L2), it also
prints the one-thread scores in the cache beside those from memory: what the memory costs each shape. (With two
threads a pass that short is dominated by handing work to the second thread, so only one thread is run.)

torch eager: log_softmax, gather, (1 - p_t)^gamma, autograd (loss.backward()).
jax: jax.jit(jax.value_and_grad(loss)) with the same operations, block_until_ready on loss and gradient.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ELEMENTS = 8_000_000
CLASSES = (2, 8, 21, 150, 1000)
GAMMA = 2.0
ALPHA = 0.25


def data(classes):
    import numpy as np
    rows = ELEMENTS // classes
    rng = np.random.default_rng(3)
    logits = (2 * rng.standard_normal((rows, classes))).astype(np.float32)
    targets = np.random.default_rng(4).integers(0, classes, rows).astype(np.int64)
    return logits, targets


def time_calls(fn, repeats):
    fn()
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run_torch(threads, repeats, classes):
    import torch
    torch.set_num_threads(threads)
    out = {}
    for c in classes:
        logits, targets = data(c)
        z = torch.from_numpy(logits)
        t = torch.from_numpy(targets)

        def step():
            x = z.detach().requires_grad_(True)
            logp = torch.log_softmax(x, dim=1)
            logpt = logp.gather(1, t[:, None]).squeeze(1)
            pt = logpt.exp()
            loss = (-ALPHA * (1 - pt) ** GAMMA * logpt).mean()
            loss.backward()
            return loss.item(), x.grad

        out[c] = logits.size / time_calls(step, repeats)
    return {"peer": "torch " + torch.__version__, "scores": out}


def run_jax(threads, repeats, classes):
    import jax
    import jax.numpy as jnp

    def loss(z, t):
        logp = jax.nn.log_softmax(z, axis=1)
        logpt = jnp.take_along_axis(logp, t[:, None], axis=1)[:, 0]
        pt = jnp.exp(logpt)
        return jnp.mean(-ALPHA * (1 - pt) ** GAMMA * logpt)

    f = jax.jit(jax.value_and_grad(loss))
    out = {}
    for c in classes:
        logits, targets = data(c)
        z = jnp.asarray(logits)
        t = jnp.asarray(targets.astype("int32"))

        def step():
            v, g = f(z, t)
            v.block_until_ready()
            g.block_until_ready()

        out[c] = logits.size / time_calls(step, repeats)
    return {"peer": "jax " + jax.__version__, "scores": out}


def child(peer, threads, repeats, classes):
    result = (run_torch if peer == "torch" else run_jax)(threads, repeats, classes)
    print(json.dumps(result))


def measure(peer, threads, repeats, classes):
    cpus = ",".join(str(i) for i in range(threads))
    env = dict(os.environ)
    env.update({"OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads),
                "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=" + ("true" if threads > 1 else "false"),
                "JAX_PLATFORMS": "cpu"})
    cmd = ["taskset", "-c", cpus, sys.executable, __file__, "--child", peer, "--threads", str(threads),
           "--repeats", str(repeats), "--classes"] + [str(c) for c in classes]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["scores"] = {int(k): v for k, v in result["scores"].items()}
    return result


def jmh_scores(paths):
    """{(kind, threads, classes): (score, error)} from JMH -rf json files."""
    out = {}
    for path in paths:
        with open(path) as f:
            results = json.load(f)
        for b in results:
            name = b["benchmark"]
            if "ExpRate" in name:
                out[("exp " + name.rsplit(".", 1)[1],)] = (b["primaryMetric"]["score"], b["primaryMetric"]["scoreError"])
                continue
            kind = ("copy" if "CopyCeiling" in name else "scalar" if "Scalar" in name
                    else "vector" if "SoftmaxFocalLossBenchmark" in name else None)
            if kind is None:
                continue
            p = b.get("params", {})
            if int(p.get("workingSet", ELEMENTS)) != ELEMENTS:      # -p workingSet=80000: in the cache
                kind += " in cache"
            key = (kind, int(p["threads"]), int(p["classes"]))
            out[key] = (b["primaryMetric"]["score"], b["primaryMetric"]["scoreError"])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jmh", nargs="*", default=[],
                    help="JMH -rf json files of SoftmaxFocalLoss*, CopyCeiling and ExpRate")
    ap.add_argument("--threads", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--classes", type=int, nargs="*", default=list(CLASSES))
    ap.add_argument("--rounds", type=int, default=1, help="alternate torch and jax rounds; keep each best")
    ap.add_argument("--child", choices=["torch", "jax"], help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child, a.threads[0], a.repeats, a.classes)
        return
    print("load (uptime):", os.getloadavg())
    peers = {}
    for _ in range(a.rounds):
        for threads in a.threads:
            for peer in ("torch", "jax"):
                r = measure(peer, threads, a.repeats, a.classes)
                best = peers.setdefault((peer, threads), r)
                for c, v in r["scores"].items():
                    best["scores"][c] = max(best["scores"][c], v)
    print("load (uptime):", os.getloadavg())
    names = {p: r["peer"] for (p, _), r in peers.items()}
    print("peers:", ", ".join(sorted(set(names.values()))))
    java = jmh_scores(a.jmh)
    print("machine:", machine(a.jmh[0] if a.jmh else None))
    report({k: r["scores"] for k, r in peers.items()}, java, a.threads, a.classes)


def table(header, rows):
    """A Markdown table."""
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


def report(peers, java, threads_list, classes):
    """The README's and the guide's tables from {(peer, threads): {C: logits/s}} and jmh_scores()."""
    shapes = [(t, c) for t in threads_list for c in classes]
    pm = "\u00a0±\u00a0"   # "±" between no-break spaces, so that no number wraps on the site

    def score(kind, t, c):
        s = java.get((kind, t, c))
        return "–" if s is None else f"{s[0] / 1e6:.0f}{pm}{s[1] / 1e6:.0f}"

    print()
    print("README (ratios of logits per second, loss + gradient, 8,000,000 float logits):")
    print()
    rows = []
    for t, c in shapes:
        tt, jj = peers[("torch", t)][c], peers[("jax", t)][c]
        row = [str(c), str(t)]
        for kind in ("vector", "scalar"):
            s = java.get((kind, t, c))
            row += ["–", "–"] if s is None else [f"{s[0] / tt:.1f}×", f"{s[0] / jj:.1f}×"]
        rows.append(row)
    table(["C", "threads", "Vector API vs torch", "Vector API vs jax", "scalar vs torch", "scalar vs jax"], rows)
    print()
    print("Guide (M logits/s; JMH scores ± 99.9 % error; fractions of the copy ceiling and of the exponential's rate):")
    print()
    for kind in ("vector", "scalar"):
        e = java.get(("exp " + kind,))
        if e is not None:
            print(f"exponential alone, {kind}, one thread: {e[0] / 1e6:.0f} ± {e[1] / 1e6:.0f} M/s")
    print()
    # Tables of at most seven columns, so that no number wraps on the site.
    table(["C", "threads", "torch eager", "jax.jit", "Java, Vector API", "Java, scalar", "copy ceiling"],
          [[str(c), str(t), f"{peers[('torch', t)][c] / 1e6:.0f}", f"{peers[('jax', t)][c] / 1e6:.0f}"]
           + [score(kind, t, c) for kind in ("vector", "scalar", "copy")] for t, c in shapes])
    print()

    def fraction(kind, t, c, of):
        s = java.get((kind, t, c))
        return "–" if s is None or of is None else f"{100 * s[0] / of:.0f}\u00a0%"

    def ceiling(t, c):
        copy = java.get(("copy", t, c))
        return None if copy is None else copy[0]

    def exp_rate(kind, t):
        e = java.get(("exp " + kind,))
        return None if e is None else t * e[0]

    table(["C", "threads", "Vector API / copy ceiling", "scalar / copy ceiling", "Vector API / its exp",
           "scalar / its exp"],
          [[str(c), str(t)] + [fraction(kind, t, c, ceiling(t, c)) for kind in ("vector", "scalar")]
           + [fraction(kind, t, c, exp_rate(kind, t)) for kind in ("vector", "scalar")] for t, c in shapes])
    cached = [(t, c) for t, c in shapes if any((kind + " in cache", t, c) in java for kind in ("vector", "scalar"))]
    if cached:
        print()
        print("In the cache (JMH -p workingSet=80000) against memory (8,000,000 logits), M logits/s:")
        print()
        table(["C", "threads", "Vector API in cache", "Vector API from memory", "scalar in cache",
               "scalar from memory"],
              [[str(c), str(t)] + [score(k, t, c) for kind in ("vector", "scalar") for k in (kind + " in cache", kind)]
               for t, c in cached])


def machine(jmh_path):
    """The processor (lscpu), its processor count, and the JVM of the JMH run."""
    model = "?"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    jvm = ""
    if jmh_path:
        with open(jmh_path) as f:
            first = json.load(f)[0]
        jvm = f", {first.get('vmName', '')} {first.get('jdkVersion', '')}"
    return f"{model}, {os.cpu_count()} processors{jvm}"


if __name__ == "__main__":
    main()
