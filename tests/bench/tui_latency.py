"""TUI keystroke-to-results latency, measured through Textual's Pilot.

For each keystroke: the clock starts just before Pilot presses the key and stops when
the result area has been updated for the text now in the search box (the results list
was refilled, or a notice such as "no results" was shown instead). Each keystroke follows
a quiet spell (`_settle`), so the search box sends it at once (its leading edge); the last
key of a fast burst also waits for the burst window (`BURST_SECONDS`), which this figure
does not cover.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from queries import TUI_TEXT

KEY_NAMES = {" ": "space", "*": "asterisk", ":": "colon", '"': "quotation_mark"}
TIMEOUT_S = 10.0
SEARCH_MS: list[float] = []  # time inside Searcher.search of each search the app ran
FACETS_MS: list[float] = []  # the same for each facet pass, counted after the results


async def _measure(index: Path, corpus: Path, keystrokes: int) -> list[float]:
    from textual.widgets import Input

    from tui.app import make_app
    from tui.widgets.notice import Notice
    from tui.widgets.results_list import ResultsList

    app = make_app(index, corpus)
    updates: list[float] = []
    latencies: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        results = app.query_one(ResultsList)
        notices = list(app.query(Notice))
        original_show = results.show

        async def timed_show(*args, **kwargs):  # type: ignore[no-untyped-def]
            await original_show(*args, **kwargs)
            updates.append(time.perf_counter())

        results.show = timed_show  # type: ignore[method-assign]
        for notice in notices:
            original_say = notice.say

            def timed_say(*args, _say=original_say, **kwargs):  # type: ignore[no-untyped-def]
                _say(*args, **kwargs)
                updates.append(time.perf_counter())

            notice.say = timed_say  # type: ignore[method-assign]

        box = app.query_one(Input)
        box.focus()
        deadline = time.perf_counter() + 120
        while getattr(app, "searcher", None) is None and time.perf_counter() < deadline:
            await pilot.pause(0.05)  # the index opens in a worker
        searcher = app.searcher
        original_search = searcher.search

        def timed_search(*args, **kwargs):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return original_search(*args, **kwargs)
            finally:
                ms = (time.perf_counter() - t) * 1000
                # the facet pass (no page) runs after the results are shown
                (FACETS_MS if kwargs.get("limit") == 0 else SEARCH_MS).append(ms)

        searcher.search = timed_search
        await _settle(pilot, updates)
        SEARCH_MS.clear()
        FACETS_MS.clear()
        text = (TUI_TEXT * (keystrokes // len(TUI_TEXT) + 1))[:keystrokes]
        typed = ""
        for ch in text:
            if ch == " " and typed.endswith(" "):
                continue
            before = len(updates)
            t0 = time.perf_counter()
            await pilot.press(KEY_NAMES.get(ch, ch))
            typed += ch
            deadline = t0 + TIMEOUT_S
            while len(updates) == before and time.perf_counter() < deadline:
                await asyncio.sleep(0.002)
            if len(updates) == before:
                raise RuntimeError(f"no result update within {TIMEOUT_S} s after {typed!r}")
            latencies.append((updates[before] - t0) * 1000)
            await _settle(pilot, updates)
    return latencies


async def _settle(pilot, updates: list[float], quiet_s: float = 0.4) -> None:  # type: ignore[no-untyped-def]
    """Wait until no update has happened for `quiet_s` (startup search, stale results)."""
    last = len(updates)
    quiet_since = time.perf_counter()
    while time.perf_counter() - quiet_since < quiet_s:
        await pilot.pause(0.02)
        if len(updates) != last:
            last = len(updates)
            quiet_since = time.perf_counter()


def measure(index: Path, corpus: Path, keystrokes: int = 20) -> list[float]:
    """Milliseconds from each keystroke to the updated results."""
    return asyncio.run(_measure(index, corpus, keystrokes))
