"""The docs stay true: every CLI command and option is in the README, the committed JSON
Schema is the one the records generate."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eventwire import codec
from eventwire.cli import _parser

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_and_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, parser in sub.choices.items():
        assert f"eventwire {name}" in readme, name
        for action in parser._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert flag in readme, f"{name} {flag}"


def test_committed_schema_is_current() -> None:
    committed = json.loads((ROOT / "docs" / "record.schema.json").read_text(encoding="utf-8"))
    assert committed == codec.json_schema(), "run: eventwire schema > docs/record.schema.json"
