"""The most frequent people values of a corpus, and how many of them are people.

    python tests/bench/people_top.py CORPUS [--top 100] [--labels FILE] [--cache FILE]

Parses every article of CORPUS, extracts its people and makes them canonical across the
corpus as the indexer does (``search.index.relink``), then counts the documents carrying
each value: the people facet of the whole archive.

With ``--labels`` (a TSV ``value<TAB>person|not<TAB>kind``; the labels of the seed-7
100k archive are in ``people_top100_s7.tsv`` beside this script) it prints precision at
20, 50 and 100. A value in the top that has no label counts as wrong and is listed, so
that a change bringing new values up cannot look better than it is.

``--cache`` keeps the parsed fields (title, subtitle, body, tags, section, date) of every
article in a pickle: the next run only extracts people again, which is what a change to
``search/people`` needs (a cache of an older version, without section and date, gives
the facet without the section and month rule). ``--time`` reports the CPU time of the
people pass per article.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from search.index.relink import Canonical, clean_names  # noqa: E402
from search.parse import SkipFile, iter_files, parse_file  # noqa: E402
from search.people import PeopleCanon, Where, extract_people, where_of  # noqa: E402

# title, subtitle, body, tags, section, date
_Fields = tuple[str, str | None, str, tuple[str, ...], str | None, str | None]
CUTS = (20, 50, 100, 200)


def read_corpus(root: Path, cache: Path | None) -> list[_Fields]:
    """The (title, subtitle, body, tags, section, date) of every article, from the cache
    when it has them."""
    if cache is not None and cache.exists():
        with cache.open("rb") as f:
            fields: list[_Fields] = pickle.load(f)
        return fields
    fields = []
    for path, folder in iter_files([root]):
        try:
            a = parse_file(path, folder)
        except SkipFile:
            continue
        fields.append((a.title, a.subtitle, a.body, a.tags, a.section, a.date))
    if cache is not None:
        with cache.open("wb") as f:
            pickle.dump(fields, f, protocol=pickle.HIGHEST_PROTOCOL)
    return fields


_Evidence = dict[str, list[int]]


def people_pass(fields: list[_Fields]) -> tuple[list[list[str]], list[_Evidence], float]:
    """Each article's names as the parser keeps them, what it says of each name (the
    contexts the canon pools), and the CPU seconds it took."""
    t0 = time.process_time()
    names: list[list[str]] = []
    evidence: list[_Evidence] = []
    for f in fields:
        seen: _Evidence = {}
        names.append(clean_names(extract_people(*f[:4], evidence=seen)))
        evidence.append(seen)
    return names, evidence, time.process_time() - t0


def places(fields: list[_Fields]) -> list[Where]:
    """Each article's section and month as the canon's buckets (none from an old cache)."""
    return [where_of(*f[4:6]) if len(f) >= 6 else () for f in fields]


def facet(
    names: list[list[str]],
    evidence: list[_Evidence] | None = None,
    where: list[Where] | None = None,
) -> Counter[str]:
    """Documents per canonical value, as the index's people facet counts them (the
    archive's contexts pooled when ``evidence`` is given, a lone surname several persons
    share decided by the section and month of its article when ``where`` is)."""
    canon = PeopleCanon()
    place = where or [()] * len(names)
    for n, w in zip(names, place, strict=True):
        canon.count(n)
        canon.locate(n, w)
    for seen in evidence or ():
        canon.weigh((name, *row) for name, row in seen.items())
    values = Canonical(canon)
    counts: Counter[str] = Counter()
    for n, w in zip(names, place, strict=True):
        counts.update(values.people(n, w))
    return counts


def read_labels(path: Path) -> dict[str, tuple[str, str]]:
    labels: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        value, verdict, kind = (line.split("\t") + ["", ""])[:3]
        labels[value] = (verdict.strip(), kind.strip())
    return labels


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--top", type=int, default=100)
    ap.add_argument("--labels", type=Path)
    ap.add_argument("--cache", type=Path, help="pickle of the parsed fields (made if missing)")
    ap.add_argument("--show", type=int, default=30, help="print the first N values")
    ap.add_argument("--time", action="store_true", help="print the people pass CPU per article")
    ap.add_argument(
        "--no-contexts", action="store_true", help="decide per sentence only (the old facet)"
    )
    ap.add_argument(
        "--no-where",
        action="store_true",
        help="leave a lone surname several persons share as it is, whatever its section or month",
    )
    args = ap.parse_args(argv)

    fields = read_corpus(args.corpus, args.cache)
    names, evidence, cpu = people_pass(fields)
    where = None if args.no_where else places(fields)
    top = facet(names, None if args.no_contexts else evidence, where).most_common(args.top)
    labels = read_labels(args.labels) if args.labels else {}
    if args.time:
        print(f"{len(fields)} articles, people pass {cpu * 1e3 / len(fields):.3f} ms CPU/article")
    for rank, (value, count) in enumerate(top, 1):
        if rank > args.show:
            break
        verdict, kind = labels.get(value, ("?", ""))
        print(f"{rank:3} {count:6}  {value:<32} {verdict} {kind}")
    if not labels:
        return 0
    unlabelled = [v for v, _ in top if v not in labels]
    for k in CUTS:
        if k <= len(top):
            good = sum(labels.get(v, ("",))[0] == "person" for v, _ in top[:k])
            print(f"P@{k}: {good / k:.2f} ({good}/{k})")
    wrong = Counter(labels[v][1] for v, _ in top if v in labels and labels[v][0] != "person")
    if wrong:
        print("errors by kind:", ", ".join(f"{k or '?'} {n}" for k, n in wrong.most_common()))
    if unlabelled:
        print("unlabelled (counted as wrong):", ", ".join(unlabelled))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
