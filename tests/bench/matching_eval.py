"""Measure query expansion (recall and precision of single-word queries) on a gold built
from Morph-it!, an Italian morphological lexicon that cerca's analysis does not use.

    pip install spacy-lookups-data==1.0.5      # the gold's source, for this script only
    python tests/bench/matching_eval.py [--per-pos 1000] [--skip 0] [--show 20] [--json out.json]

The resource: Morph-it! (Zanchetta and Baroni, 2005; version 48), a lexicon of Italian
word forms with their lemma and part of speech built from the la Repubblica corpus,
dual-licensed CC BY-SA 2.0 / LGPL. We read it as spaCy packages it (`spacy-lookups-data`
1.0.5, MIT-licensed package; its `it_license.txt` carries Morph-it!'s licence): one
form -> lemma table per part of speech, 419k (form, part of speech) entries, 43k
lemmas. It is the gold only: nothing in cerca reads it, and no rule of search.analyze
was derived from it (cerca's own resource is simplemma plus the grammar rules in
search.analyze).

The gold:
- readings: every form of the noun, verb, auxiliary, adjective, adverb, determiner,
  pronoun, preposition and "other" tables, as (lemma, part of speech); forms that are
  not one lowercase word (`'ndrina`, `a-storico`, digits) are left out. An adjective
  whose lemma is a past participle of a verb (`ridotto` <- ridurre) counts as that
  verb: a participle is a form of its verb (nouns such as `dato` stay nouns).
- documents: one per form (a text that holds that one word): ~400k documents.
- queries: single forms drawn from the noun, verb, adjective and adverb tables, a fixed
  pseudo-random sample (CRC32 order) of `--per-pos` forms per part of speech, after the
  first `--skip` (`--skip 1000`: a second sample, for rules designed on the first).
- relevant: the documents holding a form that shares a lemma with the query (over all
  readings of both: a query cannot say which reading it means). A query form is
  "unambiguous" when all its readings have one lemma.
- returned: the documents holding a word of `Vocabulary.expand` of the query: the code
  path of `cerca query` (the compiler's term queries are exactly these words).

Printed per part of speech, macro over queries: recall, recall of the other forms (the
typed form itself left out), precision of the whole returned set, and the mean returned
set size; for all queries and for the unambiguous ones.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import zlib
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from search.analyze import WORD_RE  # noqa: E402
from search.index.vocabulary import Vocabulary  # noqa: E402

QUERY_POS = ("NOUN", "VERB", "ADJ", "ADV")
# past participles (`ridotto`, `soppresso`, `finito`): an adjective lemma with such an
# ending that is also a verb form (not `comodo`, `cubano`, present tenses)
PARTICIPLE = ("to", "so")
TABLES = {
    "noun": "NOUN",
    "verb": "VERB",
    "aux": "VERB",
    "adj": "ADJ",
    "adv": "ADV",
    "det": "DET",
    "pron": "PRON",
    "adp": "ADP",
    "other": "OTHER",
}


def load_readings() -> dict[str, set[tuple[str, str]]]:
    """form -> {(lemma, part of speech)} from Morph-it! (as spacy-lookups-data ships it)."""
    try:
        data = files("spacy_lookups_data") / "data"
    except ModuleNotFoundError:
        sys.exit("the gold needs: pip install spacy-lookups-data==1.0.5")
    tables = {}
    for name, pos in TABLES.items():
        with gzip.open(str(data / f"it_lemma_lookup_{name}.json.gz"), "rt") as fh:
            tables[name] = (pos, json.load(fh))
    verb = {**tables["aux"][1], **tables["verb"][1]}
    readings: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for pos, table in tables.values():
        for form, lem in table.items():
            if not (form.islower() and WORD_RE.fullmatch(form) and not form.isdigit()):
                continue
            lem = lem.lower()
            if pos == "ADJ" and lem.endswith(PARTICIPLE) and verb.get(lem, lem) != lem:
                readings[form].add((verb[lem].lower(), "VERB"))  # a form of its verb
            else:
                readings[form].add((lem, pos))
    return readings


def sample_queries(
    readings: dict[str, set[tuple[str, str]]], per_pos: int, skip: int = 0
) -> list[tuple]:
    """(form, part of speech) pairs: per part of speech, the first `per_pos` forms in CRC32
    order that have a reading of that part of speech (a form is drawn once)."""
    taken: set[str] = set()
    out = []
    # most adjective forms are noun forms too: adjectives draw before nouns
    for pos in ("ADV", "ADJ", "VERB", "NOUN"):
        forms = sorted(
            (f for f, rs in readings.items() if any(p == pos for _, p in rs)),
            key=lambda f: (zlib.crc32(f.encode()), f),
        )
        n = 0
        for form in forms:
            if form not in taken and n < skip + per_pos:
                taken.add(form)
                n += 1
                if n <= skip:
                    continue
                out.append((form, pos))
    return out


def evaluate(per_pos: int, show: int, skip: int = 0) -> dict:
    t0 = time.perf_counter()
    readings = load_readings()
    words = sorted(readings)
    lemma_forms: dict[str, set[str]] = defaultdict(set)
    for form, rs in readings.items():
        for lem, _ in rs:
            lemma_forms[lem].add(form)
    t1 = time.perf_counter()
    vocab = Vocabulary(words)
    t2 = time.perf_counter()
    queries = sample_queries(readings, per_pos, skip)
    rows: dict[tuple[str, str], list[tuple[float, float, float, int]]] = defaultdict(list)
    worst = []
    for form, pos in queries:
        lemmas = {lem for lem, _ in readings[form]}
        relevant = set().union(*(lemma_forms[lem] for lem in lemmas))
        returned = set(vocab.expand(form).words) & readings.keys()
        hit = returned & relevant
        recall = len(hit) / len(relevant)
        others = relevant - {form}
        other_recall = len(hit & others) / len(others) if others else 1.0
        precision = len(hit) / len(returned) if returned else 1.0
        row = (recall, other_recall, precision, len(returned))
        kinds = ("all", "unambiguous") if len(lemmas) == 1 else ("all",)
        for kind in kinds:
            rows[(pos, kind)].append(row)
            rows[("ALL", kind)].append(row)
        worst.append(
            (
                precision + recall,
                form,
                pos,
                sorted(lemmas),
                returned - relevant,
                relevant - returned,
            )
        )
    t3 = time.perf_counter()
    print(
        f"Morph-it! gold: {len(words)} documents (forms), {len(lemma_forms)} lemmas, "
        f"{len(queries)} queries; load {t1 - t0:.1f}s, vocabulary {t2 - t1:.1f}s, "
        f"queries {t3 - t2:.1f}s"
    )
    out = {}
    for kind in ("all", "unambiguous"):
        print(f"\n{kind} query forms")
        print(f"{'pos':6} {'n':>5} {'recall':>7} {'other':>7} {'prec':>7} {'size':>7}")
        for pos in (*QUERY_POS, "ALL"):
            got = rows.get((pos, kind), [])
            if not got:
                continue
            n = len(got)
            means = [sum(r[i] for r in got) / n for i in range(4)]
            out[f"{kind}/{pos}"] = {
                "n": n,
                "recall": means[0],
                "other_recall": means[1],
                "precision": means[2],
                "returned": means[3],
            }
            print(f"{pos:6} {n:5d} {means[0]:7.3f} {means[1]:7.3f} {means[2]:7.3f} {means[3]:7.1f}")
    if show:
        print(f"\nworst {show} queries (precision + recall):")
        for _, form, pos, lemmas, wrong, missed in sorted(worst)[:show]:
            print(
                f"  {form} [{pos} {'/'.join(lemmas)}]: wrong {len(wrong)} "
                f"{sorted(wrong)[:6]}, missed {len(missed)} {sorted(missed)[:6]}"
            )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-pos", type=int, default=1000, help="queries per part of speech")
    ap.add_argument("--skip", type=int, default=0, help="forms skipped per part of speech")
    ap.add_argument("--show", type=int, default=0, help="print the N worst queries")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    out = evaluate(args.per_pos, args.show, args.skip)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
