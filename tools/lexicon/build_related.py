#!/usr/bin/env python3
"""Build knowledge/lexicon/related.tsv: everyday English words -> the knowledge base's words.

For each common English word that the knowledge base (KB) does not use itself,
list up to four KB words that WordNet 3.0 relates to it, with a weight:

    word<TAB>target:weight target:weight ...

Weights:
    1.0  same synset (synonym), including the word's own base form
         ('salaries' -> salary)
    0.8  derivationally related form (+), pertainym / derived-from-adjective (\\),
         similar to (&), also see (^)
    0.6  direct hypernym (@) or direct hyponym (~); instance links (@i, ~i),
         which tie names like Shelley to 'writer', are not used

Only the first three senses of each part of speech are used (WordNet orders a
lemma's senses by tagged frequency), so rare senses do not leak in; and a KB
word is reached only through its own first sense (--target-senses, default 1),
so that 'sees' does not reach 'find' through "witness, find, see", nor
'decent' reach 'becoming'. Inflected
words are reduced with WordNet's morphy (exception lists, else the first
detachment rule that yields a lemma) for lookup, but the output is keyed by the surface word. Targets are ranked by
weight, then by their own wordfreq frequency (more common first), then
alphabetically; at most four are kept.

The KB vocabulary is every word (letters only, length >= 3, lowercased) in the
sections' title, text, keywords, questions and quote texts and in
synonyms.toml's keys and values, minus English stop words, plus the WordNet
base forms of those words that are not lemmas themselves ('developers' ->
developer). Words that the article's prose only writes capitalised in
mid-sentence (Java, Ruby, Python, James, Techopedia, ...) count as KB words but
are never used as targets, so that e.g. 'coffee' does not map to 'java' or
'snake' to 'python'; --keep-proper-nouns uses them too.

WordNet is read straight from its dict files (data.* / index.* / *.exc under
/usr/share/wordnet, Debian package wordnet-base); no nltk needed.

Usage (from the repo root):
    python3 tools/lexicon/build_related.py [KNOWLEDGE_DIR] [--wordnet DIR] [--out PATH]
        [--keep-proper-nouns] [--target-senses N] [--show WORD ...]
KNOWLEDGE_DIR defaults to ../../knowledge relative to this script. The output is
deterministic for given knowledge files, WordNet files and wordfreq version.
"""

import argparse
import glob
import importlib.metadata
import os
import re
import sys
import tomllib

try:
    import wordfreq
except ImportError:  # pragma: no cover - guidance only
    sys.exit("build_related.py needs wordfreq: pip install 'wordfreq==3.1.1'")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_KNOWLEDGE = os.path.join(REPO, "knowledge")
DEFAULT_WORDNET = "/usr/share/wordnet"

TOP_N = 40000          # how many of wordfreq's English words to map
SENSES_PER_POS = 3     # first N senses of each part of speech
MAX_TARGETS = 4
MIN_LEN = 3

W_SYNONYM = 1.0
W_LEXICAL = 0.8
W_TAXONOMY = 0.6
POINTER_WEIGHTS = {
    "+": W_LEXICAL,    # derivationally related form
    "\\": W_LEXICAL,   # pertainym (adj) / derived from adjective (adv)
    "&": W_LEXICAL,    # similar to
    "^": W_LEXICAL,    # also see
    "@": W_TAXONOMY,   # hypernym
    "~": W_TAXONOMY,   # hyponym
    # Instance links (@i, ~i) are left out: they tie names (Shelley, Pompey,
    # Mitchell) to classes (writer, general), which is noise for everyday words.
}

# English stop words (function words, pronouns, auxiliaries, contraction
# stems). Kept inline so the build needs no corpus download.
STOP_WORDS = frozenset("""
a about above after again against ain all also am an and any are aren as at be
because been before being below between both but by can cannot could couldn did
didn do does doesn doing don down during each either else etc even ever every
few for from further had hadn has hasn have haven having he her here hers herself
him himself his how however i if in into is isn it its itself just least less let
like ll may me might mightn more most much must mustn my myself need needn neither
no nor not now of off often on once one only or other others ought our ours
ourselves out over own per quite rather re same shall shan she should shouldn so
some such than that the their theirs them themselves then there these they this
those though through thus to too under until up upon us very via was wasn we were
weren what whatever when whenever where whereas wherever whether which while who
whoever whom whose why will with within without won would wouldn yet you your
yours yourself yourselves
""".split())

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}

# WordNet's morphy detachment rules (as in the WordNet library and nltk).
MORPHY_RULES = {
    "n": [("s", ""), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"),
          ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"),
          ("ed", ""), ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}

LETTERS_RE = re.compile(r"[a-z]+")


class WordNet:
    """Just enough of WordNet 3.0's database files for this build."""

    def __init__(self, root):
        self.root = root
        self.index = {}   # pos -> lemma -> [synset offsets, most frequent sense first]
        self.data = {}    # pos -> offset -> (words, pointers)
        self.exc = {}     # pos -> inflected -> [base forms]
        for pos, name in POS_FILES.items():
            self.index[pos] = self._read_index(os.path.join(root, "index." + name))
            self.data[pos] = self._read_data(os.path.join(root, "data." + name))
            self.exc[pos] = self._read_exc(os.path.join(root, name + ".exc"))

    @staticmethod
    def _lines(path):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("  "):  # licence header
                    continue
                yield line

    def _read_index(self, path):
        out = {}
        for line in self._lines(path):
            f = line.split()
            lemma, synset_cnt, p_cnt = f[0], int(f[2]), int(f[3])
            offsets = f[4 + p_cnt + 2:]
            assert len(offsets) == synset_cnt, line
            out[lemma] = offsets
        return out

    def _read_data(self, path):
        out = {}
        for line in self._lines(path):
            f = line.split(" | ", 1)[0].split()
            offset = f[0]
            w_cnt = int(f[3], 16)
            words = []
            i = 4
            for _ in range(w_cnt):
                # adjectives may carry a syntactic marker: word(a), word(p), word(ip)
                words.append(re.sub(r"\([a-z]+\)$", "", f[i]).lower())
                i += 2
            p_cnt = int(f[i])
            i += 1
            pointers = []
            for _ in range(p_cnt):
                sym, target, tpos, st = f[i], f[i + 1], f[i + 2], f[i + 3]
                pointers.append((sym, target, "a" if tpos == "s" else tpos,
                                 int(st[:2], 16), int(st[2:], 16)))
                i += 4
            out[offset] = (words, pointers)
        return out

    def _read_exc(self, path):
        out = {}
        for line in self._lines(path):
            f = line.split()
            if len(f) >= 2:
                out.setdefault(f[0], []).extend(f[1:])
        return out

    def morphy(self, form, pos):
        """Base forms of `form` for `pos` that are in WordNet, the form itself first if it is.

        WordNet's morphy: the exception list when it has the form, else the
        detachment rules. Unlike WordNet's C library and nltk, only the first
        rule that yields a lemma is used, so 'codes' gives code (not also cod)
        and 'stages' stage (not also stag)."""
        index = self.index[pos]
        found = [form] if form in index else []
        if form in self.exc[pos]:
            for base in self.exc[pos][form]:
                if base in index and base not in found:
                    found.append(base)
            return found
        for old, new in MORPHY_RULES[pos]:
            if form.endswith(old) and len(form) > len(old):
                base = form[: len(form) - len(old)] + new
                if base in index:
                    if base not in found:
                        found.append(base)
                    break
        return found

    def base_forms(self, form):
        out = set()
        for pos in POS_FILES:
            out.update(self.morphy(form, pos))
        return out

    def related(self, word, target_senses=0):
        """{related lemma: best weight} for a surface word, over the first senses of each POS.

        With target_senses > 0, a related lemma counts only when the synset that
        links it is among that lemma's own first `target_senses` senses."""
        best = {}

        def note(lemma, weight, pos, offset):
            if weight <= best.get(lemma, 0.0):
                return
            if target_senses and offset not in self.index[pos].get(lemma, [])[:target_senses]:
                return
            best[lemma] = weight

        for pos in POS_FILES:
            for lemma in self.morphy(word, pos):
                for offset in self.index[pos][lemma][:SENSES_PER_POS]:
                    words, pointers = self.data[pos][offset]
                    for w in words:
                        note(w, W_SYNONYM, pos, offset)
                    me = words.index(lemma) + 1 if lemma in words else -1
                    for sym, target, tpos, src, tgt in pointers:
                        weight = POINTER_WEIGHTS.get(sym)
                        if weight is None:
                            continue
                        if src != 0 and src != me:
                            continue  # lexical pointer from another word of the synset
                        twords = self.data[tpos][target][0]
                        if tgt == 0:
                            for w in twords:
                                note(w, weight, tpos, target)
                        else:
                            note(twords[tgt - 1], weight, tpos, target)
        best.pop(word, None)
        return best


def kb_strings(knowledge_dir):
    """(string, is_prose) pairs from the knowledge files, in a fixed order.

    Prose (titles, texts, keywords, quotes) keeps the article's capitalisation;
    the questions and synonyms.toml are written in casual lowercase."""
    files = sorted(glob.glob(os.path.join(knowledge_dir, "sections", "*.toml")))
    if not files:
        sys.exit(f"no knowledge sections under {knowledge_dir}/sections")
    out = []
    for path in files:
        with open(path, "rb") as f:
            sec = tomllib.load(f)
        out.append((sec.get("title", ""), True))
        out.append((sec.get("text", ""), True))
        out.extend((k, True) for k in sec.get("keywords", []))
        out.extend((q, False) for q in sec.get("questions", []))
        out.extend((q.get("text", ""), True) for q in sec.get("quotes", []))
    syn_path = os.path.join(knowledge_dir, "synonyms.toml")
    if os.path.exists(syn_path):
        with open(syn_path, "rb") as f:
            syn = tomllib.load(f)
        for key, values in sorted(syn.get("terms", {}).items()):
            out.append((key, False))
            out.extend((v, False) for v in values)
    return out, files


TOKEN_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
SENTENCE_END_RE = re.compile(r"(?:^|[.!?:;\"“”(\[\n])\s*$")


def kb_words(strings):
    """Yield (lowercased word, how) for each KB word: how is 'lower', 'initial' or 'name'."""
    for s, is_prose in strings:
        s = s.replace("’", "'").replace("‘", "'")
        for m in TOKEN_RE.finditer(s):
            tok = m.group(0)
            if tok.lower().endswith("'s"):
                tok = tok[:-2]  # possessive: company's, developers'
            if "'" in tok:
                continue  # contractions: don't, they're, ...
            low = tok.lower()
            if len(low) < MIN_LEN or low in STOP_WORDS:
                continue
            if tok[0].islower():
                # questions and synonyms are casual lowercase: 'do devs need java'
                yield low, ("lower" if is_prose else "casual")
            elif SENTENCE_END_RE.search(s[: m.start()]):
                yield low, "initial"
            else:
                yield low, "name"


def kb_vocabulary(strings, wn):
    """(vocabulary, names): all KB words plus base forms, and the name-only subset.

    A word is name-only when the article's prose capitalises it in mid-sentence
    and never writes it in lowercase (Java, Ruby, Python, James, Techopedia).
    Those stay in the vocabulary (they are not mapped from) but are not used
    as targets, since WordNet's senses for them (coffee, gem, snake) are not
    what the article means."""
    seen = {}
    for low, how in kb_words(strings):
        seen.setdefault(low, set()).add(how)
    names = {w for w, hows in seen.items() if "name" in hows and "lower" not in hows}
    vocab = set()
    for w in seen:
        vocab.add(w)
        if w in names:
            continue
        for base in kb_base_forms(wn, w):
            if LETTERS_RE.fullmatch(base) and len(base) >= MIN_LEN and base not in STOP_WORDS:
                vocab.add(base)
    return vocab, names


def kb_base_forms(wn, word):
    """Base forms of a KB word: none when the word is a WordNet lemma itself.

    Like WordNet's own morphy, which returns the word itself first when it is in
    the index; this keeps e.g. 'coding' from adding 'cod', 'wages' 'wag',
    'bespoke' 'bespeak' or 'bit' 'bite', while 'developers' -> developer."""
    if any(word in wn.index[pos] for pos in POS_FILES):
        return set()
    return wn.base_forms(word)


def build(knowledge_dir, wn, keep_proper, target_senses=1):
    strings, files = kb_strings(knowledge_dir)
    vocab, names = kb_vocabulary(strings, wn)
    targets_ok = vocab if keep_proper else vocab - names
    freq_cache = {}

    def freq(w):
        if w not in freq_cache:
            freq_cache[w] = wordfreq.word_frequency(w, "en")
        return freq_cache[w]

    rows = []
    seen = set()
    for word in wordfreq.top_n_list("en", TOP_N):
        if word in seen or not LETTERS_RE.fullmatch(word) or len(word) < MIN_LEN:
            continue
        seen.add(word)
        if word in vocab or word in STOP_WORDS:
            continue
        targets = [(t, wt) for t, wt in wn.related(word, target_senses).items() if t in targets_ok and t != word]
        if not targets:
            continue
        targets.sort(key=lambda tw: (-tw[1], -freq(tw[0]), tw[0]))
        rows.append((word, targets[:MAX_TARGETS]))
    rows.sort()
    return rows, vocab, sorted(names), files


SANITY = ["monotonous", "perks", "fundamentals", "liaise", "wage", "remuneration", "gig", "tedious"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("knowledge", nargs="?", default=DEFAULT_KNOWLEDGE,
                    help="knowledge directory (default: ../../knowledge relative to this script)")
    ap.add_argument("--wordnet", default=DEFAULT_WORDNET, help="WordNet 3.0 dict directory (default /usr/share/wordnet)")
    ap.add_argument("--out", default=None, help="output path (default KNOWLEDGE/lexicon/related.tsv)")
    ap.add_argument("--keep-proper-nouns", action="store_true",
                    help="also use words the KB only uses as capitalised names (Java, Ruby, ...) as targets")
    ap.add_argument("--target-senses", type=int, default=1, metavar="N",
                    help="require the linking synset to be among the target's own first N senses "
                         "(default 1: its commonest sense; 0 = any of them)")
    ap.add_argument("--show", nargs="*", default=SANITY, metavar="WORD",
                    help="words whose entries to print to stderr after building (default: a sanity-check list)")
    args = ap.parse_args()

    knowledge_dir = os.path.abspath(args.knowledge)
    out_path = args.out or os.path.join(knowledge_dir, "lexicon", "related.tsv")
    if not os.path.exists(os.path.join(args.wordnet, "data.noun")):
        sys.exit(f"WordNet dict files not found under {args.wordnet}: apt-get install wordnet-base")

    wn = WordNet(args.wordnet)
    rows, vocab, names, files = build(knowledge_dir, wn, args.keep_proper_nouns, args.target_senses)

    rel_dir = os.path.relpath(knowledge_dir, REPO)
    cmd = "python3 tools/lexicon/build_related.py"
    if rel_dir != "knowledge":
        cmd += " " + (rel_dir if not rel_dir.startswith("..") else knowledge_dir)
    if args.keep_proper_nouns:
        cmd += " --keep-proper-nouns"
    if args.target_senses != 1:
        cmd += f" --target-senses {args.target_senses}"
    wf_version = importlib.metadata.version("wordfreq")
    header = [
        "# related.tsv: everyday English word -> related words of the knowledge base's own vocabulary.",
        "# Format: word<TAB>target:weight target:weight ... (at most 4, best first; sorted by word)",
        "# Weights: 1.0 same WordNet synset (or the word's own base form); 0.8 derivationally related,",
        "#   pertainym, similar to, also see; 0.6 direct hypernym or hyponym (not instance links).",
        f"#   First {SENSES_PER_POS} senses per part of speech only; inflected words looked up by WordNet morphy."
        + {0: "", 1: "\n#   Targets only through their own commonest sense."}.get(
            args.target_senses, f"\n#   Targets only through their own first {args.target_senses} senses."),
        "#   Ties are broken by the target's wordfreq frequency, then alphabetically.",
        f"# Words: the top {TOP_N} of wordfreq {wf_version} top_n_list('en') that are letters only,",
        f"#   length >= {MIN_LEN}, not stop words and not in the KB vocabulary ({len(vocab)} words from",
        f"#   {len(files)} section files + synonyms.toml; {len(names)} name-only words not used as targets).",
        "# Source: WordNet 3.0, Princeton University (Debian package wordnet-base), and wordfreq",
        "#   (frequency ranks only; https://github.com/rspeer/wordfreq, data CC BY-SA 4.0).",
        "# Licence: WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.",
        "#   Used under the WordNet 3.0 licence, which must accompany all copies: see",
        "#   knowledge/lexicon/LICENSES.md (licence text, disclaimer, and wordfreq's credit).",
        f"# Built by: {cmd}",
        f"# Entries: {len(rows)}",
    ]
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        for line in header:
            f.write(line + "\n")
        for word, targets in rows:
            f.write(word + "\t" + " ".join(f"{t}:{wt:.1f}" for t, wt in targets) + "\n")

    print(f"KB vocabulary: {len(vocab)} words; names not used as targets: {', '.join(names) or '-'}", file=sys.stderr)
    print(f"wrote {len(rows)} entries to {out_path}", file=sys.stderr)
    by_word = dict(rows)
    for w in args.show or []:
        entry = by_word.get(w)
        if entry:
            shown = " ".join(f"{t}:{wt:.1f}" for t, wt in entry)
        elif w in vocab:
            shown = "(in the KB vocabulary itself)"
        else:
            shown = "(no entry)"
        print(f"  {w:14} {shown}", file=sys.stderr)


if __name__ == "__main__":
    main()
