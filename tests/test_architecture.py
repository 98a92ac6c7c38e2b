"""The library is headless: importing any of its modules never loads a UI toolkit, and the
CLI (which may use typer and rich) never loads Textual."""

import pkgutil
import subprocess
import sys

import pytest

import search

UI = ("textual", "typer", "rich", "tui")


def _library_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(search.__path__, "search.")]
    return sorted(n for n in names if n != "search.cli" and not n.startswith("search.cli."))


def test_every_stage_is_walked() -> None:
    modules = _library_modules()
    for stage in ("search.parse", "search.people", "search.analyze", "search.index.run"):
        assert stage in modules
    assert "search.query.searcher" in modules


@pytest.mark.parametrize("module", _library_modules())
def test_library_module_does_not_import_ui(module: str) -> None:
    code = f"import sys, {module}\nprint(','.join(m for m in {UI!r} if m in sys.modules))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_does_not_import_textual() -> None:
    code = "import sys, search.cli\nprint('textual' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
