"""Exceptions eventwire raises. Bad documents are data (``records.Skipped``), not exceptions.

::

    EventwireError
     ├── ConfigError          bad configuration or user-supplied file (actors, gazetteer)
     ├── ModelNotFoundError   the requested spaCy pipeline is not installed
     ├── InputError           the one document given to ``eventwire.process`` is unusable
     └── TransientError       a retryable fault (I/O, network); the runner may retry
"""

from __future__ import annotations

from typing import Any


class EventwireError(Exception):
    """Base of every exception eventwire raises on purpose."""


class ConfigError(EventwireError):
    """Configuration or a user-supplied file is invalid; the message names file and problem."""


class ModelNotFoundError(EventwireError):
    """The requested spaCy pipeline is not installed as a package."""


class TransientError(EventwireError):
    """A fault that may pass on retry."""


class InputError(EventwireError):
    """The single document given to the Python API could not be coded; ``skipped`` says why."""

    def __init__(self, message: str, *, skipped: Any) -> None:
        super().__init__(message)
        self.skipped = skipped
