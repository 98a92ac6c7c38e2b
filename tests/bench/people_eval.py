"""Measure person extraction on a token/label TSV (KIND Wikinews format).

    python tests/bench/people_eval.py ../shared/data/kind_wikinews_train.tsv [--show 30]

Input: ``token<TAB>label`` per line, a blank line after each sentence, IO labels
(``PER``, ``ORG``, ``LOC``, ``O``); a run of ``PER`` tokens is one mention.

Articles: the file has no article boundaries, so they are rebuilt from its layout.
Wikinews titles are sentences of five or more tokens with no final punctuation,
after a sentence that has one; a new article starts at each (shorter unpunctuated
lines are subheadings and stay in the current article). The text given to the
extractor is the title, then the article's sentences one per line.

Pairs: per article, the gold persons are the PER mentions with surname-only mentions
folded into the fullest mention sharing their last word (as an annotator's list of
"people in this article" would read); the extractor's names are compared with them:

- exact: same name (case and accents ignored);
- lenient: same surname (last word), or one name's words contained in the other's.

Every fifth article (4, 9, 14, ...) is held out: rules were tuned on the other 80%.
The figures are printed for the held-out 20%, the tuning 80% and the whole file.
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from search.people import extract_people  # noqa: E402

_TERMINAL = frozenset('.!?"»”)…;:')
_NO_SPACE_BEFORE = frozenset(",.;:!?)»”]%")
_NO_SPACE_AFTER = frozenset("(«“[")
_TITLE_MIN_TOKENS = 5  # subheadings ("In Europa", "I Paesi interessati") are shorter


@dataclass
class Sentence:
    tokens: list[str]
    labels: list[str]

    @property
    def text(self) -> str:
        out = ""
        for i, tok in enumerate(self.tokens):
            prev = self.tokens[i - 1] if i else ""
            glue = (
                i == 0
                or tok in _NO_SPACE_BEFORE
                or prev in _NO_SPACE_AFTER
                or prev.endswith(("'", "’"))
            )
            out += tok if glue else " " + tok
        return out

    def persons(self) -> list[str]:
        runs, cur = [], []
        for tok, lab in zip(self.tokens, self.labels, strict=True):
            if lab == "PER":
                cur.append(tok)
            elif cur:
                runs.append(" ".join(cur))
                cur = []
        if cur:
            runs.append(" ".join(cur))
        return runs


@dataclass
class Doc:
    title: Sentence
    body: list[Sentence] = field(default_factory=list)

    def gold(self) -> set[str]:
        mentions = self.title.persons() + [p for s in self.body for p in s.persons()]
        return _fold_mentions(mentions)


def read_sentences(path: Path) -> list[Sentence]:
    sents, toks, labs = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if toks:
                sents.append(Sentence(toks, labs))
                toks, labs = [], []
            continue
        tok, _, lab = line.partition("\t")
        toks.append(tok)
        labs.append(lab.strip() or "O")
    if toks:
        sents.append(Sentence(toks, labs))
    return sents


def _unterminated(s: Sentence) -> bool:
    return s.tokens[-1] not in _TERMINAL


def _is_title(prev: Sentence | None, s: Sentence) -> bool:
    return (
        _unterminated(s)
        and len(s.tokens) >= _TITLE_MIN_TOKENS
        and s.tokens[0][:1].isupper()
        and (prev is None or not _unterminated(prev))
    )


def group_articles(sents: list[Sentence]) -> list[Doc]:
    docs: list[Doc] = []
    for i, s in enumerate(sents):
        prev = sents[i - 1] if i else None
        if not docs or _is_title(prev, s):
            docs.append(Doc(s))
        else:
            docs[-1].body.append(s)
    return docs


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.casefold().replace("’", "'").replace("' ", "'"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).split())


def _fold_mentions(mentions: list[str]) -> set[str]:
    """Fullest form per person: a mention whose words all occur in one longer mention
    (``Putin`` in ``Vladimir Putin``, ``Anna`` in ``Anna Rossi``) is that person."""
    # longest first, then by spelling: the same folding on every run (set order varies)
    names = sorted({" ".join(m.split()) for m in mentions}, key=lambda m: (-len(m.split()), m))
    kept: list[str] = []
    for m in names:
        words = set(fold(m).split())
        if not words:
            continue
        if any(words <= set(fold(k).split()) for k in kept):
            continue
        kept.append(m)
    return set(kept)


def _lenient(a: str, b: str) -> bool:
    fa, fb = fold(a).split(), fold(b).split()
    return fa[-1] == fb[-1] or set(fa) <= set(fb) or set(fb) <= set(fa)


@dataclass
class Score:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match(pred: list[str], gold: set[str], lenient: bool) -> tuple[int, list[str], list[str]]:
    """Greedy one-to-one matching; returns (true positives, unmatched pred, unmatched gold)."""
    left = sorted(gold)
    unmatched = []
    tp = 0
    for p in pred:
        hit = next((g for g in left if fold(g) == fold(p)), None)
        if hit is None and lenient:
            hit = next((g for g in left if _lenient(p, g)), None)
        if hit is None:
            unmatched.append(p)
        else:
            left.remove(hit)
            tp += 1
    return tp, unmatched, left


_TIMER = [0.0]  # seconds spent inside extract_people


def evaluate(docs: list[Doc], show: int = 0) -> dict[str, dict[str, Score]]:
    scores = {
        part: {"exact": Score(), "lenient": Score()} for part in ("held-out", "tuning", "all")
    }
    fps: list[str] = []
    fns: list[str] = []
    for i, doc in enumerate(docs):
        part = "held-out" if i % 5 == 4 else "tuning"
        body = "\n".join(s.text for s in doc.body)
        t0 = time.perf_counter()
        pred = extract_people(doc.title.text, None, body)
        _TIMER[0] += time.perf_counter() - t0
        gold = doc.gold()
        for mode in ("exact", "lenient"):
            tp, fp, fn = match(pred, gold, mode == "lenient")
            for p in (part, "all"):
                scores[p][mode].add(tp, len(pred), len(gold))
            if mode == "lenient" and part == "tuning":
                fps += [f"{i}: {x}" for x in fp]
                fns += [f"{i}: {x}" for x in fn]
    if show:
        print("false positives (lenient, tuning):", *fps[:show], sep="\n  ")
        print("missed (lenient, tuning):", *fns[:show], sep="\n  ")
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--show", type=int, default=0, help="print N errors of each kind")
    args = ap.parse_args(argv)
    docs = group_articles(read_sentences(args.path))
    scores = evaluate(docs, args.show)
    took = _TIMER[0]
    words = sum(len(s.tokens) for d in docs for s in [d.title, *d.body])
    print(
        f"{len(docs)} articles, {words} tokens, extraction {took * 1000 / len(docs):.2f} ms/article"
    )
    print(f"{'part':<10} {'mode':<8} {'P':>6} {'R':>6} {'F1':>6}  (pairs: tp / pred / gold)")
    for part, modes in scores.items():
        for mode, s in modes.items():
            p, r, f = s.prf()
            print(
                f"{part:<10} {mode:<8} {p:6.3f} {r:6.3f} {f:6.3f}  ({s.tp} / {s.pred} / {s.gold})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
