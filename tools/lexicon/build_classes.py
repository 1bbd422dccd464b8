#!/usr/bin/env python3
"""Derive knowledge/lexicon/english-classes.tsv from WordNet 3.0.

For each word of knowledge/lexicon/english-freq.tsv that WordNet knows (as
written, or through its base form: WordNet's exception lists, then regular
inflections), one line:

    word<TAB>pos<TAB>lexname

- pos: the word's dominant part of speech, n / v / a / r, by how often each
  part's senses are tagged in WordNet's sense-tagged corpus (cntlist.rev),
  then by how many senses it has.
- lexname: for a word that can be a noun, the lexicographer file of its most
  frequent noun sense (person, location, artifact, act, ...); "-" otherwise.
  A person who is someone's relation or acquaintance rather than a role
  ("friend", "cousin", "mom", "guy") is "kin" instead of
  "person": its sense is, or is a kind of, one of KIN and of none of ROLES.

The matcher uses these to tell an everyday word the knowledge base lacks
(neutral) from one that names another subject (a role, a place, a thing).

usage: python3 tools/lexicon/build_classes.py [WORDNET_DIR]
WORDNET_DIR defaults to /usr/share/wordnet (Debian package wordnet-base).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "..", "..", "knowledge", "lexicon")
POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
SS_TYPE = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
LEXNAMES = [
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal",
    "noun.artifact", "noun.attribute", "noun.body", "noun.cognition",
    "noun.communication", "noun.event", "noun.feeling", "noun.food",
    "noun.group", "noun.location", "noun.motive", "noun.object", "noun.person",
    "noun.phenomenon", "noun.plant", "noun.possession", "noun.process",
    "noun.quantity", "noun.relation", "noun.shape", "noun.state",
    "noun.substance", "noun.time", "verb.body", "verb.change",
    "verb.cognition", "verb.communication", "verb.competition",
    "verb.consumption", "verb.contact", "verb.creation", "verb.emotion",
    "verb.motion", "verb.perception", "verb.possession", "verb.social",
    "verb.stative", "verb.weather", "adj.ppl",
]


def read_index(wn):
    """lemma -> pos -> (synset offsets in sense order)"""
    out = {}
    for name, p in POS.items():
        with open(os.path.join(wn, f"index.{name}"), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                parts = line.split()
                lemma, synset_cnt, p_cnt = parts[0], int(parts[2]), int(parts[3])
                offsets = parts[4 + p_cnt + 2:]
                assert len(offsets) == synset_cnt, line
                out.setdefault(lemma, {})[p] = offsets
    return out


def read_tag_counts(wn):
    """lemma -> pos -> summed tag count of its senses"""
    out = {}
    with open(os.path.join(wn, "cntlist.rev"), encoding="latin-1") as f:
        for line in f:
            key, _sense, count = line.split()
            lemma, rest = key.split("%", 1)
            p = SS_TYPE[rest.split(":", 1)[0]]
            d = out.setdefault(lemma, {})
            d[p] = d.get(p, 0) + int(count)
    return out


# Noun synsets (WordNet 3.0 offsets) of the people someone knows or is:
# relations, acquaintances, and people named only by age or sex.
KIN = {
    "10235549": "relative",
    "10112591": "friend",
    "09763784": "acquaintance",
    "09622302": "lover",
    "10640620": "spouse",
    "09626238": "peer",
    "10352299": "neighbor",
    "09816771": "associate",
    "09624168": "male person",
    "09619168": "female person",
    "10287213": "man",
    "10787470": "woman",
    "09917593": "child",
    "09918248": "child (offspring)",
    "10153414": "guy",
}
# The person synset itself ("person", "someone", "individual") is kin, but
# not everything under it: that is every role.
KIN_EXACT = {"00007846": "person"}
# Roles: a kind of one of these is a role even when it is also a kind of
# kin ("policewoman" is a woman and a police officer).
ROLES = {
    "09632518": "worker",
    "10480253": "professional",
    "09617867": "expert",
    "09623038": "leader",
    "10053808": "employee",
    "10605985": "skilled worker",
    "09615807": "engineer",
    "09536363": "creator",
}


def noun_hypernyms(wn, cache={}):
    """offset -> offsets of its hypernyms (and instance hypernyms)"""
    if not cache:
        with open(os.path.join(wn, "data.noun"), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                parts = line.split("|", 1)[0].split()
                n_words = int(parts[3], 16)
                at = 4 + 2 * n_words
                n_ptrs = int(parts[at])
                ptrs = parts[at + 1: at + 1 + 4 * n_ptrs]
                cache[parts[0]] = [ptrs[i + 1] for i in range(0, len(ptrs), 4)
                                   if ptrs[i] in ("@", "@i") and ptrs[i + 2] == "n"]
    return cache


def is_kin(wn, offset):
    """Whether a person sense is a relation or acquaintance, not a role."""
    if offset in KIN_EXACT:
        return True
    hypernyms = noun_hypernyms(wn)
    seen, todo = set(), [offset]
    while todo:
        o = todo.pop()
        if o not in seen:
            seen.add(o)
            todo.extend(hypernyms.get(o, []))
    return bool(seen & KIN.keys()) and not seen & ROLES.keys()


def noun_lexname(wn, offset, cache={}):
    if not cache:
        with open(os.path.join(wn, "data.noun"), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                off, lexfile = line.split(" ", 2)[:2]
                cache[off] = LEXNAMES[int(lexfile)].split(".", 1)[1]
    return cache[offset]


def read_exceptions(wn):
    out = {}
    for name, p in POS.items():
        with open(os.path.join(wn, f"{name}.exc"), encoding="latin-1") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2:
                    out.setdefault(parts[0], parts[1])
    return out


SUFFIXES = [("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""),
            ("ed", "e"), ("er", ""), ("est", ""), ("ly", "")]


def base_forms(word, index, exceptions):
    if word in index:
        yield word
    if word in exceptions and exceptions[word] in index:
        yield exceptions[word]
    for suf, rep in SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            b = word[: -len(suf)] + rep
            if b in index:
                yield b


def main():
    wn = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
    index = read_index(wn)
    tags = read_tag_counts(wn)
    exceptions = read_exceptions(wn)
    words = []
    with open(os.path.join(OUT_DIR, "english-freq.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            words.append(line.split("\t", 1)[0])
    rows = []
    for w in words:
        base = next(base_forms(w, index, exceptions), None)
        if base is None:
            continue
        senses = index[base]
        t = tags.get(base, {})
        pos = max(senses, key=lambda p: (t.get(p, 0), len(senses[p]), p == "n"))
        lex = noun_lexname(wn, senses["n"][0]) if "n" in senses else "-"
        if lex == "person" and is_kin(wn, senses["n"][0]):
            lex = "kin"
        rows.append(f"{w}\t{pos}\t{lex}")
    rows.sort()
    with open(os.path.join(OUT_DIR, "english-classes.tsv"), "w", encoding="utf-8") as f:
        f.write("# Word classes from WordNet 3.0 (Princeton University; WordNet 3.0 licence,\n")
        f.write("# see LICENSES.md), for the words of english-freq.tsv that WordNet knows.\n")
        f.write("# word<TAB>dominant part of speech (n v a r)<TAB>lexicographer file of the\n")
        f.write("# word's most frequent noun sense, or - when it is never a noun; kin for\n")
        f.write("# a person who is a relation or acquaintance rather than a role.\n")
        f.write("# Built by: python3 tools/lexicon/build_classes.py /usr/share/wordnet\n")
        for r in rows:
            f.write(r + "\n")
    print(f"{len(rows)} words classed of {len(words)}")


if __name__ == "__main__":
    main()
