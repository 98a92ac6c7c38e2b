"""SIGKILL an indexer in the middle of its work: the last good index still answers, no
document is ever half-written, and the next run converges to what a clean build gives."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from search.index import open_index, schema, update_index
from search.query import Searcher
from tests.conftest import REPO, copy_seed_corpus, write_dated
from tests.integration.test_index import dump

pytestmark = pytest.mark.slow

SENTENCES = [
    "Il governo ha approvato la manovra dopo un lungo confronto in Parlamento.",
    "La delegazione ucraina ha incontrato i rappresentanti europei a Bruxelles.",
    "I droni sono stati abbattuti dalla contraerea nella notte.",
    "Secondo gli analisti, i colloqui potrebbero riprendere entro la primavera.",
    "Il sindaco ha annunciato nuovi fondi per le scuole della città.",
    "La Borsa di Milano ha chiuso in rialzo trainata dai titoli bancari.",
]
# Spelling variants, so the people canon moves while the run is killed.
PEOPLE = ["Sergej Lavrov", "Sergei Lavrov", "Dmitrij Peskov", "Dmitry Peskov", "Mario Draghi"]

# Runs update_index with small batches, so a kill lands between commits.
RUNNER = """
import sys
from pathlib import Path
import search.index.generation as g
import search.index.run as m
import search.index.workers as w
g.COMMIT_DOCS = 40
g.BUILD_COMMIT_DOCS = 40
m.ADD_BATCH = 20
w.POOL_MIN_FILES = 60
m.update_index(Path(sys.argv[1]), Path(sys.argv[2]), rebuild=sys.argv[3] == "1")
"""


def make_articles(root: Path, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        rng = random.Random(i)  # article i is the same whichever call writes it
        body = " ".join(rng.sample(SENTENCES, 3))
        who = rng.choice(PEOPLE)
        body += f"\n\nLo ha detto {who} durante una conferenza stampa a Roma."
        write_dated(root, f"g{i // 100:02d}/art_{i:05d}.txt", f"Notizia numero {i}", body)


def _last_commit(ix: Path) -> int:
    """mtime of the newest generation manifest: it changes at every commit."""
    return max((p.stat().st_mtime_ns for p in ix.glob("gen-*/cerca.json")), default=0)


def run_and_kill(corpus: Path, ix: Path, *, rebuild: bool, seed: int) -> bool:
    """Start an indexer, SIGKILL it after a random delay; True if it was killed mid-run."""
    proc = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(corpus), str(ix), "1" if rebuild else "0"],
        cwd=REPO,
        start_new_session=True,  # its worker processes die with it
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # Kill after the run has committed at least one batch, at a random moment after it.
    start = _last_commit(ix)
    deadline = time.monotonic() + 60
    while proc.poll() is None and _last_commit(ix) == start and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(random.Random(seed).uniform(0.0, 1.0))
    killed = proc.poll() is None
    if killed:
        os.killpg(proc.pid, signal.SIGKILL)
    _, err = proc.communicate()
    assert killed or proc.returncode == 0, err.decode()
    return killed


def without_people(d: dict) -> dict:
    return {k: v for k, v in d.items() if k != schema.PEOPLE}


def relative(dumped: dict, corpus: Path) -> dict:
    """A dump with document paths relative to their corpus (corpora live in other folders)."""
    prefix = str(corpus) + "/"
    return {
        i: {**d, schema.PATH: [p.removeprefix(prefix) for p in d[schema.PATH]]}
        for i, d in dumped.items()
    }


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The full corpus and the dump of its clean build."""
    root = tmp_path_factory.mktemp("crash")
    corpus = copy_seed_corpus(root / "corpus")
    make_articles(corpus, 700)
    ix = root / "clean"
    update_index(corpus, ix)
    return corpus, relative(dump(ix), corpus)


@pytest.mark.parametrize("trial", range(4))
def test_killed_incremental_update(clean: tuple[Path, dict], tmp_path: Path, trial: int) -> None:
    full_corpus, expected = clean
    corpus = copy_seed_corpus(tmp_path / "corpus")
    make_articles(corpus, 100)
    ix = tmp_path / "ix"
    update_index(corpus, ix)
    before = relative(dump(ix), corpus)
    make_articles(corpus, 600, start=100)  # same files as the clean corpus from here on

    run_and_kill(corpus, ix, rebuild=False, seed=trial)

    index, _ = open_index(ix)  # the index opens and answers, its vocabulary too
    assert index.searcher().search(index.parse_query("droni", [schema.BODY]), 1).count > 0
    assert Searcher(ix).search("drone").total > 0  # `droni`, through its stem
    got = relative(dump(ix), corpus)
    assert set(before) <= set(got) <= set(expected)
    for doc_id, fields in got.items():  # every document is whole: old or new, never half
        assert without_people(fields) == without_people(expected[doc_id])

    update_index(corpus, ix)
    assert relative(dump(ix), corpus) == expected


@pytest.mark.parametrize("trial", range(3))
def test_killed_rebuild(clean: tuple[Path, dict], tmp_path: Path, trial: int) -> None:
    full_corpus, expected = clean
    corpus = copy_seed_corpus(tmp_path / "corpus")
    make_articles(corpus, 700)
    ix = tmp_path / "ix"
    (corpus / "g00" / "art_00000.txt").rename(tmp_path / "aside.txt")
    update_index(corpus, ix)
    before = relative(dump(ix), corpus)
    (tmp_path / "aside.txt").rename(corpus / "g00" / "art_00000.txt")

    killed = run_and_kill(corpus, ix, rebuild=True, seed=100 + trial)

    after = relative(dump(ix), corpus)  # readers see the old generation or the finished new one
    assert after == (before if killed and after != expected else expected)

    update_index(corpus, ix)  # completes the interrupted rebuild
    assert relative(dump(ix), corpus) == expected
    assert not (ix / "BUILDING").exists()


def _alive_in_group(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group, read from /proc."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, pgrp = fields[0], int(fields[2])
        if pgrp == pgid and state != "Z":
            alive.append(int(entry.name))
    return alive


def test_workers_die_with_a_killed_indexer(clean: tuple[Path, dict], tmp_path: Path) -> None:
    corpus, _ = clean
    proc = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(corpus), str(tmp_path / "ix"), "0"],
        cwd=REPO,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(_alive_in_group(proc.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)  # wait for the worker processes
    assert len(_alive_in_group(proc.pid)) >= 3
    proc.kill()  # the indexer only, not its group: as the OOM killer would
    proc.wait()
    deadline = time.monotonic() + 10
    while _alive_in_group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _alive_in_group(proc.pid)
    if left:
        os.killpg(proc.pid, signal.SIGKILL)
    assert left == []
