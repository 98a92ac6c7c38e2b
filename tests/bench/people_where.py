"""What the section and month rule of the people canon does to a generated archive.

    python tests/bench/people_where.py CORPUS --cache FILE [--pool POOL] [--sample N]

Extracts the people of every article (the ``people_top.py`` cache of parsed fields, with
section and date), makes them canonical twice, with and without the rule that links a
lone surname several persons share to the one of them named in its section or month,
and prints: the lone-surname values that leave the facet, the documents whose values
change, and the new links. With ``--pool`` (the generator's ``pool_dice.jsonl.gz``) each
new link is checked against the source: the pool article the surname's sentence came
from names the person in full (right), another person of that surname (wrong), or
neither (unknown). ``--sample N`` prints N links to judge by hand from the text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from search.index.relink import Canonical  # noqa: E402
from search.people import PeopleCanon, name_key, where_of  # noqa: E402
from tests.bench.people_top import people_pass, read_corpus  # noqa: E402


def canon_of(names: list[list[str]], where: list[tuple[str, ...]], evidence) -> PeopleCanon:
    canon = PeopleCanon()
    for n, w in zip(names, where, strict=True):
        canon.count(n)
        canon.locate(n, w)
    for seen in evidence:
        canon.weigh((name, *row) for name, row in seen.items())
    return canon


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def _plain(text: str) -> str:
    """Quotes as the generator may have rewritten them, spaces collapsed."""
    return " ".join(text.translate(_QUOTES).split())


def load_pool(path: Path) -> tuple[list[str], dict[str, list[tuple[str, int]]]]:
    """Pool articles as text, and per capitalized word the sentences holding it."""
    texts: list[str] = []
    by_word: dict[str, list[tuple[str, int]]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            sentences = [_plain(s) for p in json.loads(line)["paragraphs"] for s in p]
            for s in sentences:
                for w in set(re.findall(r"\b[A-ZÀ-Ý][\w'’]+", s)):
                    by_word[w].append((s, len(texts)))
            texts.append(" ".join(sentences))
    return texts, by_word


def source_verdict(
    body: str, surname: str, person: str, others: list[str], pool
) -> tuple[str, str]:
    """right / wrong / unknown, and the source's full names with that surname."""
    texts, by_word = pool
    body = _plain(body)
    sources = {art for s, art in by_word.get(surname, ()) if s in body}
    if not sources:
        return "unknown", "(sentence not found in the pool)"
    want = name_key(person)[0]
    rivals = {name_key(o)[0] for o in others}
    found: set[str] = set()
    for art in sources:
        found.update(
            m.group(0)
            for m in re.finditer(rf"\b[A-ZÀ-Ý][\w'’]+ (?:[A-Z]\w* )?{surname}\b", texts[art])
        )
    firsts = {name_key(f)[0] for f in found}
    if want in firsts:
        return "right", ", ".join(sorted(found))
    if firsts & rivals:
        return "wrong", ", ".join(sorted(found))
    return "unknown", ", ".join(sorted(found)) or "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--pool", type=Path)
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)

    fields = read_corpus(args.corpus, args.cache)
    if not fields or len(fields[0]) < 6:
        sys.exit("the cache holds no section and date: make it again")
    names, evidence, _ = people_pass(fields)
    where = [where_of(f[4], f[5]) for f in fields]
    canon = canon_of(names, where, evidence)
    values = Canonical(canon)
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    links: list[tuple[int, str, str]] = []  # (article, lone surname, person)
    for i, (n, w) in enumerate(zip(names, where, strict=True)):
        old, new = values.people(n), values.people(n, w)
        before.update(old)
        after.update(new)
        for lone in n:
            if canon.situated(lone):
                value = canon.value(lone, w)
                if value is not None and value != canon.value(lone):
                    links.append((i, lone, value))
    gone = [v for v in before if v not in after]
    moved = sum(values.people(n) != values.people(n, w) for n, w in zip(names, where, strict=True))
    situated = {v for v in before if canon.situated(v)}
    print(
        f"{len(fields)} articles; lone surnames several persons share, as values: {len(situated)}"
    )
    print(
        f"values that leave the facet: {len(gone)}"
        f" (of them lone surnames: {len(set(gone) & situated)})"
    )
    print(f"documents whose values change (re-linked): {moved}; new links: {len(links)}")
    print(
        "by bucket kind: section",
        sum(1 for i, s, p in links if _by_section(canon, s, where[i])),
        "month",
        sum(1 for i, s, p in links if not _by_section(canon, s, where[i])),
    )
    if args.pool:
        pool = load_pool(args.pool)
        verdicts: Counter[str] = Counter()
        for i, lone, person in links:
            others = sorted(canon.lookup(lone))
            verdicts[source_verdict(fields[i][2], lone, person, others, pool)[0]] += 1
        judged = verdicts["right"] + verdicts["wrong"]
        share = verdicts["right"] / judged if judged else 0.0
        print(f"against the pool: {dict(verdicts)}; precision where known {share:.2f}")
    rnd = random.Random(args.seed)
    for i, lone, person in rnd.sample(links, min(args.sample, len(links))):
        body = fields[i][2]
        alone = re.search(rf"(?<![A-ZÀ-Ý]\w )(?<![A-ZÀ-Ý]\w\w )\b{lone}\b", body)
        at = alone.start() if alone else body.find(lone)
        print(f"--- {fields[i][6] if len(fields[i]) > 6 else i} {where[i]} {lone} -> {person}")
        print("   ", body[max(0, at - 200) : at + 120].replace("\n", " "))
        if args.pool:
            print(
                "    source:", source_verdict(body, lone, person, sorted(canon.lookup(lone)), pool)
            )
    return 0


def _by_section(canon: PeopleCanon, lone: str, where: tuple[str, ...]) -> bool:
    section = [b for b in where if b.startswith("s:")]
    return bool(section) and canon.value(lone, tuple(section)) != canon.value(lone)


if __name__ == "__main__":
    raise SystemExit(main())
