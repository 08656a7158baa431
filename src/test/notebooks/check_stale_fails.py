#!/usr/bin/env python3
"""The notebook check fails on a notebook edited without its outputs refreshed (the course site shows the
committed outputs without running anything, so this check is what keeps it from showing a stale output).

Copies notebook 01 to target/stale-check/notebooks/ (with target/stale-check/target -> target, so its
`%classpath ../target/focal-loss.jar` still loads the library), then runs run_notebooks.py on it twice:
  1. unchanged: must pass (the control: the copy itself is fine);
  2. with one line added to the source of a code cell that prints, outputs left as committed: must fail,
     naming that cell's stale text output.
Needs the java kernel (scripts/test step 4); about two kernel runs of notebook 01.
"""
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SOURCE = os.path.join(ROOT, "notebooks", "01-focal-loss-vs-cross-entropy.ipynb")
WORK = os.path.join(ROOT, "target", "stale-check")
COPY = os.path.join(WORK, "notebooks", "stale-check-01.ipynb")
RUN = os.path.join(ROOT, "src", "test", "notebooks", "run_notebooks.py")


def check(path):
    r = subprocess.run([sys.executable, RUN, path], capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(os.path.dirname(COPY))
    os.symlink(os.path.join(ROOT, "target"), os.path.join(WORK, "target"))
    shutil.copyfile(SOURCE, COPY)

    code, out = check(COPY)
    if code != 0:
        print(f"control failed: the unchanged copy of notebook 01 does not pass the check:\n{out}", file=sys.stderr)
        return 1

    with open(COPY, encoding="utf-8") as f:
        nb = json.load(f)
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    number, cell = next((i + 1, c) for i, c in enumerate(code_cells)
                        if any(o.get("output_type") == "stream" for o in c.get("outputs", [])))
    source = "".join(cell["source"])
    cell["source"] = source.rstrip("\n") + '\nSystem.out.println("an edit whose output was not refreshed");\n'
    with open(COPY, "w", encoding="utf-8") as f:
        json.dump(nb, f, ensure_ascii=False, indent=1)

    code, out = check(COPY)
    expected = f"code cell {number} has stale text output"
    if code == 0 or expected not in out:
        print(f"the check did not fail on the edited notebook (exit {code}; expected '{expected}'):\n{out}",
              file=sys.stderr)
        return 1
    print(f"ok: an edited notebook with stale outputs fails the check ({expected})")
    shutil.rmtree(WORK, ignore_errors=True)
    for leftover in (os.path.join("executed", "stale-check-01.ipynb"), os.path.join("html", "stale-check-01.html")):
        p = os.path.join(ROOT, "target", "notebooks", leftover)
        if os.path.exists(p):
            os.remove(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
