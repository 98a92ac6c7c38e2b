"""One canonical name per person across a corpus.

Names are grouped by spelling-independent keys (``variants.name_key``):

- a name of two or more words belongs to the person keyed by (first name, surname):
  ``Serghei Lavrov`` and ``Sergei Lavrov`` are one person, ``Mario Rossi`` and
  ``Paolo Rossi`` are two;
- a name whose first name is a middle name of one longer name with the same surname
  is that person (``Carlo Muzzarelli`` -> ``Gian Carlo Muzzarelli``);
- a lone surname (``Putin``) belongs to the one person with that surname; when the
  corpus knows several (``Rossi`` with two Rossi), in a given article it belongs to the
  one of them named in full (in two articles or more) in the same section, else in the
  same month (``where_of``), and otherwise stays as it is, as when there is none;
  a lone first name belongs to no one (``Giorgio`` is not ``Giuseppe Di Giorgio``)
  unless the archive writes that word as a surname more often than as a first name.

A facet value is a specific person (``value``): a lone first name that belongs to no
one person (``Giovanni``, ``Francesco``), initials (``S. G.``) and a compound first name
(``Giovanni Battista`` beside ``Giovanni Battista Durante``) are mentions, never values.

The canonical value of a person is the fullest form seen, then the most frequent
spelling, then the alphabetically first: it depends on what was added, not on the
order it was added in.

Whether a name is a person at all is decided once for the archive too: the counts of
its contexts over every article (``weigh``; ``contexts.py``) say when most of its
mentions are places, streets, firms or churches with hardly a person cue (``via
Cialdini``, ``il gruppo Hera``); such a name, and a value it names, is no value anywhere.

The user's corrections (``corrections.py``: not a person, same person as, two people)
are applied on top of the rules, and travel with the state (``to_dict``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from .contexts import KINDS, PERSON, is_thing
from .corrections import PeopleCorrections
from .variants import fold, name_key

_VERSION = 2  # 2: the "where" counts (a state of 1 has none: read as such)
_Key = tuple[str, str]
# An article's place in the archive, as the canon's buckets: its section and its month
Where = tuple[str, ...]
# How many times more often the right spelling of a surname is seen than a typo of it
_TYPO_RATIO = 10
# How many articles of a bucket must name its one person of a surname for a lone surname
# there to be that person: one is a coincidence as often as a story
_NEARBY_MIN = 2


def _first_name(word: str) -> bool:
    # the extractor's gazetteer, loaded only when a lone name is asked about
    from .names import FIRST_NAMES

    return word.lower() in FIRST_NAMES


def _initials(name: str) -> bool:
    """Initials alone (``S. G.``, ``A.C.``): how news hides a suspect's or a minor's name,
    so they stand for many people, never one."""
    words = name.replace(".", ". ").split()
    return all(len(word.rstrip(".")) == 1 for word in words)


def _middle_name(first: str, name: str) -> bool:
    """Whether ``first`` (a token key) is the given name just before the surname of
    ``name``, or its given names written as one, and every word before the surname is
    a first name (``Gian Carlo Muzzarelli``; not ``Alfonso Scibona Serena Arbizzi``,
    two names run together)."""
    key = name_key(name)
    if len(key) <= 2 or not all(map(_first_name, name.split()[:-1])):
        return False
    return key[-2] == first or "".join(key[:-1]) == first  # "Giancarlo": "Gian Carlo"


def _swaps(last: str) -> list[str]:
    """A surname key with two neighbouring letters swapped, every way (none for a short
    one: too many real surnames lie one swap apart)."""
    if len(last) < 5:
        return []
    return [
        last[:i] + last[i + 1] + last[i] + last[i + 2 :]
        for i in range(len(last) - 1)
        if last[i] != last[i + 1]
    ]


def where_of(section: str | None, date: str | None) -> Where:
    """The buckets of an article with this section and date: ``("s:Cronaca",
    "m:2020-09")``, the section first; a date without its month, or none, gives no month
    (the calendar month is the finest period every format of article gives)."""
    out: list[str] = []
    if section:
        out.append("s:" + section)
    if date and len(date) >= 7:
        out.append("m:" + date[:7])
    return tuple(out)


def _best(spellings: dict[str, int]) -> str:
    """Fullest form, then most frequent, then alphabetical."""
    return min(spellings, key=lambda s: (-len(s.split()), -spellings[s], s))


class PeopleCanon:
    """Corpus-wide canonical names: ``add`` every article's names, then ``canonical``.

    Example:
        >>> canon = PeopleCanon()
        >>> canon.add(["Vladimir Putin", "Putin", "Serghei Lavrov"])
        >>> canon.add(["Sergei Lavrov", "Lavrov", "Sergei Lavrov"])
        >>> canon.canonical("Putin"), canon.canonical("Serghei Lavrov")
        ('Vladimir Putin', 'Sergei Lavrov')
    """

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._full: dict[_Key, dict[str, int]] = defaultdict(dict)
        self._by_last: dict[str, set[_Key]] = defaultdict(set)
        self._single: dict[str, dict[str, int]] = defaultdict(dict)
        # how often a word key is counted as the first name, and as the surname, of a
        # name of two or more words (what the archive says the word is): worked out
        # when first asked (a query process seldom asks), then kept up by _count
        self._uses: tuple[dict[str, int], dict[str, int]] | None = None
        self._names: frozenset[str] | None = None  # cache for names(), reset by add
        self._roots: dict[_Key, _Key] | None = None  # cache for _root(), reset by add
        # how many names of three or more words start with each pair of word keys
        # ("Giovanni Battista Durante"): such a pair of first names alone is a compound
        # first name, not a person (``_given_names``)
        self._heads: dict[_Key, int] = {}
        self._corrections = PeopleCorrections()
        # per name, its contexts summed over the archive: [mentions, place, street,
        # firm, saint, person] (contexts.py), for the names an article reported
        self._evidence: dict[str, list[int]] = {}
        # per surname key, per bucket of ``where_of`` (a section, a month), per first-name
        # key: how many articles there name that person in full; decides a lone surname
        # the archive shares among several persons (``_nearby``). A surname is "placed"
        # when it has an entry; only those are counted, every one when ``_place_all``,
        # else those the state came with or ``place`` counted from the articles' rows
        self._where: dict[str, dict[str, dict[str, int]]] = {}
        self._place_all = True

    @property
    def corrections(self) -> PeopleCorrections:
        """The user's corrections, applied on top of the rules."""
        return self._corrections

    @corrections.setter
    def corrections(self, corrections: PeopleCorrections) -> None:
        self._corrections = corrections
        self._names = None

    # -- building -------------------------------------------------------------------

    def add(self, names: Iterable[str], where: Where = ()) -> set[str]:
        """Count one article's names, and place its full names in its buckets
        (``where``: its section and month).

        Returns:
            The raw names already known whose canonical value this call changed
            (e.g. ``Putin`` once ``Vladimir Putin`` arrives), anywhere or in one of the
            article's buckets, so an incremental indexer knows which documents to
            re-index.
        """
        incoming = [n for n in (" ".join(x.split()) for x in names) if name_key(n)]
        keys = [name_key(n) for n in incoming]
        lasts = {key[-1] for key in keys}
        # a first name counted may stop a lone word linking (``_merged``)
        lasts.update(key[0] for key in keys if len(key) > 1)
        lasts.update(swap for last in list(lasts) for swap in _swaps(last))  # typos
        affected = self._names_with_last(lasts)
        before = {n: self._values_in(n, where) for n in affected}
        self.count(incoming)
        self.locate(incoming, where)
        return {n for n, c in before.items() if self._values_in(n, where) != c}

    def _values_in(self, name: str, buckets: Iterable[str]) -> tuple[str, ...]:
        """The canonical value of ``name`` anywhere, then in each bucket alone."""
        return (self.canonical(name), *(self.canonical(name, (b,)) for b in buckets))

    def locate(
        self, names: Iterable[str], where: Where, times: int = 1, only: set[str] | None = None
    ) -> None:
        """Count (``times`` -1: take back) one article's full names in its buckets
        (``where``): call it with the names given to ``count`` or ``discount``. Only
        placed surnames are counted (of them, those of ``only`` when given)."""
        if not where:
            return
        persons = set()
        for name in names:
            key = name_key(" ".join(name.split()))
            if len(key) > 1:
                persons.add((key[0], key[-1]))
        for first, last in persons:
            buckets = self._where.get(last)
            if buckets is None:
                if not self._place_all:
                    continue
                buckets = self._where[last] = {}
            elif only is not None and last not in only:
                continue
            for bucket in where:
                firsts = buckets.setdefault(bucket, {})
                seen = firsts.get(first, 0) + times
                if seen > 0:
                    firsts[first] = seen
                    continue
                firsts.pop(first, None)  # counted no more: as if never seen
                if not firsts:
                    del buckets[bucket]

    def _needs_place(self, last: str) -> bool:
        """Whether a lone ``last`` may be decided by its buckets: the archive has it
        alone and with two or more first names (a lone initial is no surname)."""
        return len(last) > 1 and last in self._single and len(self._by_last.get(last, ())) > 1

    def unplaced(self) -> set[str]:
        """The surnames whose buckets a lone surname needs and this canon did not count:
        an indexer counts them from its rows (``place``)."""
        return {
            last for last in self._single if last not in self._where and self._needs_place(last)
        }

    def spellings_of(self, lasts: set[str]) -> set[str]:
        """The counted full names with one of these surname keys."""
        return {n for last in lasts for pk in self._by_last.get(last, ()) for n in self._full[pk]}

    def place(self, lasts: set[str], rows: Iterable[tuple[Iterable[str], Where]]) -> None:
        """Count the buckets of the surnames ``lasts`` from scratch: ``rows`` are the
        (names, where) of every counted article that holds one (others are skipped)."""
        fresh = lasts - self._where.keys()
        for last in fresh:
            self._where[last] = {}
        for names, where in rows:
            self.locate(names, where, only=fresh)

    def count(self, names: Iterable[str]) -> list[str]:
        """Count names like ``add``, without working out whose canonical value changed
        (the indexer settles every document at the end of a run anyway): that bookkeeping
        is a large share of the indexing process's own CPU time."""
        incoming = [n for n in (" ".join(x.split()) for x in names) if name_key(n)]
        for name in incoming:
            self._count(name, 1)
        return incoming

    def discount(self, names: Iterable[str]) -> None:
        """Take back one count of each name (an article that changed or went away): the
        state is then exactly the one built from the counts that remain, so an indexer
        can start from a saved canon instead of recounting every file's names."""
        for name in (" ".join(x.split()) for x in names):
            if name in self._counts:
                self._count(name, -1)

    def weigh(self, rows: Iterable[Sequence[Any]], times: int = 1) -> None:
        """Add (``times`` -1: take back) one article's evidence: rows ``(name, mentions,
        place, street, firm, saint, person)`` as ``Article.evidence`` holds them."""
        evidence = self._evidence
        width = len(KINDS)
        for name, *counts in rows:
            if len(counts) != width:
                continue
            row = evidence.get(name)
            if row is None:
                if times < 0:
                    continue
                row = evidence[name] = [0] * width
            for i, c in enumerate(counts):
                row[i] += c * times
            if row[0] <= 0:  # counted no more
                del evidence[name]
        self._names = None

    def _thing(self, name: str) -> bool:
        """Whether the archive's contexts for ``name`` say it is no person."""
        row = self._evidence.get(name)
        return row is not None and is_thing(row)

    def things(self) -> list[str]:
        """The names the archive's contexts say are no person, sorted."""
        return sorted(n for n, row in self._evidence.items() if is_thing(row))

    def evidence(self, name: str) -> dict[str, int]:
        """The contexts of ``name`` counted over the archive, by kind (none: empty)."""
        row = self._evidence.get(" ".join(name.split()))
        return dict(zip(KINDS, row, strict=True)) if row else {}

    def _count(self, name: str, times: int) -> None:
        self._names = None
        self._roots = None
        before = self._counts.get(name, 0)
        total = before + times
        key = name_key(name)
        if len(key) >= 3 and (before > 0) != (total > 0):
            head = (key[0], key[1])
            self._heads[head] = self._heads.get(head, 0) + (1 if total > 0 else -1)
            if not self._heads[head]:
                del self._heads[head]
        if len(key) == 1:
            group = self._single[key[0]]
        else:
            pk = (key[0], key[-1])
            group = self._full[pk]
            self._by_last[key[-1]].add(pk)
            uses = self._uses
            if uses is not None:
                change = times if total > 0 else times - total  # to the count kept
                uses[0][key[0]] = uses[0].get(key[0], 0) + change
                uses[1][key[-1]] = uses[1].get(key[-1], 0) + change
        if total > 0:
            self._counts[name] = total
            group[name] = total
            return
        # counted no more: drop the name, and its groups once empty, as if never seen
        self._counts.pop(name, None)
        group.pop(name, None)
        if group:
            return
        if len(key) == 1:
            del self._single[key[0]]
        else:
            del self._full[pk]
            persons = self._by_last[key[-1]]
            persons.discard(pk)
            if not persons:
                del self._by_last[key[-1]]

    def _word_uses(self) -> tuple[dict[str, int], dict[str, int]]:
        """Per word key, how often it is a first name and how often a surname."""
        if self._uses is None:
            as_first: dict[str, int] = {}
            as_last: dict[str, int] = {}
            for (first, last), names in self._full.items():
                seen = sum(names.values())
                as_first[first] = as_first.get(first, 0) + seen
                as_last[last] = as_last.get(last, 0) + seen
            self._uses = (as_first, as_last)
        return self._uses

    def _names_with_last(self, lasts: set[str]) -> list[str]:
        out: list[str] = []
        for last in lasts:
            out.extend(self._single.get(last, ()))
            for pk in self._by_last.get(last, ()):
                out.extend(self._full[pk])
        return out

    # -- reading --------------------------------------------------------------------

    def canonical(self, name: str, where: Where = ()) -> str:
        """The corpus-wide value for ``name`` (itself when nothing better is known) in an
        article of ``where``'s buckets, the user's corrections applied."""
        name = " ".join(name.split())
        if self._corrections:
            return self._corrections.canonical(name, self._rules(where))
        return self._merged(name, where)

    def _rules(self, where: Where) -> Callable[[str], str]:
        return partial(self._merged, where=where) if where else self._merged

    def _merged(self, name: str, where: Where = ()) -> str:
        """The value the rules alone give ``name`` (already space-normalized) in an
        article of ``where``."""
        key = name_key(name)
        if not key:
            return name
        last = key[-1]
        if len(key) == 1 and _first_name(name):
            as_first, as_last = self._word_uses()
            if as_first.get(last, 0) >= as_last.get(last, 0):
                # a first name alone links to no one across articles, not even to a
                # surname it spells ("don Giorgio" is not "Giuseppe Di Giorgio"), unless
                # the archive writes it as a surname more often than as a first name
                # ("Aimi"): only the article itself can say whose it is
                spellings = self._single.get(last)
                return _best(spellings) if spellings else name
        persons = self._persons(last)
        if len(key) == 1:
            if len(persons) == 1:
                return _best(self._full[next(iter(persons))])
            near = self._nearby(last, where) if where and self._linkable(name) else None
            if near is not None:
                return _best(self._full[near])
            spellings = self._single.get(last)
            return _best(spellings) if spellings else name
        pk = (key[0], last)
        if pk in self._full:
            return _best(self._full[self._root(pk)])
        if len(key[0]) == 1:  # "V. Putin": an initial matches one first name
            match = [pk for pk in persons if pk[0].startswith(key[0])]
            if len(match) == 1:
                return _best(self._full[match[0]])
        return name

    def _nearby(self, last: str, where: Where) -> _Key | None:
        """The one person with surname ``last`` named in full in the first of ``where``'s
        buckets (the section, else the month) that names exactly one, in ``_NEARBY_MIN``
        articles or more, or None."""
        buckets = self._where.get(last)
        if not buckets or not self._needs_place(last):  # as an indexer's canon places
            return None
        for bucket in where:
            firsts = buckets.get(bucket)
            if firsts and sum(firsts.values()) >= _NEARBY_MIN:
                found = {self._root((first, last)) for first in firsts}
                if len(found) == 1:
                    return found.pop()
        return None

    def _linkable(self, name: str) -> bool:
        """Whether a lone ``name`` may take the person of its buckets: no first name, and
        the archive's contexts give it more person cues than place, street, firm and
        church ones together (a link this weak must not make ``via don Milani`` or ``la
        ditta Vandelli`` somebody)."""
        if _first_name(name):
            return False
        row = self._evidence.get(name)
        return row is not None and row[PERSON] > sum(row[1:PERSON])

    def situated(self, name: str) -> bool:
        """Whether the value of ``name`` may depend on its article's buckets: a lone
        surname (``_linkable``) that the archive shares among several persons."""
        name = " ".join(name.split())
        key = name_key(name)
        return (
            len(key) == 1
            and bool(self._where.get(key[0]))
            and len(self._persons(key[0])) > 1
            and self._linkable(name)
        )

    def value(self, name: str, where: Where = ()) -> str | None:
        """The people facet value for ``name`` in an article of ``where``: ``canonical``,
        or ``None`` when that is a lone first name, initials or a compound first name
        (none names one person), when the archive's contexts say the name or its value
        is no person (unless the user made it an alias), or when the user said it is no
        person."""
        canon = self.canonical(name, where)
        if " " not in canon and _first_name(canon):
            return None
        fixes = self._corrections
        if not (fixes and fixes.aliased(name)) and (
            _initials(canon)
            or self._given_names(canon)
            or (self._evidence and (self._thing(name) or self._thing(canon)))
        ):
            return None
        if fixes and fixes.ignores(name, canon, self._merged(name, where)):
            return None
        return canon

    def _given_names(self, name: str) -> bool:
        """Two first names that longer names of the archive start with (``Giovanni
        Battista`` beside ``Giovanni Battista Durante``): a compound first name, which
        names no one person."""
        key = name_key(name)
        return (
            len(key) == 2
            and (key[0], key[1]) in self._heads
            and all(_first_name(word) for word in name.split())
        )

    def spellings(self) -> dict[str, list[str]]:
        """Per facet value, the other spellings that give it, most counted first."""
        out: dict[str, list[str]] = defaultdict(list)
        for name in sorted(self._counts, key=lambda n: (-self._counts[n], n)):
            value = self.value(name)
            if value is not None and value != name:
                out[value].append(name)
        return dict(out)

    def _root(self, pk: _Key) -> _Key:
        """The person a (first name, surname) key belongs to: the one longer name with
        that surname whose middle names hold the first name (``Carlo Muzzarelli`` and
        ``Giancarlo Muzzarelli`` in ``Gian Carlo Muzzarelli``), else itself."""
        roots = self._roots
        if roots is None:
            roots = self._roots = {}
        root = roots.get(pk)
        if root is None:
            holders = {
                other
                for other in self._by_last.get(pk[1], ())
                if other != pk and any(_middle_name(pk[0], n) for n in self._full[other])
            }
            if len(holders) == 1:
                root = holders.pop()
            else:
                root = self._typo_of(pk) or pk
            roots[pk] = root
        return root

    def _typo_of(self, pk: _Key) -> _Key | None:
        """The person whose surname this one misspells by two letters swapped
        (``Volodymyr Zelesnky`` -> ``Volodymyr Zelensky``), same first name, when that
        spelling is far more common: a typo, not another family (a different letter,
        ``Rossi`` / ``Russi``, may well be one)."""
        first, last = pk
        seen = sum(self._full[pk].values())
        for swap in _swaps(last):
            other = (first, swap)
            names = self._full.get(other)
            if names and sum(names.values()) >= _TYPO_RATIO * seen:
                return other
        return None

    def _persons(self, last: str) -> set[_Key]:
        """The persons (root keys) with this surname."""
        return {self._root(pk) for pk in self._by_last.get(last, ())}

    def lookup(self, query: str) -> list[str]:
        """Canonical names a user query refers to.

        ``lavrov``, ``Serghei Lavrov`` and ``LAVROV`` all give ``["Sergei Lavrov"]``
        when that is the canonical value; a query matching nobody exactly falls back to
        the canonical names with a word starting with the query (``zelen``).
        """
        found = self._lookup_merged(query)
        fixes = self._corrections
        if not fixes:
            return [v for v in found if not self._thing(v)]
        out: set[str] = set()
        if fixes.aliased(query):
            out.add(self.canonical(query))
        for name in found:
            if fixes.splits(name):  # fallen apart: the spellings that fit the query
                words = fold(query).split()
                last = name_key(name)[-1]
                out.update(
                    n
                    for n in self._names_with_last({last})
                    if self._merged(n) == name
                    and all(any(f.startswith(w) for f in fold(n).split()) for w in words)
                )
            else:
                out.add(self.canonical(name))
        return sorted(v for v in out if not fixes.ignores(v) and not self._thing(v))

    def _lookup_merged(self, query: str) -> list[str]:
        key = name_key(query)
        if not key:
            return []
        found: set[str] = set()
        if len(key) >= 2:
            if (key[0], key[-1]) in self._full:
                found.add(_best(self._full[self._root((key[0], key[-1]))]))
        else:
            for pk in self._persons(key[0]):
                found.add(_best(self._full[pk]))
            if key[0] in self._single:
                found.add(self.canonical(next(iter(self._single[key[0]]))))
        if not found:
            words = fold(query).split()
            for canon in self.names():
                folded = fold(canon).split()
                if all(any(f.startswith(w) for f in folded) for w in words):
                    found.add(canon)
        return sorted(found)

    def names(self) -> set[str]:
        """Every canonical value (but those the user said are no person)."""
        if self._names is None:
            fixes = self._corrections
            self._names = frozenset(
                c
                for c in map(self.canonical, self._counts)
                if not (fixes and fixes.ignores(c)) and not self._thing(c)
            )
        return set(self._names)

    def changed_since(self, other: PeopleCanon) -> set[str]:
        """Raw names whose facet value here differs from the one in ``other`` (another
        count, other corrections), anywhere or in some bucket (a lone surname several
        persons share: only the documents of the buckets that moved change value)."""
        out = set()
        for n in self._counts:
            if self.value(n) != other.value(n):
                out.add(n)
            elif self.situated(n) or other.situated(n):
                last = name_key(n)[0]
                buckets = self._where.get(last, {}).keys() | other._where.get(last, {}).keys()
                if any(self.value(n, (b,)) != other.value(n, (b,)) for b in buckets):
                    out.add(n)
        return out

    def copy(self) -> PeopleCanon:
        return PeopleCanon.from_dict(self.to_dict())

    def __len__(self) -> int:
        return len(self._counts)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and " ".join(name.split()) in self._counts

    # -- persistence ----------------------------------------------------------------

    def _where_state(self) -> dict[str, Any]:
        """The buckets of the placed surnames that need them, compact: the bucket names
        once, then per surname and first name a flat list ``[bucket, count, ...]``."""
        persons: dict[str, dict[str, list[int]]] = {}
        names: dict[str, int] = {}
        for last in sorted(self._where):
            if not self._needs_place(last):
                continue
            firsts: dict[str, list[int]] = persons.setdefault(last, {})
            for bucket, seen in sorted(self._where[last].items()):
                i = names.setdefault(bucket, len(names))
                for first, times in seen.items():
                    firsts.setdefault(first, []).extend((i, times))
        return {
            "buckets": list(names),
            "persons": {k: dict(sorted(v.items())) for k, v in persons.items()},
        }

    def to_dict(self, reader: bool = False) -> dict[str, Any]:
        """JSON-serializable state; ``from_dict`` restores it, ready for more ``add``.

        ``reader``: for a process that only reads values (``names``, ``lookup``), not
        one that counts more articles: of the evidence, only the rows of the counted
        names it rules out (the rest decide nothing there, and are half the state)."""
        state: dict[str, Any] = {"version": _VERSION, "counts": dict(sorted(self._counts.items()))}
        evidence = self._evidence
        if reader:
            counted = self._counts
            evidence = {n: row for n, row in evidence.items() if n in counted and is_thing(row)}
        if evidence:
            state["evidence"] = dict(sorted(evidence.items()))
        if not reader:  # a reader asks no value in an article
            state["where"] = self._where_state()
        if self._corrections:
            state["corrections"] = self._corrections.to_dict()
        return state

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PeopleCanon:
        """Restore ``to_dict`` output; entries that are not (name, positive count) are
        ignored, so a damaged manifest loses names rather than failing."""
        canon = cls()
        if not isinstance(data, dict):
            return canon
        if data.get("version") in (1, _VERSION):
            counts = data.get("counts")
            for name, times in counts.items() if isinstance(counts, dict) else ():
                if isinstance(name, str) and isinstance(times, int) and times > 0:
                    name = " ".join(name.split())
                    if name_key(name):
                        canon._count(name, times)
            evidence = data.get("evidence")
            if isinstance(evidence, dict):
                canon.weigh(
                    (name, *row)
                    for name, row in evidence.items()
                    if isinstance(name, str)
                    and isinstance(row, list)
                    and all(isinstance(c, int) and c >= 0 for c in row)
                )
            canon._where = _where_from(data.get("where"))
            canon._place_all = False
            canon.corrections = PeopleCorrections.from_dict(data.get("corrections"))
        else:  # the provisional format: a plain list of names
            canon._place_all = False
            names = data.get("names")
            if isinstance(names, list):
                canon.add(n for n in names if isinstance(n, str))
        return canon


def _where_from(data: Any) -> dict[str, dict[str, dict[str, int]]]:
    """``_where_state`` read back; what does not fit is left out (a surname left out is
    not placed: an indexer counts it again from its rows)."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    if not isinstance(data, dict):
        return out
    names, persons = data.get("buckets"), data.get("persons")
    if not isinstance(names, list) or not isinstance(persons, dict):
        return out
    for last, firsts in persons.items():
        buckets: dict[str, dict[str, int]] = {}
        whole = isinstance(firsts, dict)
        for first, flat in firsts.items() if whole else ():
            whole = isinstance(flat, list) and len(flat) % 2 == 0
            for i, seen in zip(flat[::2], flat[1::2], strict=True) if whole else ():
                if not (
                    isinstance(i, int)
                    and 0 <= i < len(names)
                    and isinstance(names[i], str)
                    and isinstance(seen, int)
                    and seen > 0
                ):
                    whole = False
                    break
                buckets.setdefault(names[i], {})[first] = seen
            if not whole:
                break
        if whole:  # a surname counted in part would decide wrongly: left unplaced
            out[last] = buckets
    return out
