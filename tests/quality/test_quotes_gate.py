"""Quality gate: attribution on quotes-dev (PolNeAR dev, 84 articles, first annotator).

Floors sit just under the scores measured with ``eventwire eval quotes`` (docs/quality.md);
eventwire must also beat quotation marks alone, measured in the same run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval import Report
from eventwire.eval.quotes import Attribution, load_documents, parse_ann, role_counts, score

FLOORS = {"eventwire.content_overlap_f1": 0.63, "eventwire.content_exact_f1": 0.41,
          "eventwire.content_token_f1": 0.74, "eventwire.source_overlap_f1": 0.60,
          "eventwire.source_exact_f1": 0.58, "eventwire.cue_overlap_f1": 0.58,
          "eventwire.cue_exact_f1": 0.54, "eventwire.attribution_f1": 0.53,
          "eventwire.source_accuracy": 0.81}

_ANN = ("T1\tSource 0 5\tPence\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;25 30\tabcdefghi jklmn\n"
        "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tDiscuss 40 45\tnoise\n")


@pytest.fixture(scope="module")
def report(data_dir: Path) -> Report:
    return score(data_dir, None)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(report: Report, metric: str) -> None:
    assert report.metrics[metric] >= FLOORS[metric], report.markdown()


def test_beats_quotation_marks_alone(report: Report) -> None:
    for role in ("content_overlap_f1", "content_exact_f1", "content_token_f1"):
        assert report.metrics[f"eventwire.{role}"] > report.metrics[f"quotation_marks.{role}"]


def test_report_names_the_set_and_prints_counts(report: Report) -> None:
    assert "PolNeAR dev, 84 articles" in report.dataset
    assert all(len(row) == len(report.header) for row in report.rows)


def test_gold_offsets_slice_the_text(data_dir: Path) -> None:
    """The BRAT surfaces equal the stored text at their offsets (fragments joined by a space)."""
    folder = data_dir / "quotes-dev" / "dev" / "attributions"
    for doc in load_documents(data_dir, limit=12):
        (ann,) = sorted(folder.glob(f"{doc.name}_*.ann"))[:1]
        for line in ann.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("T") and len(cols) == 3:
                offsets = cols[1].partition(" ")[2]
                frags = [tuple(map(int, part.split())) for part in offsets.split(";")]
                assert " ".join(doc.text[s:e] for s, e in frags) == cols[2]


def test_parse_ann_reads_fragments_and_ignores_flags() -> None:
    (only,) = parse_ann(_ANN)
    assert only.spans == {"Source": ((0, 5),), "Cue": ((6, 10),),
                          "Content": ((11, 20), (25, 30))}


def test_role_counts_can_fail() -> None:
    text = "Pence said abcdefghi and jklmn now " + "x" * 20
    gold = list(parse_ann(_ANN))
    found = [Attribution({"Content": ((11, 30),)}), Attribution({"Content": ((40, 45),)})]
    counts = role_counts(text, gold, found, "Content")
    assert (counts["exact"].tp, counts["exact"].fp, counts["exact"].fn) == (1, 1, 0)
    assert (counts["overlap"].tp, counts["overlap"].fp) == (1, 1)
    assert role_counts(text, gold, found, "Source")["overlap"].fn == 1
