"""Unit tests of the notebook check's comparison (python -m unittest discover -s src/test/notebooks): what a
written tolerance lets through and what it never does."""
import unittest

import nbformat

import run_notebooks as rn

TOL = (0.02, 0.03)   # absolute, relative


def code_cell(texts, tolerance=None, claims=None):
    cell = nbformat.v4.new_code_cell("")
    focal = {}
    if tolerance:
        focal["tolerance"] = tolerance
    if claims:
        focal["claims"] = claims
    if focal:
        cell.metadata["focal"] = focal
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in texts]
    return cell


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


class NumbersWithinATolerance(unittest.TestCase):

    def test_decimals_within_the_tolerance_agree(self):
        self.assertIsNone(rn.numbers_differ("test AP 0.180; loss 2.0987", "test AP 0.169; loss 2.0820", TOL))

    def test_a_decimal_beyond_the_tolerance_is_named(self):
        why = rn.numbers_differ("test AP 0.340", "test AP 0.400", TOL)
        self.assertIn("0.400 instead of 0.340", why)

    def test_the_relative_part_scales_with_the_committed_value(self):
        # 100.0 ± (0.02 + 3) passes, 0.1 ± (0.02 + 0.003) does not pass a change of 0.05
        self.assertIsNone(rn.numbers_differ("loss 100.0", "loss 102.9", TOL))
        self.assertIsNotNone(rn.numbers_differ("loss 0.100", "loss 0.150", TOL))

    def test_whole_numbers_are_compared_exactly(self):
        self.assertIn("whole number", rn.numbers_differ("5 seeds × 20 epochs", "5 seeds × 21 epochs", TOL))
        self.assertIn("whole number", rn.numbers_differ("100 positives", "101 positives", TOL))

    def test_words_are_compared_exactly(self):
        self.assertEqual("the words differ", rn.numbers_differ(
            "focal loss ranks better: 0.315", "no clear ranking: 0.315", TOL))
        self.assertEqual("the words differ", rn.numbers_differ("AP 0.3", "AP 0.3 0.4", TOL))

    def test_scientific_notation_and_the_unicode_minus_are_numbers(self):
        self.assertIsNone(rn.numbers_differ("g = -1.1267498732e+00", "g = -1.1267498800e+00", (0, 1e-6)))
        self.assertIsNone(rn.numbers_differ("x = \u22120.5", "x = \u22120.5", (0, 0)))
        self.assertIsNotNone(rn.numbers_differ("g = 1.0e-08", "g = 3.0e-08", (0, 0.5)))

    def test_names_with_digits_are_words(self):
        # "2-64-1" and "v2" are not numbers a tolerance may move
        self.assertEqual("the words differ", rn.numbers_differ("MLP v2 0.5", "MLP v3 0.5", TOL))


class CellsAndClaims(unittest.TestCase):

    def test_a_cell_without_a_tolerance_is_compared_exactly(self):
        old = notebook(code_cell(["test AP 0.180\n"]))
        new = notebook(code_cell(["test AP 0.181\n"]))
        problems, _ = rn.problems_of(old, new, "nb.ipynb")
        self.assertTrue(any("stale text output" in p for p in problems), problems)

    def test_a_cell_with_a_tolerance_accepts_engine_digits_and_refuses_more(self):
        tol = {"absolute": 0.02, "relative": 0.03, "why": "measured on seven instruction-set variants"}
        old = notebook(code_cell(["test AP 0.180\n"], tol))
        problems, _ = rn.problems_of(old, notebook(code_cell(["test AP 0.169\n"], tol)), "nb.ipynb")
        self.assertFalse(any("stale" in p for p in problems), problems)
        problems, _ = rn.problems_of(old, notebook(code_cell(["test AP 0.250\n"], tol)), "nb.ipynb")
        self.assertTrue(any("beyond its written tolerance" in p for p in problems), problems)

    def test_a_tolerance_without_a_reason_is_refused(self):
        with self.assertRaises(ValueError):
            rn.tolerance_of(code_cell([], {"absolute": 1}))

    def test_a_claim_the_fresh_output_no_longer_states_fails_even_without_comparison(self):
        claim = ["focal loss ranks better"]
        old = notebook(code_cell(["focal loss ranks better: ...\n"], claims=claim))
        new = notebook(code_cell(["no clear ranking: ...\n"], claims=claim))
        problems, _ = rn.problems_of(old, new, "nb.ipynb", compare=False)
        self.assertTrue(any('no longer states its claim "focal loss ranks better"' in p for p in problems), problems)
        problems, _ = rn.problems_of(old, old, "nb.ipynb", compare=False)
        self.assertFalse(any("claim" in p for p in problems), problems)


if __name__ == "__main__":
    unittest.main()
