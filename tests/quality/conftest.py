"""Quality gates: scores on the dev sets in ../shared/data must not fall below pinned floors.

Floors only ever go up. Where the data folder is missing the gates skip, except under CI
(``CI=true``), where a missing folder is a failure: CI always has shared/ beside the clone.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire.eval import default_data_dir


@pytest.fixture(scope="session")
def data_dir() -> Path:
    folder = default_data_dir()
    if not folder.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{folder}: gold data missing under CI")
        pytest.skip(f"{folder}: gold data not present")
    return folder
