"""Where records are kept: the embedded SQLite store (default) behind one small interface."""

from __future__ import annotations

from eventwire.store.schema import SCHEMA_VERSION
from eventwire.store.sqlite import QuarantineRow, RunRow, SqliteStore, StoreStats
from eventwire.store.stories import StoryConfig

__all__ = ["SCHEMA_VERSION", "QuarantineRow", "RunRow", "SqliteStore", "StoreStats",
           "StoryConfig"]
