"""Package training data -> Examples: texts with a PLOVER label, an ACLED label, or both.

Three sources, all in ``training/data`` (licences in its README):

* ``plover_sentences.yaml``: sentences written for eventwire, by PLOVER type (and ``NONE``);
  an entry may be ``{text: ..., acled: SUB_EVENT}`` when it is also an ACLED event;
* ``CAMEO2PLOVER-2021.txt``: each CAMEO category's description made into a sentence with a
  generic subject ("The government will demand economic aid.") and its PLOVER type;
* ``acled_notes.yaml``: ACLED-style notes written for eventwire, by event and sub-event type;
  a note also teaches the PLOVER head where its sub-event type has one clear PLOVER reading.

Sentences of types that ACLED never codes (talks, praise, demands ...) and ``NONE`` teach the
ACLED head its ``NONE`` label; sentences of the other types teach it nothing.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from eventwire.errors import ConfigError
from eventwire.vocab import PloverType

NONE = "NONE"
_DATA = resources.files("eventwire.training") / "data"
NOT_ACLED = frozenset({PloverType.AGREE, PloverType.CONSULT, PloverType.SUPPORT,
                       PloverType.CONCEDE, PloverType.AID, PloverType.REQUEST,
                       PloverType.ACCUSE, PloverType.REJECT, PloverType.THREATEN,
                       PloverType.SANCTION})
PLOVER_OF_SUB_EVENT = {
    "Armed clash": PloverType.ASSAULT, "Chemical weapon": PloverType.ASSAULT,
    "Air/drone strike": PloverType.ASSAULT, "Suicide bomb": PloverType.ASSAULT,
    "Shelling/artillery/missile attack": PloverType.ASSAULT,
    "Remote explosive/landmine/IED": PloverType.ASSAULT, "Grenade": PloverType.ASSAULT,
    "Sexual violence": PloverType.ASSAULT, "Attack": PloverType.ASSAULT,
    "Abduction/forced disappearance": PloverType.ASSAULT,
    "Government regains territory": PloverType.COERCE,
    "Non-state actor overtakes territory": PloverType.COERCE,
    "Peaceful protest": PloverType.PROTEST, "Protest with intervention": PloverType.PROTEST,
    "Violent demonstration": PloverType.PROTEST, "Arrests": PloverType.COERCE,
    "Headquarters or base established": PloverType.MOBILIZE}
SUBJECTS = ("The government", "The rebels", "The president", "The ministry", "The army",
            "The opposition", "The council", "The union", "Officials", "The movement")
_CAMEO_LINE = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,[^#]*#\s*(.+?)\s*$")


@dataclass(frozen=True, slots=True)
class Example:
    """One training text; ``plover``/``acled`` None when it does not teach that head."""

    text: str
    plover: str | None
    acled: str | None
    origin: str


def load_examples(seed: int) -> list[Example]:
    """Every training example, in a fixed order (``seed`` picks the CAMEO subjects)."""
    return plover_sentences() + cameo_descriptions(seed) + acled_notes()


def plover_sentences() -> list[Example]:
    out = []
    for label, entries in _yaml("plover_sentences.yaml").items():
        kind = label if label == NONE else PloverType(label).value
        for entry in entries:
            text, acled = (entry, None) if isinstance(entry, str) else (
                entry["text"], entry["acled"])
            if acled is None and (kind == NONE or PloverType(kind) in NOT_ACLED):
                acled = NONE
            out.append(Example(text=text, plover=kind, acled=acled, origin="plover_sentences"))
    return out


def cameo_descriptions(seed: int) -> list[Example]:
    rng = random.Random(seed)
    out = []
    text = (_DATA / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        found = _CAMEO_LINE.match(line)
        if found is None:
            continue
        kind = PloverType(found.group(2))
        description = found.group(3).rstrip(".")
        sentence = f"{rng.choice(SUBJECTS)} will {description[0].lower()}{description[1:]}."
        out.append(Example(text=sentence, plover=kind.value,
                           acled=NONE if kind in NOT_ACLED else None, origin="cameo2plover"))
    return out


def acled_notes() -> list[Example]:
    out = []
    for event_type, subs in _yaml("acled_notes.yaml").items():
        for sub, notes in subs.items():
            kind = PLOVER_OF_SUB_EVENT.get(sub)
            out += [Example(text=note, plover=kind.value if kind else None, acled=sub,
                            origin=f"acled_notes:{event_type}") for note in notes]
    return out


def _yaml(name: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load((_DATA / name).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"training data {name}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"training data {name}: expected a mapping")
    return data
