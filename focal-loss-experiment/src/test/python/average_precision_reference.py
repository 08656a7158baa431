#!/usr/bin/env python3
"""Writes focal-loss-experiment/src/test/resources/org/focalloss/experiment/average-precision-sklearn.tsv: scikit-learn's
average_precision_score and precision_recall_curve on hand-made cases (ties included) and on seeded random
ones, the independent truth that AveragePrecisionTest checks org.focalloss.experiment.AveragePrecision against.

    python -m venv /tmp/ap && /tmp/ap/bin/pip install numpy scikit-learn
    /tmp/ap/bin/python focal-loss-experiment/src/test/python/average_precision_reference.py
"""
import os

import numpy as np
import sklearn
from sklearn.metrics import average_precision_score, precision_recall_curve

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "focalloss", "experiment", "average-precision-sklearn.tsv")

cases = [
    ("sklearn docstring example", [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]),
    ("perfect ranking", [1, 1, 0, 0, 0], [0.9, 0.8, 0.3, 0.2, 0.1]),
    ("worst ranking", [0, 0, 0, 1, 1], [0.9, 0.8, 0.3, 0.2, 0.1]),
    ("constant score: AP = positive fraction", [0, 1, 0, 0, 1, 0], [0.5] * 6),
    ("tie between a positive and a negative at the top", [1, 0, 1, 0], [0.9, 0.9, 0.5, 0.1]),
    ("ties inside", [1, 0, 0, 1, 1, 0, 0], [3, 2, 2, 2, 1, 1, 0]),
    ("one positive among many negatives", [0] * 9 + [1], list(range(10))),
    ("negative scores and logits", [0, 1, 0, 1, 0], [-3.0, -0.5, -0.5, 2.0, -10.0]),
]
rng = np.random.default_rng(20171002)
for n, rate, levels in [(50, 0.2, 0), (200, 0.05, 0), (1000, 0.01, 0), (300, 0.1, 7)]:
    y = (rng.random(n) < rate).astype(int)
    y[rng.integers(n)] = 1
    s = rng.normal(size=n) + 1.5 * y
    if levels:                       # few distinct scores: many ties
        s = np.round(s * levels / 3) / levels
    cases.append((f"seeded random n={n}" + (" with ties" if levels else ""), y.tolist(), s.tolist()))


def joined(values):
    return ",".join(repr(float(v)) for v in values)


lines = [f"# scikit-learn {sklearn.__version__}, written by focal-loss-experiment/src/test/python/average_precision_reference.py",
         "# name\tap\tlabels\tscores\tprecision\trecall\tthresholds (curve: highest threshold first)"]
for name, y, s in cases:
    precision, recall, thresholds = precision_recall_curve(y, s)
    # sklearn returns increasing thresholds plus a final (recall 0, precision 1) point: drop it, reverse
    lines.append("\t".join([name, repr(float(average_precision_score(y, s))), ",".join(str(int(v)) for v in y),
                            joined(s), joined(precision[:-1][::-1]), joined(recall[:-1][::-1]),
                            joined(thresholds[::-1])]))
with open(OUT, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
print(f"wrote {len(cases)} cases (sklearn {sklearn.__version__}) to {os.path.relpath(OUT)}")
