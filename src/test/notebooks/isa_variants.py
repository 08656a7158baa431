#!/usr/bin/env python3
"""Runs the notebook check of the notebooks whose outputs come from a native engine (a cell with a written
tolerance in its metadata: notebook 06) once per instruction-set variant of that engine, and shows that every
variant passes: the words and whole numbers exactly, each decimal within the cell's tolerance.

PyTorch's CPU kernels pick their code path by instruction set; these variables force another one on this
machine, as another processor would:

  ATEN_CPU_CAPABILITY  ATen's vectorised kernels: default (no SIMD), avx2, avx512 (capped at what the CPU has)
  MKL_CBWR             MKL's conditional numerical reproducibility: COMPATIBLE, AVX2, AVX512, ...
  DNNL_MAX_CPU_ISA     oneDNN's highest instruction set: AVX2, AVX512_CORE, ...

For each variant it prints the decimals of the tolerance cells, their largest deviation from the committed
outputs (absolute, and as a fraction of the written tolerance), the cells tagged "timing" (what a variant costs
in seconds per epoch; never compared), and PASS or FAIL. Exit status 1 if any
variant fails.

  python src/test/notebooks/isa_variants.py                      # the default variants (six)
  python src/test/notebooks/isa_variants.py --quick              # three: default/avx2/avx512, MKL_CBWR=COMPATIBLE
  python src/test/notebooks/isa_variants.py notebooks/06-training-with-djl.ipynb
"""
import argparse
import glob
import itertools
import os
import subprocess
import sys

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, HERE)
import run_notebooks  # noqa: E402  (the check itself: one definition of "agrees within the tolerance")

ATEN = ("default", "avx2", "avx512")
MKL = ("COMPATIBLE", "AVX2")


def variants(quick):
    if quick:
        return [{"ATEN_CPU_CAPABILITY": a, "MKL_CBWR": "COMPATIBLE"} for a in ATEN]
    out = [{"ATEN_CPU_CAPABILITY": a, "MKL_CBWR": m} for a, m in itertools.product(ATEN, MKL)]
    out.append({"ATEN_CPU_CAPABILITY": "avx2", "MKL_CBWR": "AVX2", "DNNL_MAX_CPU_ISA": "AVX2"})
    return out


def engine_notebooks():
    """The notebooks with at least one cell that carries a tolerance."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb"))):
        nb = nbformat.read(path, as_version=4)
        if any(run_notebooks.tolerance_of(c) for c in nb.cells if c.cell_type == "code"):
            out.append(path)
    return out


def decimals(nb):
    """Per code cell with a tolerance: (cell number, its tolerance, the decimals of its text outputs)."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    out = []
    for i, (cell, texts) in enumerate(zip(code, run_notebooks.text_outputs(nb))):
        tol = run_notebooks.tolerance_of(cell)
        if tol:
            nums = [run_notebooks.value_of(n) for _, t in texts for n in run_notebooks.NUMBER.findall(t)
                    if run_notebooks.is_decimal(n)]
            out.append((i + 1, tol, nums))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="three variants instead of seven")
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args()
    paths = [os.path.abspath(p) for p in args.notebooks] or engine_notebooks()
    failed = []
    timings = os.path.join(ROOT, "target", "notebooks", "timings.json")   # the main check's, kept as it was
    saved = open(timings, encoding="utf-8").read() if os.path.exists(timings) else None
    for path in paths:
        name = os.path.basename(path)
        committed = decimals(nbformat.read(path, as_version=4))
        executed_path = os.path.join(ROOT, "target", "notebooks", "executed", name)
        for env in variants(args.quick):
            label = " ".join(f"{k}={v}" for k, v in env.items())
            run = subprocess.run([sys.executable, os.path.join(HERE, "run_notebooks.py"), path],
                                 env={**os.environ, **env}, capture_output=True, text=True)
            fresh = decimals(nbformat.read(executed_path, as_version=4))
            print(f"{name} under {label}: {'PASS' if run.returncode == 0 else 'FAIL'}", flush=True)
            for (cell, (absolute, relative), old), (_, _, new) in zip(committed, fresh):
                if len(old) != len(new):
                    print(f"  code cell {cell}: {len(new)} decimals instead of {len(old)}")
                    continue
                dev = [abs(a - b) for a, b in zip(old, new)]
                frac = [abs(a - b) / (absolute + relative * abs(a)) if absolute + relative * abs(a) else
                        (0 if a == b else float("inf")) for a, b in zip(old, new)]
                worst = max(range(len(dev)), key=lambda k: frac[k]) if dev else None
                print(f"  code cell {cell}: " + ", ".join(f"{v:g}" for v in new))
                if worst is not None:
                    print(f"    largest deviation {dev[worst]:.4g} ({old[worst]:g} → {new[worst]:g}), "
                          f"{frac[worst]:.2f} of the tolerance {absolute:g} + {relative:g}·|x|")
            timing = ["".join(o.get("text", "")) for c in nbformat.read(executed_path, as_version=4).cells
                      if c.cell_type == "code" and "timing" in c.get("metadata", {}).get("tags", [])
                      for o in c.get("outputs", []) if o.get("output_type") == "stream"]
            for t in timing:
                print("  timing (not compared): " + t.strip().replace("\n", "\n  timing (not compared): "))
            if run.returncode != 0:
                failed.append(f"{name} under {label}")
                print("    " + run.stderr.strip().replace("\n", "\n    ")[-3000:])
    if saved is not None:
        with open(timings, "w", encoding="utf-8") as f:
            f.write(saved)
    for f in failed:
        print(f"FAIL {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
