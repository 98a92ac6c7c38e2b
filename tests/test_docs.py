"""The documents: the README is a short front door that documents every command and links
every page of docs/; commands and options named in the documents exist; links resolve;
the Python examples of the README and docs/python-api.md run against a real index."""

from __future__ import annotations

import importlib
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.main import get_command

REPO = Path(__file__).resolve().parent.parent
README_PATH = REPO / "README.md"
README = README_PATH.read_text(encoding="utf-8")
DOC_PAGES = sorted((REPO / "docs").rglob("*.md"))
# every document a reader of the repository meets
DOCUMENTS = [README_PATH, REPO / "CONTRIBUTING.md", REPO / "CHANGELOG.md", *DOC_PAGES]
PYTHON_EXAMPLES = [README_PATH, REPO / "docs" / "python-api.md"]
README_MAX_BYTES = 12_288


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def _cli() -> Any:
    """The `cerca` command as the console script of pyproject.toml runs it."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    module = importlib.import_module(pyproject["project"]["scripts"]["cerca"].split(":")[0])
    apps = [v for v in vars(module).values() if isinstance(v, typer.Typer)]
    assert len(apps) == 1, f"one Typer app expected beside the entry point, found {len(apps)}"
    return get_command(apps[0])  # a Click group (Typer vendors Click: no import of it)


CLI = _cli()
COMMANDS = sorted(name for name, cmd in CLI.commands.items() if not cmd.hidden)


# ------------------------------------------------------------------ the README


def test_cli_has_the_spec_commands() -> None:
    assert set(COMMANDS) >= {"index", "query", "show", "parse", "stats", "tui"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command: str) -> None:
    assert f"`cerca {command}" in README


def test_quick_start_has_the_tui_and_the_tests() -> None:
    assert "pip install . && cerca tui" in README
    assert "pip install -e '.[test]' && pytest" in README


def test_readme_is_a_front_door() -> None:
    size = len(README.encode("utf-8"))
    assert size <= README_MAX_BYTES, f"README.md is {size} bytes; move detail to docs/"


@pytest.mark.parametrize("page", DOC_PAGES, ids=_rel)
def test_every_doc_page_is_linked_from_the_readme(page: Path) -> None:
    assert f"]({_rel(page)})" in README or f"]({_rel(page)}#" in README


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b[0-2]?\d:[0-5]\d\s*UTC\b",  # clock times of runs
        r"What changed on",
        r"Measured and left",
        r"\.\./shared",  # paths outside the repository
    ],
)
def test_readme_holds_no_run_log(pattern: str) -> None:
    assert not re.search(pattern, README), pattern


@pytest.mark.parametrize("doc", DOCUMENTS, ids=_rel)
def test_documents_hold_no_clock_times_or_outside_paths(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    assert not re.search(r"\b[0-2]\d:[0-5]\d\b", text), "a clock time: runs are dated by day"
    assert "../shared" not in text, "a path a user of the repository does not have"


# ------------------------------------------------------------------ links


def _slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(doc: Path) -> set[str]:
    text = doc.read_text(encoding="utf-8")
    return {_slug(m) for m in re.findall(r"^#{1,6} (.+)$", text, re.M)}


@pytest.mark.parametrize("doc", DOCUMENTS, ids=_rel)
def test_links_resolve(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        dest = (doc.parent / path).resolve() if path else doc
        if not dest.exists():
            broken.append(target)
        elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
            broken.append(target)
    assert not broken, f"broken links in {_rel(doc)}: {broken}"


# ------------------------------------------------------------------ commands and options


def _code(text: str) -> list[str]:
    """Inline code spans and the lines of fenced blocks."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, re.M | re.S)
    prose = re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.M | re.S)
    return [ln for b in blocks for ln in b.splitlines()] + re.findall(r"`([^`\n]+)`", prose)


def _usages(doc: Path) -> list[tuple[str, list[str]]]:
    """(command, options) for each `cerca COMMAND ...` the document shows."""
    out = []
    for code in _code(doc.read_text(encoding="utf-8")):
        for m in re.finditer(
            r"\bcerca ([a-z]+(?: (?:list|ignore|alias|split|forget|add|remove|run|new)\b)?)"
            r"((?:(?!\bcerca ).)*)",
            code,
        ):
            # options end where a pipe, a redirection, a comment or `--` starts
            rest = re.split(r" \| | > | # | -- ", m.group(2))[0]
            options = re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z](?![\w-]))", rest)
            out.append((m.group(1), options))
    return out


@pytest.mark.parametrize("doc", DOCUMENTS, ids=_rel)
def test_documented_commands_and_options_exist(doc: Path) -> None:
    wrong = []
    for name, options in _usages(doc):
        group, _, sub = name.partition(" ")  # `cerca people list`: a command of a group
        command = CLI.commands.get(group)
        if command is not None and sub:
            command = getattr(command, "commands", {}).get(sub)
        if command is None:
            wrong.append(f"cerca {name}")
            continue
        known = {"--help"}
        for param in command.params:
            known.update(getattr(param, "opts", ()), getattr(param, "secondary_opts", ()))
        wrong += [f"cerca {name} {o}" for o in options if o not in known]
    assert not wrong, f"{_rel(doc)} names what `cerca --help` does not offer: {wrong}"


# ------------------------------------------------------------------ Python examples


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a copy of the bundled corpus/ and its index in index/."""
    from search.index import update_index

    base = tmp_path_factory.mktemp("docs")
    shutil.copytree(REPO / "corpus", base / "corpus")
    update_index(base / "corpus", base / "index")
    return base


@pytest.mark.parametrize("doc", PYTHON_EXAMPLES, ids=_rel)
def test_python_examples_run(doc: Path, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = re.findall(r"^```python\n(.*?)^```", doc.read_text(encoding="utf-8"), re.M | re.S)
    assert blocks, f"{_rel(doc)} has no Python example"
    monkeypatch.chdir(workdir)
    namespace: dict = {"__name__": "__docs__"}
    for i, block in enumerate(blocks, 1):
        exec(compile(block, f"{_rel(doc)} (example {i})", "exec"), namespace)
