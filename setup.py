"""Build hook: a wheel (``pip install .``) carries the people pass compiled by mypyc, C
extension modules beside the Python sources with the same output and far less CPU
(docs/internals/people.md#mypyc). Where it cannot be compiled (no C compiler, no Python
headers) the wheel is the pure-Python package. An editable install (``pip install -e``)
stays pure Python, so edits to the sources take effect. ``CERCA_MYPYC=1`` compiles in
every case and fails when it cannot; ``CERCA_MYPYC=0`` never compiles.
Metadata: pyproject.toml.
"""

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The modules of the people pass: annotated throughout and checked by mypy, as mypyc needs
COMPILED = ["search/people/extract.py", "search/people/contexts.py"]

ASKED = os.environ.get("CERCA_MYPYC", "")


def wanted() -> bool:
    """Whether this run of setup.py builds a wheel to install (not an editable one, not
    metadata alone), or the user asked for the compiled modules."""
    if ASKED in ("0", "1"):
        return ASKED == "1"
    return "bdist_wheel" in sys.argv or "build_ext" in sys.argv


def ext_modules() -> list:
    if not wanted():
        return []
    try:
        from mypyc.build import mypycify  # mypy: a build requirement (pyproject.toml)

        return mypycify(COMPILED)
    except (Exception, SystemExit) as error:  # mypyc exits when its type check fails
        if ASKED == "1":
            raise
        _skip(error)
        return []


class OptionalBuildExt(build_ext):
    """Builds the compiled modules, or none of them: a wheel with some but not all would
    fail at import (they share one C library)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:
            if ASKED == "1":
                raise
            for ext in self.extensions:
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            _skip(error)


def _skip(error: BaseException) -> None:
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    print(
        f"cerca: the people pass is left pure Python, the same output with more CPU "
        f"(not compiled: {reason[:100]})",
        file=sys.stderr,
    )


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
