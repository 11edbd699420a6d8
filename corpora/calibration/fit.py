#!/usr/bin/env python3
"""Fits the synthetic aligner's sentence score (Calibration.placed) on placements.tsv and checks it on held-out sets.

usage: fit.py placements.tsv [NEGATIVE_WEIGHT]    (numpy needed)

Logistic regression of "placed right" on the sentence's evidence: edge margin, margin, contrast, pace. Each set is left out
in turn and scored by a fit on the others, so the printed precision and recall are on speech the fit did not see.
The recording-level factor (median margin) is not fitted here: a transcript of another recording has median margin
0 against 0.18 and more for its own (see README, Alignment).
"""
import sys
import numpy as np

rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1])]
sets = np.array([r[0] for r in rows])
y = np.array([int(r[2]) for r in rows], dtype=float)
f = np.array([[float(x) for x in r[3:8]] for r in rows])  # margin, edge_margin, match, contrast, duration_ratio
# pace: how far the sentence's speech rate is from its recording's typical one (a sentence that took in a neighbour's
# words, or lost some, is slower or faster than the speaker)
typical = {s: np.nanmedian(f[sets == s, 4]) for s in set(sets)}
pace = np.abs(np.log(np.maximum(1e-3, f[:, 4]) / np.array([typical[s] for s in sets])))
X = np.column_stack([f[:, 1], f[:, 0], 0.95 - f[:, 3], pace, np.ones(len(f))])
X = np.nan_to_num(X)


# a wrong segment in a training set costs more than a right one left out: wrong placements weigh this much more
NEGATIVE_WEIGHT = float(sys.argv[2]) if len(sys.argv) > 2 else 4.0


def fit(X, y, l2=1e-3):
    w = np.zeros(X.shape[1])
    c = np.where(y == 1, 1.0, NEGATIVE_WEIGHT)
    for _ in range(200):  # Newton's method
        p = 1 / (1 + np.exp(-X @ w))
        g = X.T @ (c * (p - y)) + l2 * w
        H = (X * (c * p * (1 - p))[:, None]).T @ X + l2 * np.eye(len(w))
        w -= np.linalg.solve(H, g)
    return w


# the wrong-transcript set is judged by the recording factor, not fitted as sentences
own = sets != 'wrong-tight'
w = fit(X[own], y[own])
print('weights (edge_margin, margin, 0.95-contrast, pace, bias):', np.round(w, 2))
for s in sorted(set(sets[own])):
    train = own & (sets != s)
    ws = fit(X[train], y[train])
    test = sets == s
    p = 1 / (1 + np.exp(-X[test] @ ws))
    acc = p >= 0.5
    right = y[test] == 1
    print('%-22s held out: placed right and accepted %5.1f%%, precision %5.1f%%, rows %d' % (
        s, 100 * (acc & right).sum() / test.sum(), 100 * (acc & right).sum() / max(1, acc.sum()), test.sum()))
