"""The user's own file (SPEC §9): their corrections to the people facet, in TOML.

```toml
[people]
ignore = ["Hera", "Serramazzoni"]   # not a person
split = ["Giuseppe Di Giorgio"]     # the rules merge nothing into it

[people.alias]                      # same person as
"Muzzarelli" = "Gian Carlo Muzzarelli"
```

Default `./cerca.toml`, `$CERCA_CONFIG` overrides (`search.paths.default_config`). A
missing file is an empty one. It is read with the standard library's `tomllib`; the
commands that change it go through `tomlkit`, which keeps the user's comments, order and
layout, and write it atomically (temp file + replace). Only the indexer and the
`cerca people` commands read it: `cerca query` never does.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from search.errors import ConfigError, UsageError
from search.people.corrections import PeopleCorrections, clean, person_key

PEOPLE = "people"
IGNORE, ALIAS, SPLIT = "ignore", "alias", "split"


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read it ({e.strerror or e})") from None


def _parse(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        message = str(e)
        where = re.search(r"\s*\((?:at line (\d+), column \d+|at end of document)\)$", message)
        if where is None:
            raise ConfigError(f"{path}: {message}") from None
        line = where.group(1) or text.count("\n") + 1  # "at end of document"
        reason = message[: where.start()]
        raise ConfigError(f"{path}, line {line}: {reason[:1].lower()}{reason[1:]}") from None


def _line_of(text: str, key: str) -> str:
    """`, line N` of the first line that sets `key` or opens its table (for a message)."""
    k = re.escape(key)
    pattern = re.compile(rf'^[ \t]*("?{k}"?[ \t]*=|\[[^\]\n]*\b{k}"?[ \t]*\])', re.MULTILINE)
    found = pattern.search(text)
    return f", line {text.count(chr(10), 0, found.start()) + 1}" if found else ""


def _corrections(path: Path, text: str, data: dict[str, Any]) -> PeopleCorrections:
    people = data.get(PEOPLE, {})
    if not isinstance(people, dict):
        raise ConfigError(f"{path}{_line_of(text, PEOPLE)}: [people] must be a table")
    for key in (IGNORE, SPLIT):
        names = people.get(key, [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ConfigError(f"{path}{_line_of(text, key)}: people.{key} must be a list of names")
    alias = people.get(ALIAS, {})
    if not isinstance(alias, dict) or not all(isinstance(c, str) for c in alias.values()):
        raise ConfigError(
            f'{path}{_line_of(text, ALIAS)}: people.alias must be a table of "variant" = "name"'
        )
    return PeopleCorrections.of(people.get(IGNORE, []), alias, people.get(SPLIT, []))


def load_corrections(path: Path) -> PeopleCorrections:
    """The people corrections of the user's file at `path` (none when it is missing).

    Raises:
        ConfigError: the file cannot be read, is not TOML (the message names the line),
            or its `[people]` table is not shaped as above.
    """
    path = Path(path)
    text = _read_text(path)
    if text is None:
        return PeopleCorrections()
    return _corrections(path, text, _parse(path, text))


# -- changing the file ------------------------------------------------------------------


def ignore_person(path: Path, name: str) -> bool:
    """Record that `name` is not a person. Returns False when the file already said so."""
    return _edit(path, name, IGNORE)


def split_person(path: Path, name: str) -> bool:
    """Record that the rules must merge nothing into `name`. False: already recorded."""
    return _edit(path, name, SPLIT)


def alias_person(path: Path, variant: str, canonical: str) -> bool:
    """Record that `variant` is the person `canonical`. False: already recorded.

    Raises:
        UsageError: the two names are one, or the alias would lead back to `variant`.
    """
    if person_key(variant) == person_key(canonical):
        raise UsageError(f"{clean(variant)!r} cannot be an alias of itself")
    current = load_corrections(path)
    aliases = {person_key(v): c for v, c in current.alias}
    seen, step = {person_key(variant)}, canonical
    while person_key(step) in aliases:
        step = aliases[person_key(step)]
        if person_key(step) in seen:
            raise UsageError(
                f"{clean(canonical)!r} is already an alias that leads to {clean(variant)!r}"
            )
        seen.add(person_key(step))
    return _edit(path, variant, ALIAS, clean(canonical))


def forget_person(path: Path, name: str) -> bool:
    """Drop every correction about `name`. False: there was none."""
    return _edit(path, name, None)


def _edit(path: Path, name: str, kind: str | None, target: str | None = None) -> bool:
    """Give `name` the one decision `kind` (None: none), keeping the rest of the file."""
    import tomlkit  # only the commands that change the file load it

    name = clean(name)
    if not name:
        raise UsageError("a name cannot be empty")
    path = Path(path)
    text = _read_text(path) or ""
    _corrections(path, text, _parse(path, text))  # refuse a broken file, line named
    doc = tomlkit.parse(text)
    if PEOPLE not in doc:
        doc[PEOPLE] = tomlkit.table()
    people: Any = doc[PEOPLE]
    key = person_key(name)
    changed = False
    for other in (IGNORE, SPLIT):
        if other == kind:
            continue
        names = people.get(other)
        if names is not None:
            for i in reversed([i for i, n in enumerate(names) if person_key(n) == key]):
                del names[i]
                changed = True
    alias = people.get(ALIAS)
    if alias is not None:
        for variant in [v for v in alias if person_key(v) == key]:
            if kind == ALIAS and alias[variant] == target:
                continue
            del alias[variant]
            changed = True
    if kind in (IGNORE, SPLIT):
        if kind not in people:
            people[kind] = tomlkit.array().multiline(True)  # one name a line: clean diffs
        names = people[kind]
        if not any(person_key(n) == key for n in names):
            names.append(name)
            changed = True
    elif kind == ALIAS:
        if ALIAS not in people:
            people[ALIAS] = tomlkit.table()
        alias = people[ALIAS]
        if not any(person_key(v) == key for v in alias):
            alias[name] = target
            changed = True
    if changed:
        _write_atomic(path, tomlkit.dumps(doc))
    return changed


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ConfigError(f"{path}: cannot write it ({e.strerror or e})") from None
