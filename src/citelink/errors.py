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
