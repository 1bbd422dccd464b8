#!/usr/bin/env python3
"""Show the tuned part's misses, grouped: answerable messages whose best
section is wrong (ranking), answerable ones declined although ranked right
(decision), and messages answered that should be declined. Never point this
at heldout.jsonl.

usage: python3 tools/fit/misses.py [path/to/careerbot] [rank|decline|answer]
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from fit_decision import CORPUS, norm, section_texts  # noqa: E402

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/careerbot"
which = sys.argv[2] if len(sys.argv) > 2 else "all"
cases = [json.loads(l) for l in open(CORPUS, encoding="utf-8") if l.strip()]
assert "heldout" not in CORPUS
texts = section_texts()
stdin = "".join(c["q"].replace("\n", " ") + "\n" for c in cases)
out = subprocess.run([binary, "ask", "--json", "--explain"], input=stdin.encode(),
                     capture_output=True, check=True).stdout.decode().splitlines()
for c, line in zip(cases, out):
    r = json.loads(line)
    ranked = r["explain"]["ranked"]
    p = r["explain"]["p"]
    f = r["explain"]["features"]
    feats = " ".join(f"{k[:6]}={v:.2f}" for k, v in f.items())
    q = c["q"][:200]
    if c["kind"] in ("in", "typo"):
        right = bool(ranked) and any(norm(e) in texts.get(ranked[0], "") for e in c["expect"])
        if not right and which in ("all", "rank"):
            print(f"RANK want={c.get('section')} got={ranked[:3]} p={p:.2f} :: {q}")
        elif right and not r["answered"] and which in ("all", "decline"):
            print(f"DECLINED p={p:.2f} unsure={r['unsure']} {feats} :: {q}")
    elif c["kind"] != "either" and r["answered"] and which in ("all", "answer"):
        print(f"ANSWERED[{c['kind']}] {r['section']} p={p:.2f} {feats} :: {q}")
