"""eventwire: raw news in, a source-grounded event dataset out.

``eventwire.process(text_or_html, published=..., url=...)`` codes one article and returns a
``Record``; ``process_batch`` with ``Resources`` and ``PipelineConfig`` codes many.
"""

from __future__ import annotations

__version__ = "0.1.0"

from eventwire.errors import ConfigError, EventwireError, InputError
from eventwire.pipeline import PipelineConfig, Resources, process, process_batch
from eventwire.records import Record, Skipped

__all__ = ["ConfigError", "EventwireError", "InputError", "PipelineConfig", "Record",
           "Resources", "Skipped", "__version__", "process", "process_batch"]
