#!/usr/bin/env python3
"""Build knowledge/lexicon/english-freq.tsv: general English word frequencies.

Reads the frequency data that ships inside the `wordfreq` Python package (no
network access needed) and writes one line per word:

    word<TAB>zipf

where zipf = round(wordfreq.zipf_frequency(word, 'en'), 2). The words are the
top N of wordfreq.top_n_list('en', N) (default N = 60000) that are made of the
letters a-z with optional internal apostrophes or hyphens; numbers, symbols,
accented words and anything else are skipped. Lines are sorted by descending
zipf, then by word. The output is deterministic for a given wordfreq version.

Usage (from the repo root):
    python3 tools/lexicon/build_freq.py [--top N] [--out PATH]
"""

import argparse
import importlib.metadata
import os
import re
import sys

try:
    import wordfreq
except ImportError:  # pragma: no cover - guidance only
    sys.exit("build_freq.py needs wordfreq: pip install 'wordfreq==3.1.1'")

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "knowledge", "lexicon", "english-freq.tsv"))

# Letters a-z, with apostrophes or hyphens only between letters.
WORD_RE = re.compile(r"[a-z]+(?:['-][a-z]+)*")


def build(top_n):
    rows = []
    seen = set()
    for word in wordfreq.top_n_list("en", top_n):
        if word in seen or not WORD_RE.fullmatch(word):
            continue
        seen.add(word)
        zipf = round(wordfreq.zipf_frequency(word, "en"), 2)
        if zipf <= 0:
            continue
        rows.append((word, zipf))
    rows.sort(key=lambda r: (-r[1], r[0]))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--top", type=int, default=60000, help="how many of wordfreq's top English words to consider (default 60000)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output path (default knowledge/lexicon/english-freq.tsv)")
    args = ap.parse_args()

    version = importlib.metadata.version("wordfreq")
    rows = build(args.top)

    cmd = "python3 tools/lexicon/build_freq.py"
    if args.top != 60000:
        cmd += f" --top {args.top}"
    header = [
        "# english-freq.tsv: general English word frequency, one word per line: word<TAB>zipf",
        "# zipf = log10(occurrences per billion words), rounded to 2 decimals;",
        "#   7.7 = 'the'; 3 = once per million words; 0 = once per billion words.",
        f"# Source: wordfreq {version} by Robyn Speer (https://github.com/rspeer/wordfreq),",
        f"#   wordfreq.zipf_frequency(word, 'en') for wordfreq.top_n_list('en', {args.top}),",
        "#   keeping lowercase words of letters a-z with internal ' or - only.",
        "# Sorted by descending zipf, then word.",
        "# Licence: data derived from wordfreq's data, CC BY-SA 4.0",
        "#   (https://creativecommons.org/licenses/by-sa/4.0/); this file is shared under the same licence.",
        "#   wordfreq includes Google Books Ngrams, SUBTLEX (Brysbaert et al.; freely available data),",
        "#   OpenSubtitles 2018, Wikipedia, Leeds Internet Corpus, ParaCrawl and other sources;",
        "#   see knowledge/lexicon/LICENSES.md for the full credit.",
        f"# Built by: {cmd}",
        f"# Words: {len(rows)}",
    ]
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for line in header:
            f.write(line + "\n")
        for word, zipf in rows:
            f.write(f"{word}\t{zipf:.2f}\n")
    print(f"wrote {len(rows)} words to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
