#!/usr/bin/env python3
"""Measures what a reader waits for when a notebook opens: the `java` kernel's start (until it answers
kernel_info) and then notebook 01's setup cell and first chart cell. Prints seconds per run and the medians.

  python src/test/binder/kernel_start.py [runs] [kernel]      (default: 5 runs, kernel `java`)
"""
import os
import statistics
import sys
import time

import nbformat
from jupyter_client.manager import KernelManager

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
NOTEBOOK = os.path.join(ROOT, "notebooks", "01-focal-loss-vs-cross-entropy.ipynb")


def first_cells(n=3):
    return ["".join(c.source) for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"][:n]


def run_once(kernel, cells):
    km = KernelManager(kernel_name=kernel)
    start = time.monotonic()
    km.start_kernel(cwd=os.path.dirname(NOTEBOOK))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        ready = time.monotonic() - start
        for code in cells:
            reply = kc.execute_interactive(code, timeout=300, output_hook=lambda msg: None)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"cell failed: {reply['content']}")
        return ready, time.monotonic() - start
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    kernel = sys.argv[2] if len(sys.argv) > 2 else "java"
    cells = first_cells()
    results = []
    for i in range(runs):
        ready, total = run_once(kernel, cells)
        results.append((ready, total))
        print(f"run {i + 1}: kernel ready {ready:.2f} s, + setup cell and first chart {total:.2f} s", flush=True)
    print(f"median: kernel ready {statistics.median(r for r, _ in results):.2f} s, "
          f"ready + 3 cells {statistics.median(t for _, t in results):.2f} s")


if __name__ == "__main__":
    main()
