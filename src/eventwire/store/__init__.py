"""Where records are kept: the embedded SQLite store (default) behind one small interface."""

from __future__ import annotations

from eventwire.store.sqlite import SCHEMA_VERSION, QuarantineRow, RunRow, SqliteStore, StoreStats

__all__ = ["SCHEMA_VERSION", "QuarantineRow", "RunRow", "SqliteStore", "StoreStats"]
