#!/usr/bin/env python3
"""End to end with nbgrader on the `java` kernel, on a copy of course/ in target/course-e2e (course/ itself is not
touched): generate the student version of each assignment and check it holds no solution and no hidden test;
autograde three submissions of stable-focal-loss (the reference solution, a naive formula with a plain softmax,
the untouched stub) and the reference of gamma-and-alpha; assert every score from nbgrader's gradebook; report
the seconds autograde takes per submission (target/course-e2e/timings.json).

Run with the course's Python (.venv-course, which course/nbgrader builds): scripts/test does.
"""
import json
import os
import shutil
import subprocess
import sys
import time

import nbformat
from nbgrader.api import Gradebook

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from submissions import NAIVE  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
COURSE = os.path.join(ROOT, "course")
WORK = os.path.join(ROOT, "target", "course-e2e")
NBGRADER = os.path.join(COURSE, "nbgrader")
DELIMITERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")

# points of each test cell of stable-focal-loss; the stability cells are the ones a naive formula must lose
STABILITY = {"test_saturated_logits", "test_small_gamma_near_one"}


def nbgrader(*args):
    env = dict(os.environ, FOCAL_NBGRADER_EXCHANGE=os.path.join(WORK, "exchange"))
    result = subprocess.run([NBGRADER, *args, "--CourseDirectory.root=" + WORK], env=env, capture_output=True,
                            text=True)
    if result.returncode != 0 or "[ERROR]" in result.stderr:
        sys.exit("nbgrader " + " ".join(args) + " failed:\n" + result.stdout + result.stderr)
    return result


def regions(source, begin, end):
    """The lines strictly between begin and end delimiters (the solution, the hidden tests)."""
    inside, found = False, []
    for line in source.splitlines():
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside:
            found.append(line.strip())
    return found


def notebook(kind, assignment, student=None):
    parts = [WORK, kind] + ([student] if student else []) + [assignment, assignment + ".ipynb"]
    return os.path.join(*parts)


def check_student_version(assignment):
    source = nbformat.read(notebook("source", assignment), as_version=4)
    release = nbformat.read(notebook("release", assignment), as_version=4)
    released = "\n".join(c.source for c in release.cells)
    secret = []
    for c in source.cells:
        secret += regions(c.source, "BEGIN SOLUTION", "END SOLUTION")
        secret += regions(c.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
        meta = c.metadata.get("nbgrader", {})
        if c.cell_type == "markdown" and meta.get("solution"):
            secret += [line.strip() for line in c.source.splitlines()]
    # every line of a solution or a hidden test that says something (not a brace or a bare return)
    secret = [s for s in secret if len(s) > 12]
    assert secret, assignment + ": no solution or hidden test found in the source"
    leaked = [s for s in secret if s in released]
    assert not leaked, assignment + ": the student version contains " + repr(leaked[:3])
    for d in DELIMITERS:
        assert d not in released, assignment + ": the student version still has " + d
    assert "throw new UnsupportedOperationException();" in released, assignment + ": no Java stub"
    print("student version of %s: %d solution/hidden lines removed, Java stub in place" % (assignment, len(secret)))
    return source, release


def submit(assignment, student, release, solution_cells):
    nb = nbformat.from_dict(json.loads(json.dumps(release)))
    for c in nb.cells:
        gid = c.metadata.get("nbgrader", {}).get("grade_id")
        if gid in solution_cells:
            c.source = solution_cells[gid]
    path = notebook("submitted", assignment, student)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    nbformat.write(nb, path)


def without_delimiters(source):
    return "\n".join(line for line in source.splitlines() if not any(d in line for d in DELIMITERS))


def autograde(assignment, student):
    start = time.monotonic()
    nbgrader("autograde", assignment, "--student=" + student, "--force")
    seconds = time.monotonic() - start
    with Gradebook("sqlite:///" + os.path.join(WORK, "gradebook.db")) as gb:
        sub = gb.find_submission(assignment, student)
        cells = {g.name: (g.auto_score, g.max_score) for g in sub.notebooks[0].grades}
        score, max_score, manual = sub.score, sub.max_score, sub.needs_manual_grade
    assert os.path.isfile(notebook("autograded", assignment, student)), student + ": no autograded notebook"
    print("%s / %s: %g of %g points in %.1f s %s" % (assignment, student, score, max_score, seconds, cells))
    return score, max_score, cells, manual, seconds


def release_with_reference(assignment):
    """Generates the student version of an assignment (and checks it), then submits the reference solution
    (the source's solution cells) and the empty stub; returns the source notebook and the release."""
    nbgrader("generate_assignment", assignment, "--force")
    source, release = check_student_version(assignment)
    reference = {c.metadata["nbgrader"]["grade_id"]: without_delimiters(c.source) for c in source.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    submit(assignment, "reference", release, reference)
    submit(assignment, "stub", release, {})
    return source, release


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    shutil.copytree(os.path.join(COURSE, "source"), os.path.join(WORK, "source"))
    timings = {}

    # stable-focal-loss
    a = "stable-focal-loss"
    source, release = release_with_reference(a)
    submit(a, "naive", release, {"solution": NAIVE})
    tests = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"] for c in source.cells
             if c.metadata.get("nbgrader", {}).get("grade")}
    total = sum(tests.values())
    stability = sum(tests[t] for t in STABILITY)

    score, max_score, cells, _, timings["reference"] = autograde(a, "reference")
    assert (score, max_score) == (total, total), "reference: %s of %s" % (score, max_score)
    score, _, cells, _, timings["naive"] = autograde(a, "naive")
    lost = {name for name, (s, m) in cells.items() if s != m}
    assert lost == STABILITY, "naive: lost %s, expected exactly the stability tests %s" % (lost, STABILITY)
    assert score == total - stability, "naive: %s, expected %s" % (score, total - stability)
    score, _, cells, _, timings["stub"] = autograde(a, "stub")
    assert score == 0 and set(cells) == set(tests), "stub: %s %s" % (score, cells)

    # gamma-and-alpha: the reference gets every automatic point; the written answer waits for the instructor
    b = "gamma-and-alpha"
    release_with_reference(b)
    score, max_score, cells, manual, timings["gamma-and-alpha reference"] = autograde(b, "reference")
    auto = sum(m for name, (s, m) in cells.items() if name.startswith("test_"))
    assert score == auto == 3 and manual, "gamma-and-alpha reference: %s, manual pending %s" % (score, manual)
    score, _, _, _, timings["gamma-and-alpha stub"] = autograde(b, "stub")
    assert score == 0, "gamma-and-alpha stub: %s" % score

    with open(os.path.join(WORK, "timings.json"), "w", encoding="utf-8") as f:
        json.dump({k: round(v, 1) for k, v in timings.items()}, f, indent=1)
    print("course: all checks passed; autograde seconds per submission: "
          + ", ".join("%s %.1f" % kv for kv in timings.items()))


if __name__ == "__main__":
    main()
