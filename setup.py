"""Build hook: with ``CERCA_MYPYC=1`` the people extractor is compiled by mypyc (C
extension modules beside the Python sources, same output, far less CPU: figures in
docs/performance.md); without it, the plain pure-Python package. Metadata: pyproject.toml.
"""

import os

from setuptools import setup

# The modules of the people pass: annotated throughout and checked by mypy, as mypyc needs
COMPILED = ["search/people/extract.py", "search/people/contexts.py"]


def ext_modules() -> list:
    if os.environ.get("CERCA_MYPYC") != "1":
        return []
    from mypyc.build import mypycify  # mypy, installed beside setuptools for this build

    return mypycify(COMPILED)


setup(ext_modules=ext_modules())
