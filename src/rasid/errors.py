"""Rasid's exceptions: one base class, one subclass per kind of failure, each with its exit status."""

from __future__ import annotations


class RasidError(Exception):
    """Base class of every error Rasid reports to a user."""

    exit_code = 1


class InputError(RasidError):
    """An input path or record that cannot be read as an article."""

    exit_code = 3


class DataFileError(RasidError):
    """A bad row in a data file (built-in or user-supplied)."""

    exit_code = 5


class ModelError(RasidError):
    """A missing or unreadable trained model."""

    exit_code = 6


# Exit statuses of the `rasid` command (documented in `rasid --help` and the README).
EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INPUT = InputError.exit_code
EXIT_PARTIAL = 4
EXIT_DATA = DataFileError.exit_code
EXIT_MODEL = ModelError.exit_code
