"""Parsing agrees with the generator's truth on the shipped generated sample.

tests/fixtures/generated/ holds 66 files of the shared bench generator (all layouts, all
kinds of encoding noise) and their truth lines; compare.py there is the same check a
developer runs on 2,000+ freshly generated articles.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "generated"


def _compare_module():
    spec = importlib.util.spec_from_file_location("generated_compare", SAMPLE / "compare.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report():
    return _compare_module().compare(SAMPLE)


def test_sample_is_there(report) -> None:
    assert report.n == 66


@pytest.mark.parametrize(
    "field", ["format", "title", "subtitle", "author", "date", "section", "tags", "source"]
)
def test_every_field_agrees(report, field: str) -> None:
    wrong = [m for m in report.mismatches if f" {field}: " in m]
    assert wrong == []


def test_bodies_are_clean(report) -> None:
    # head and tail exact; no caption, credit, Related Posts title or trailer in a body
    assert report.body_failures == []
