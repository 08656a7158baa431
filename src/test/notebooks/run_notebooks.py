#!/usr/bin/env python3
"""Execute every notebooks/*.ipynb headless on its kernel (the `java` kernel that binder/postBuild installs),
exactly as Binder would run it, and check it.

A notebook fails if
  * any cell produces an error output,
  * it shows no chart (no image/png or image/svg+xml output),
  * re-executing it changes any committed text output (stream text and text/plain), i.e. the committed
    outputs are stale, or it was committed without outputs,
  * a cell's output no longer states a claim its metadata names ({"focal": {"claims": ["focal loss ranks
    better"]}}): checked on every run, --update and short runs included.

Outputs that come from a native engine's float32 training (notebook 06: PyTorch's CPU kernels pick their code
path by instruction set, so the last digits differ between processors) carry a written tolerance in their
cell's metadata:

    {"focal": {"tolerance": {"absolute": 0.02, "relative": 0.03, "why": "what was measured, and where"}}}

In such a cell the words and every whole number must still match exactly; each decimal number may differ from
the committed one by at most absolute + relative·|committed|. Every other cell is compared exactly.

A notebook whose metadata names a budget knob ({"focal": {"budget_knob": "FOCAL_EXPERIMENT_SCALE"}}, notebook
04) commits the outputs of its full run. Unset (the default), the knob means the full run, and the notebook is
checked like any other. Set to anything else (CI's short run, e.g. FOCAL_EXPERIMENT_SCALE=0.5), its outputs
legitimately differ from the committed ones: the stale-output comparison is skipped for that notebook (and
said so), errors and charts are still checked, and --update refuses to write short-run outputs back. What
the short run must show is asserted by the JUnit tests (ShortRunTest).

The executed notebooks go to target/notebooks/executed/, HTML exports (offline template: no CDN scripts) to
target/notebooks/html/, and the seconds each notebook took (kernel start included) to
target/notebooks/timings.json.

  python src/test/notebooks/run_notebooks.py            # check (the test)
  python src/test/notebooks/run_notebooks.py --update   # re-execute and write outputs back into notebooks/
  python src/test/notebooks/run_notebooks.py --render   # execute and export HTML (the same checks)

Each problem is printed under its notebook and again at the end (FAIL notebook: what), and the exit status is
1 if there is any, in every mode; --update skips only the comparison with the committed outputs it replaces.
"""
import argparse
import copy
import difflib
import glob
import json
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
CHART_TYPES = ("image/png", "image/svg+xml")


def text_outputs(nb):
    """Per code cell, the text a reader sees: stream text and text/plain of results and displays."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        texts = []
        if "timing" in cell.get("metadata", {}).get("tags", []):
            # a cell tagged "timing" prints wall-clock measurements (notebook 06's seconds per epoch): they
            # differ on every run, so its text is not compared; errors and charts are still checked
            cells.append([("timing", "")])
            continue
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "stream":
                texts.append(("stream:" + out.get("name", ""), "".join(out.get("text", ""))))
            elif kind in ("execute_result", "display_data"):
                plain = out.get("data", {}).get("text/plain")
                if plain is not None:
                    texts.append((kind, "".join(plain) if isinstance(plain, list) else plain))
            elif kind == "error":
                texts.append(("error", out.get("ename", "") + ": " + out.get("evalue", "")))
        cells.append(texts)
    return cells


NUMBER = re.compile(r"(?<![\w.])[-+\u2212]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w.])")


def is_decimal(token):
    """Whether a NUMBER token is a decimal (has a point or an exponent): those a tolerance may move."""
    return any(ch in token for ch in ".eE")


def value_of(token):
    """A NUMBER token's value (the Unicode minus read as '-')."""
    return float(token.replace("\u2212", "-"))


def tolerance_of(cell):
    """The cell's written tolerance (absolute, relative) for engine-dependent decimals, or None."""
    t = cell.get("metadata", {}).get("focal", {}).get("tolerance")
    if not t:
        return None
    if not str(t.get("why", "")).strip():
        raise ValueError("a tolerance must say why (\"why\": what was measured, on which instruction sets)")
    return float(t.get("absolute", 0)), float(t.get("relative", 0))


def numbers_differ(committed, fresh, tolerance):
    """None if the two texts agree: the same words and whole numbers, each decimal within the tolerance;
    otherwise the first disagreement, in words."""
    absolute, relative = tolerance
    words_a, words_b = NUMBER.split(committed), NUMBER.split(fresh)
    nums_a, nums_b = NUMBER.findall(committed), NUMBER.findall(fresh)
    if words_a != words_b or len(nums_a) != len(nums_b):
        return "the words differ"
    for a, b in zip(nums_a, nums_b):
        if not (is_decimal(a) or is_decimal(b)):
            if a != b:
                return f"whole number {b} instead of {a} (whole numbers are compared exactly)"
            continue
        x, y = value_of(a), value_of(b)
        if abs(x - y) > absolute + relative * abs(x):
            return (f"{b} instead of {a}: off by {abs(x - y):.3g}, more than the tolerance "
                    f"{absolute:g} + {relative:g}·|{a}|")
    return None


def cells_agree(committed, fresh, tolerance):
    """Whether one code cell's texts agree: exactly, or within the tolerance where the cell has one."""
    if committed == fresh:
        return True, None
    if tolerance is None or len(committed) != len(fresh):
        return False, None
    for (kind_a, a), (kind_b, b) in zip(committed, fresh):
        why = "output kinds differ" if kind_a != kind_b else numbers_differ(a, b, tolerance)
        if why:
            return False, why
    return True, None


def claims_missing(cell, texts):
    """The claims named in the cell's metadata that its fresh output does not state."""
    claims = cell.get("metadata", {}).get("focal", {}).get("claims", [])
    said = "\n".join(t for _, t in texts)
    return [c for c in claims if c not in said]


def clean(nb):
    """Drops per-run metadata (timestamps) so committed notebooks change only when outputs do."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


def execute(path, timeout):
    nb = nbformat.read(path, as_version=4)
    kernel = nb.metadata.get("kernelspec", {}).get("name", "java")
    work = copy.deepcopy(nb)
    start = time.monotonic()
    client = NotebookClient(work, timeout=timeout, kernel_name=kernel, allow_errors=True,
                            resources={"metadata": {"path": os.path.dirname(path)}})
    client.execute()
    return nb, work, time.monotonic() - start


def short_run_knob(nb):
    """The budget knob's name and value if it is set to something other than the full run, else None."""
    knob = nb.metadata.get("focal", {}).get("budget_knob")
    value = os.environ.get(knob, "").strip() if knob else ""
    return f"{knob}={value}" if value and value not in ("1", "1.0") else None


def problems_of(committed, executed, name, compare=True, path=None):
    """What is wrong with one executed notebook: errors, no chart and (if compare) stale committed outputs."""
    problems = []
    where = os.path.relpath(path) if path else f"notebooks/{name}"
    for i, cell in enumerate(c for c in executed.cells if c.cell_type == "code"):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"{name}: code cell {i + 1} raised {out.get('ename')}: {out.get('evalue')}")
    charts = sum(1 for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])
                 if any(t in o.get("data", {}) for t in CHART_TYPES))
    if charts == 0:
        problems.append(f"{name}: shows no chart (no image/png or image/svg+xml output)")
    old, new = text_outputs(committed), text_outputs(executed)
    code_cells = [c for c in committed.cells if c.cell_type == "code"]
    for i, (cell, texts) in enumerate(zip(code_cells, new)):
        for claim in claims_missing(cell, texts):
            problems.append(f"{name}: code cell {i + 1} no longer states its claim \"{claim}\" on this machine")
    if not compare:
        pass
    elif all(not texts for texts in old):
        problems.append(f"{name}: committed without outputs; run python src/test/notebooks/run_notebooks.py "
                        f"--update {where} and commit")
    elif len(old) != len(new):
        problems.append(f"{name}: the number of code cells changed; refresh the committed outputs with "
                        f"python src/test/notebooks/run_notebooks.py --update {where}")
    else:
        for i, (cell, a, b) in enumerate(zip(code_cells, old, new)):
            tolerance = tolerance_of(cell)
            same, why = cells_agree(a, b, tolerance)
            if not same:
                diff = "\n".join(difflib.unified_diff(
                    ["\n".join(f"[{k}] {t}" for k, t in a)], ["\n".join(f"[{k}] {t}" for k, t in b)],
                    "committed", "re-executed", lineterm="", n=0))
                within = f" beyond its written tolerance ({why})" if tolerance and why else ""
                problems.append(f"{name}: code cell {i + 1} has stale text output{within} (refresh the committed "
                                f"outputs with python src/test/notebooks/run_notebooks.py --update {where}):\n{diff}")
    return problems, charts


def export_html(nb, target):
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[TEMPLATES])
    body, _ = exporter.from_notebook_node(nb)
    with open(target, "w", encoding="utf-8") as f:
        f.write(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--update", action="store_true", help="write fresh outputs back into notebooks/")
    mode.add_argument("--render", action="store_true", help="execute and export HTML (same checks)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell (default 300)")
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/*.ipynb)")
    args = parser.parse_args()

    paths = args.notebooks or sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
    if not paths:
        print("no notebooks found under notebooks/", file=sys.stderr)
        return 1
    out_dir = os.path.join(ROOT, "target", "notebooks")
    os.makedirs(os.path.join(out_dir, "executed"), exist_ok=True)
    os.makedirs(os.path.join(out_dir, "html"), exist_ok=True)

    problems, timings = [], {}
    for path in paths:
        path = os.path.abspath(path)
        name = os.path.basename(path)
        knob = short_run_knob(nbformat.read(path, as_version=4))
        if knob and args.update:
            print(f"{name}: not updated: {knob} is a short run, and the committed outputs are the full run's",
                  file=sys.stderr)
            problems.append(f"{name}: --update with {knob}; unset it to write the full run's outputs")
            continue
        committed, executed, seconds = execute(path, args.timeout)
        timings[name] = round(seconds, 2)
        clean(executed)
        nbformat.write(executed, os.path.join(out_dir, "executed", name))
        export_html(executed, os.path.join(out_dir, "html", name.replace(".ipynb", ".html")))
        # --update replaces the committed outputs, and a short run (budget knob set) differs from the committed
        # full run by design: only the fresh run itself is checked then
        found, charts = problems_of(committed, executed, name, compare=not args.update and knob is None, path=path)
        print(f"{name}: {seconds:.1f} s, {charts} chart(s), {len(found)} problem(s)"
              + (f" (short run, {knob}: stale-output check skipped)" if knob else ""), flush=True)
        for p in found:
            print("  " + p.replace("\n", "\n  "), flush=True)
        if args.update:
            nbformat.write(executed, path)
        problems.extend(found)

    with open(os.path.join(out_dir, "timings.json"), "w", encoding="utf-8") as f:
        json.dump(timings, f, indent=2)
    for p in problems:
        print("FAIL " + p, file=sys.stderr)
    if problems:
        return 1
    print(f"{len(paths)} notebook(s) executed; HTML in {os.path.relpath(os.path.join(out_dir, 'html'), ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
