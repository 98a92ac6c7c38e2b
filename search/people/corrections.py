"""The user's corrections to the people canon: not a person, same person as, two people.

They come from the user's file (``cerca.toml``, read by ``search.config``) and win over
the rules of ``canonical.py``. Names are matched case-, accent- and space-insensitively
(``person_key``), either as a raw spelling or as the value the rules give it:

- ``ignore``: the name gives no facet value (``Hera``, ``Serramazzoni``); ignoring a
  value drops every spelling merged into it;
- ``alias``: a spelling, or every spelling of a value, takes another value, written as
  the user wrote it (``Muzzarelli`` -> ``Gian Carlo Muzzarelli``);
- ``split``: the rules merge nothing into this name: a value named here falls apart into
  its spellings, and a spelling named here keeps its own value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .variants import fold


def person_key(name: str) -> str:
    """What a correction matches: ``GIAN  CARLO muzzarelli`` is ``gian carlo muzzarelli``."""
    return " ".join(fold(name).split())


def clean(name: str) -> str:
    """A name as it is written in the file and shown: inner runs of space collapsed."""
    return " ".join(name.split())


@dataclass(frozen=True)
class PeopleCorrections:
    """The three kinds of decision, each name written as the user wrote it."""

    ignore: tuple[str, ...] = ()
    alias: tuple[tuple[str, str], ...] = ()  # (variant, canonical)
    split: tuple[str, ...] = ()
    _ignored: frozenset[str] = field(init=False, repr=False, compare=False)
    _aliases: dict[str, str] = field(init=False, repr=False, compare=False)
    _split: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "_ignored", frozenset(map(person_key, self.ignore)))
        set_(self, "_aliases", {person_key(v): clean(c) for v, c in self.alias})
        set_(self, "_split", frozenset(map(person_key, self.split)))

    @classmethod
    def of(
        cls,
        ignore: Iterable[str] = (),
        alias: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        split: Iterable[str] = (),
    ) -> PeopleCorrections:
        pairs = alias.items() if isinstance(alias, Mapping) else alias
        return cls(
            tuple(map(clean, ignore)),
            tuple((clean(v), clean(c)) for v, c in pairs),
            tuple(map(clean, split)),
        )

    def __bool__(self) -> bool:
        return bool(self.ignore or self.alias or self.split)

    # -- applying ------------------------------------------------------------------------

    def canonical(self, name: str, merged: Callable[[str], str]) -> str:
        """The value of ``name`` given ``merged``, the value the rules give a name."""
        target = self._aliases.get(person_key(name))
        if target is not None:
            return self._target(target)
        if person_key(name) in self._split:
            return name
        value = merged(name)
        key = person_key(value)
        if key in self._split:
            return name
        target = self._aliases.get(key)
        return value if target is None else self._target(target)

    def _target(self, target: str) -> str:
        """Where an alias leads: followed through further aliases (a cycle stops), and
        written as the user wrote it (the rules would merge a spelling back)."""
        seen = {person_key(target)}
        while (step := self._aliases.get(person_key(target))) is not None:
            if person_key(step) in seen:
                break
            seen.add(person_key(step))
            target = step
        return target

    def ignores(self, *names: str) -> bool:
        """Whether any of these (a spelling, its value) is not a person."""
        return any(person_key(n) in self._ignored for n in names)

    def splits(self, name: str) -> bool:
        return person_key(name) in self._split

    def aliased(self, name: str) -> bool:
        return person_key(name) in self._aliases

    # -- persistence -----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {"ignore": list(self.ignore), "alias": dict(self.alias), "split": list(self.split)}

    @classmethod
    def from_dict(cls, data: Any) -> PeopleCorrections:
        """Restore ``to_dict`` output; anything malformed is left out."""
        if not isinstance(data, dict):
            return cls()

        def names(value: Any) -> list[str]:
            return [n for n in value if isinstance(n, str)] if isinstance(value, list) else []

        alias = data.get("alias")
        pairs = (
            [(v, c) for v, c in alias.items() if isinstance(c, str)]
            if isinstance(alias, dict)
            else []
        )
        return cls.of(names(data.get("ignore")), pairs, names(data.get("split")))
