"""Exceptions eventwire raises. Bad documents are data (``records.Skipped``), not exceptions.

::

    EventwireError
     ├── ConfigError          bad configuration or user-supplied file (actors, gazetteer)
     ├── ModelNotFoundError   the requested spaCy pipeline is not installed
     └── TransientError       a retryable fault (I/O, network); the runner may retry
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base of every exception eventwire raises on purpose."""


class ConfigError(EventwireError):
    """Configuration or a user-supplied file is invalid; the message names file and problem."""


class ModelNotFoundError(EventwireError):
    """The requested spaCy pipeline is not installed as a package."""


class TransientError(EventwireError):
    """A fault that may pass on retry."""
