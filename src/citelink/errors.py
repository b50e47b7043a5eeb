"""Errors a user can act on.

Every failure the user can fix (bad path, wrong encoding, no reference list) is a
``CitelinkError`` with a one-line message; the CLI turns it into exit code 2. Anything
else is a bug and is allowed to surface as one.
"""

from __future__ import annotations


class CitelinkError(Exception):
    """A problem with the input, explained in one line, with what to do about it."""

    exit_code = 2


class InputError(CitelinkError):
    """The article file cannot be read as UTF-8 plain text."""


class NoReferencesError(CitelinkError):
    """The article has no numbered reference list that citelink can find."""


class UsageError(CitelinkError):
    """The command line names something that does not exist (a reference, a table)."""


class Stopped(BaseException):
    """Ctrl-C or SIGTERM, as the CLI's signal handlers raise it: unlike ``KeyboardInterrupt``
    (which typer turns into a silent exit 130), it reaches ``cli.main``, which says what
    was kept."""


class Interrupted(Stopped):
    """Stopped during a check: ``kept`` answers this run added to the HTTP cache stay
    there for the next run."""

    def __init__(self, kept: int) -> None:
        super().__init__(kept)
        self.kept = kept
