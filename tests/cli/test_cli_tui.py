"""`cerca tui` without a terminal: a one-line message and exit 2, never a hang.

Textual reads keys from stdin, takes its size from stdout and draws on stderr; with one
of them not a terminal it spun at full CPU writing escape sequences until killed.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def run_tui(terminals: set[str], env: dict[str, str]) -> tuple[int, str]:
    """Run `cerca tui` with a pseudo-terminal as the `terminals` streams and a pipe (or
    /dev/null for stdin) as the others; (exit code, what it wrote on stderr)."""
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "search.cli", "tui"],
            cwd=REPO,
            env=env,
            stdin=follower if "stdin" in terminals else subprocess.DEVNULL,
            stdout=follower if "stdout" in terminals else subprocess.PIPE,
            stderr=follower if "stderr" in terminals else subprocess.PIPE,
            timeout=30,  # it used to run until killed
        )
        if "stderr" not in terminals:
            return proc.returncode, proc.stderr.decode()
        os.set_blocking(leader, False)
        try:
            written = os.read(leader, 1 << 16)
        except BlockingIOError:  # nothing written
            written = b""
        return proc.returncode, written.decode()
    finally:
        os.close(leader)
        os.close(follower)


@pytest.mark.parametrize(
    "not_a_terminal", [("stdin",), ("stdout",), ("stderr",), ("stdin", "stdout", "stderr")]
)
def test_tui_without_a_terminal_exits_2_with_one_line(
    not_a_terminal: tuple[str, ...], seed_index: Path, seed_corpus: Path
) -> None:
    env = {**os.environ, "CERCA_INDEX": str(seed_index), "CERCA_CORPUS": str(seed_corpus)}
    code, err = run_tui({"stdin", "stdout", "stderr"} - set(not_a_terminal), env)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("cerca: ") and "terminal" in lines[0]
    assert not_a_terminal[0] in lines[0]  # says which stream is not one
    assert "\x1b" not in err  # nothing drawn
