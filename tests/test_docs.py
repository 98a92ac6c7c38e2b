"""The README documents every command the CLI offers, and shows the two quick-start lines."""

from pathlib import Path

import pytest
from typer.main import get_command

from search.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_cli_has_the_spec_commands() -> None:
    assert set(COMMANDS) >= {"index", "query", "show", "parse", "stats", "tui"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command: str) -> None:
    assert f"`cerca {command}" in README


def test_quick_start_has_the_tui_and_the_tests() -> None:
    assert "pip install -e . && cerca tui" in README
    assert "pip install -e '.[test]' && pytest" in README
