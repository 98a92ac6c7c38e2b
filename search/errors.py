"""The project's own error hierarchy and the exit codes it maps to (one mapping, one place)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # runtime problem: missing/corrupt index, I/O failure, warnings under --strict
    USAGE = 2  # bad options or a query the parser cannot read


class CercaError(Exception):
    """Base of every error the CLI turns into a one-line message."""

    exit_code: ExitCode = ExitCode.ERROR


class UsageError(CercaError):
    exit_code = ExitCode.USAGE


class QuerySyntaxError(UsageError):
    """A query the parser cannot read."""


class ConfigError(UsageError):
    """The user's file (cerca.toml) cannot be read or is not well formed."""


class IndexMissingError(CercaError):
    """No index where one was expected."""


class IndexCorruptError(CercaError):
    """An index that cannot be opened or is of an older schema: run `cerca index --rebuild`."""


class IndexBusyError(CercaError):
    """Another indexer holds the lock."""


class NotFoundError(CercaError):
    """An article id that is not in the index."""


class CorpusError(CercaError):
    """The corpus folder is missing or is not a folder."""


class IndexWriteError(CercaError):
    """The index folder cannot be written: not a folder, permissions, a full disk."""
