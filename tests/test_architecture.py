"""The library is headless: importing it (and the query CLI) never loads a UI toolkit."""

import subprocess
import sys

import pytest

LIBRARY_MODULES = ["search.models", "search.analyze", "search.parse", "search.schema"]


@pytest.mark.parametrize("module", LIBRARY_MODULES)
def test_library_does_not_import_ui(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = [m for m in ('textual', 'typer', 'rich', 'tui') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_does_not_import_textual() -> None:
    code = "import sys, search.cli\nprint('textual' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
