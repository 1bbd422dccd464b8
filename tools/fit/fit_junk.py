#!/usr/bin/env python3
"""Fit the junk model (knowledge/model/junk.tsv) on the tuned part of the
development corpus, by cross-validation.

The engine's gate (src/search/message.rs) declines junk by the phrases and
word patterns of orders, attacks and injections it lists. A list only knows
the wordings it was given: junk written afresh, most of it hidden inside a
genuine career question, got past it about one message in twelve. This
model reads a message as a bag of its words and word pairs and learns from
the corpus's junk how junk is worded, so that a new wording of an old kind
is caught too.

1. Tokens: the message lower-cased, its runs of ASCII letters, digits and
   the marks @ < # ' $ (what mentions, pings and prices are written with);
   features: each token and each pair of neighbouring tokens, present or
   not, kept when at least MIN_MESSAGES messages have it.
2. A logistic regression, adversarial (junk, injection, ping attempt,
   harmful request) against every other kind, out of fold by 5-fold
   cross-validation (folds fixed by each message's text, as the
   decision's are).
3. For each L2 strength of STRENGTHS, the cut: the lowest tenth above the
   highest out-of-fold probability of any answerable message (kind in or
   typo), so that no question the article answers in the corpus would
   have been declined by a model that never saw it. The strength that
   catches the most junk out of fold at its cut is kept (what the model
   is for; the one with the least log loss, 3.0, needed a cut of 0.8 and
   caught fewer than 1.0 at 0.7).
4. Writes the intercept, the cut and every feature's weight; writes
   nothing, and fails, when the cut would be 1.0 or the model catches no
   junk out of fold.

Never run on eval/corpus/heldout.jsonl.

usage: /tmp/fit/bin/python tools/fit/fit_junk.py   (from the repository root;
       the same environment as fit_decision.py)
"""
import hashlib
import json
import math
import os
import sys

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = os.path.join(ROOT, "eval", "corpus", "tuned.jsonl")
OUT = os.path.join(ROOT, "knowledge", "model", "junk.tsv")
# The engine's tokens (src/search/junk.rs reads them the same way).
TOKEN = r"[a-z0-9@<#'$]+"
MIN_MESSAGES = 3
FOLDS = 5
STRENGTHS = [0.3, 1.0, 3.0]


def fold(q):
    return hashlib.sha1(q.encode("utf-8")).digest()[0] % FOLDS


def logloss(ps, ys):
    eps = 1e-12
    return -sum(math.log(max(eps, p if y else 1 - p)) for p, y in zip(ps, ys)) / len(ys)


def main():
    cases = [json.loads(l) for l in open(CORPUS, encoding="utf-8") if l.strip()]
    texts = [c["q"].lower() for c in cases]
    junk = np.array([c["kind"] == "adversarial" for c in cases])
    answerable = [c["kind"] in ("in", "typo") for c in cases]
    vec = CountVectorizer(token_pattern=TOKEN, ngram_range=(1, 2), min_df=MIN_MESSAGES,
                          binary=True, lowercase=False)
    x = vec.fit_transform(texts)
    groups = [fold(c["q"]) for c in cases]
    best = None
    for c in STRENGTHS:
        model = LogisticRegression(C=c, max_iter=5000)
        ps = cross_val_predict(model, x, junk, cv=GroupKFold(FOLDS), groups=groups,
                               method="predict_proba")[:, 1]
        ll = logloss(ps, junk)
        highest = max(p for p, a in zip(ps, answerable) if a)
        cut = math.floor(highest * 10 + 1) / 10
        caught = sum(1 for p, j in zip(ps, junk) if j and p >= cut)
        flagged = sum(1 for p, j in zip(ps, junk) if not j and p >= cut)
        print(f"C {c}: cv log loss {ll:.4f}, cut {cut:.1f}, junk caught {caught}, "
              f"others flagged {flagged}")
        if best is None or (caught, -flagged) > (best[0], -best[1]):
            best = (caught, flagged, ll, c, cut, highest)
    caught, flagged, ll, c, cut, highest = best
    print(f"chose C {c}; highest answerable {highest:.3f}, cut {cut:.1f}: "
          f"out of fold, junk caught {caught} of {int(junk.sum())}, "
          f"other messages flagged {flagged} of {len(cases) - int(junk.sum())} "
          f"(answerable 0 of {sum(answerable)})")
    # A cut of 1.0 is no probability the engine can hold (it refuses the
    # table at load), and a model catching nothing out of fold is no model:
    # the table in place is kept.
    if cut >= 1.0 or caught == 0:
        sys.exit(f"not written: with the cut at {cut:.1f} the model catches {caught} junk "
                 f"messages out of fold; {OUT} is left as it was")
    model = LogisticRegression(C=c, max_iter=5000).fit(x, junk)
    names = vec.get_feature_names_out()
    weights = model.coef_[0]
    with open(OUT, "w", encoding="utf-8") as f:
        # "//" opens a comment: a token may start with "#" ("#general").
        f.write("// The junk model (src/search/junk.rs): a logistic regression over the\n"
                "// tokens and token pairs of a message. Written by tools/fit/fit_junk.py\n"
                f"// from eval/corpus/tuned.jsonl ({len(cases)} messages; never heldout.jsonl):\n"
                f"// C {c}, cv log loss {ll:.4f}; out of fold {caught} of {int(junk.sum())} junk\n"
                f"// messages caught, {flagged} others flagged, no answerable one.\n"
                "// Do not edit by hand.\n")
        f.write(f"=intercept\t{model.intercept_[0]:.6f}\n")
        f.write(f"=cut\t{cut:.1f}\n")
        for name, w in sorted(zip(names, weights)):
            f.write(f"{name}\t{w:.5f}\n")
    print(f"wrote {OUT}: {len(names)} features")


if __name__ == "__main__":
    main()
