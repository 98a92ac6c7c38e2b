"""Small helpers shared by the TUI tests: wait for a search, read what a widget shows."""

from __future__ import annotations

import asyncio

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets._footer import FooterKey

from tui.app import CercaApp
from tui.screens.article import ArticleScreen


async def settle(pilot: Pilot, app: CercaApp, timeout: float = 60.0) -> None:
    """Wait until no search or index worker runs and the debounce has fired (the timeout
    is generous for a loaded machine; an idle app returns at once)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    await pilot.pause(0.2)  # past the search box debounce
    while loop.time() < deadline:
        if not any(w.is_running for w in app.workers):
            await pilot.pause()
            if not any(w.is_running for w in app.workers):
                break
        await pilot.pause(0.02)
    await pilot.pause()


def shown(widget: Widget) -> str:
    """The text `widget` puts on screen right now (every line, joined by newlines)."""
    region = widget.region
    lines = widget.render_lines(region.reset_offset)
    return "\n".join(strip.text.rstrip() for strip in lines)


async def type_text(pilot: Pilot, text: str) -> None:
    names = {" ": "space", '"': "quotation_mark", ":": "colon", "*": "asterisk", "-": "minus"}
    await pilot.press(*(names.get(ch, ch) for ch in text))


def footer_keys(app: CercaApp) -> list[str]:
    """The keys the footer of the screen on top shows in full, e.g. `^c Quit`."""
    width = app.screen.size.width
    return [
        " ".join(shown(key).split())
        for key in app.screen.query(FooterKey)
        if key.region.width and key.region.right <= width
    ]


async def open_first_hit(pilot: Pilot, app: CercaApp, text: str) -> ArticleScreen:
    """Search `text` and open the first hit in the article view."""
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot, app)
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ArticleScreen)
    return screen
