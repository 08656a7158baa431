#!/usr/bin/env python3
"""Executes every course/solutions/*-solutions.ipynb headless on the `java` kernel (as the notebooks are) and
fails on an error output, on a self-check that does not print ✓ (a worked solution must pass its own check),
or on a solutions notebook without a check. Notebook 04's training runs short: FOCAL_EXPERIMENT_SCALE defaults
to 0.1 here. The executed copies go to target/course-solutions/ (the committed ones keep no outputs).
Usage: python src/test/course/run_solutions.py [course/solutions/NN-solutions.ipynb ...]"""
import glob
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.join(ROOT, "target", "course-solutions")
VERDICT = re.compile(r"^(✓|✗|…|⚠) Exercise (\d\d)\.(\d+):", re.M)


def run(path):
    nb = nbformat.read(path, as_version=4)
    start = time.monotonic()
    NotebookClient(nb, timeout=1200, kernel_name="java", allow_errors=True,
                   resources={"metadata": {"path": os.path.dirname(path)}}).execute()
    seconds = time.monotonic() - start
    problems, checks = [], 0
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                problems.append("cell %d: %s: %s" % (i, out.ename, out.evalue[:300]))
            text = out.get("text", "") if out.output_type == "stream" else ""
            for m in VERDICT.finditer(text):
                if m.group(1) == "✓":
                    checks += 1
                else:
                    line = text[m.start():].splitlines()[0]
                    problems.append("cell %d: %s" % (i, line))
    if "check(" in "".join(c.source for c in nb.cells) and checks == 0:
        problems.append("no self-check printed ✓")
    os.makedirs(OUT, exist_ok=True)
    nbformat.write(nb, os.path.join(OUT, os.path.basename(path)))
    print("%s: %.1f s, %d check(s) passed, %d problem(s)" % (os.path.basename(path), seconds, checks, len(problems)))
    for p in problems:
        print("  " + p)
    return problems


def main():
    os.environ.setdefault("FOCAL_EXPERIMENT_SCALE", "0.1")
    paths = sys.argv[1:] or sorted(glob.glob(os.path.join(ROOT, "course", "solutions", "*-solutions.ipynb")))
    failed = [p for p in paths if run(p)]
    if failed:
        sys.exit("solutions with problems: " + ", ".join(os.path.basename(p) for p in failed))


if __name__ == "__main__":
    main()
