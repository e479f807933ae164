"""Package data -> Lexicon: the trigger rules (triggers.yaml) and weapon terms (arms.yaml).

The files are read once per worker (``Lexicon.load()``) and validated here, so that a typo
in the data is a ``ConfigError`` naming the rule, not a wrong event later.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import ConfigError
from eventwire.records import AcledCode
from eventwire.stages.events.acled import sub_event
from eventwire.vocab import ArmsCategory, ArmsDeal, ArmsStage, PloverType

ARMS_SLOT = "<arms>"
RULES_VERSION = "eventwire-rules/0.2"
_DATA = resources.files("eventwire") / "data"


@dataclass(frozen=True, slots=True, kw_only=True)
class ArmsFrame:
    """How an arms-transfer rule reads its sentence: who supplies, and the default stage."""

    direction: str
    stage: ArmsStage
    deal: ArmsDeal


@dataclass(frozen=True, slots=True, kw_only=True)
class TriggerRule:
    """One lexicon entry: words that signal an event, and the codes the event gets."""

    words: tuple[frozenset[str], ...]
    type: PloverType
    cameo: str
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    pos: str | None = None
    needs: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    cue: re.Pattern[str] | None = None
    recipient: tuple[str, ...] = ()
    joint: tuple[PloverType, str] | None = None
    arms: ArmsFrame | None = None
    acled: AcledCode | None = None
    family: str = ""
    confidence: float = 0.6

    @property
    def kinds(self) -> set[PloverType]:
        """The types it can code: its own and, for exercises and the like, the joint one."""
        return {self.type} | ({self.joint[0]} if self.joint else set())

    @property
    def root(self) -> str:
        """The two-digit CAMEO root code."""
        return self.cameo[:2]


@dataclass(frozen=True, slots=True, kw_only=True)
class ArmsTerms:
    """Weapon vocabulary: phrase -> category, model names, and stage and deal cues."""

    terms: dict[str, ArmsCategory]
    generic: frozenset[str]
    designations: dict[str, ArmsCategory]
    designation_pattern: re.Pattern[str]
    carriers: frozenset[str]
    stage_cues: dict[str, ArmsStage]
    deal_cues: dict[str, ArmsDeal]

    def category(self, phrase: str) -> tuple[str, ArmsCategory] | None:
        """The longest term that ends ``phrase`` (lowercase lemmas), with its category."""
        words = phrase.split()
        for n in range(len(words), 0, -1):
            tail = " ".join(words[-n:])
            if tail in self.terms:
                return tail, self.terms[tail]
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    """Everything the events stage knows about words; build once, pass to ``code_events``."""

    rules: tuple[TriggerRule, ...]
    arms: ArmsTerms
    light_verbs: frozenset[str]
    recipients: Mapping[PloverType, tuple[str, ...]] = field(default_factory=dict)
    version: str = RULES_VERSION

    @classmethod
    def load(cls, triggers: Path | None = None, arms: Path | None = None) -> Lexicon:
        """Read the package data (or the given files) and validate every rule."""
        trig = _read(triggers or _DATA / "triggers.yaml")
        defaults = {PloverType(k): tuple(v) for k, v in trig["recipients"].items()}
        rules = [_rule(PloverType(kind), raw, defaults)
                 for kind, raws in trig["rules"].items() for raw in raws]
        rules.sort(key=lambda r: -len(r.words))
        return cls(rules=tuple(rules), arms=_arms_terms(_read(arms or _DATA / "arms.yaml")),
                   light_verbs=frozenset(trig["light_verbs"]), recipients=defaults)


def _read(path: Traversable) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read lexicon: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


def _rule(kind: PloverType, raw: dict[str, Any],
          defaults: dict[PloverType, tuple[str, ...]]) -> TriggerRule:
    try:
        words = tuple(frozenset(w.split("|")) for w in raw["match"].split())
        cameo = str(raw["cameo"])
        if not re.fullmatch(r"(0[1-9]|1\d|20)\d{0,2}", cameo):
            raise ValueError(f"bad CAMEO code {cameo!r}")
        return TriggerRule(
            words=words, type=kind, cameo=cameo, mode=tuple(raw.get("mode", ())),
            context=tuple(raw.get("context", ())), pos=raw.get("pos"),
            needs=tuple(raw.get("needs", ())), unless=tuple(raw.get("unless", ())),
            cue=re.compile(raw["cue"], re.I) if "cue" in raw else None,
            recipient=tuple(raw.get("recipient", defaults.get(kind, ()))),
            joint=_joint(raw.get("joint")), arms=_frame(raw.get("arms")),
            acled=_acled(raw.get("acled")),
            family=raw.get("family", "|".join(sorted(words[0]))),
            confidence=float(raw.get("confidence", 0.6)))
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        raise ConfigError(f"trigger rule {raw!r} of {kind}: {exc}") from exc


def _acled(raw: list[str] | None) -> AcledCode | None:
    if raw is None:
        return None
    code = sub_event(raw[1])
    if code.event_type != raw[0]:
        raise ValueError(f"{raw[1]!r} is a sub-event type of {code.event_type!r}")
    return code


def _joint(raw: dict[str, str] | None) -> tuple[PloverType, str] | None:
    return None if raw is None else (PloverType(raw["type"]), str(raw["cameo"]))


def _frame(raw: dict[str, str] | None) -> ArmsFrame | None:
    if raw is None:
        return None
    if raw["direction"] not in ("in", "out"):
        raise ValueError(f"arms direction must be in or out, not {raw['direction']!r}")
    return ArmsFrame(direction=raw["direction"], stage=ArmsStage(raw.get("stage", "unknown")),
                     deal=ArmsDeal(raw.get("deal", "unknown")))


def _arms_terms(raw: dict[str, Any]) -> ArmsTerms:
    try:
        terms = {t: ArmsCategory(cat) for cat, ts in raw["terms"].items() for t in ts}
        return ArmsTerms(
            terms=terms, generic=frozenset(raw["generic"]),
            designations={k: ArmsCategory(v) for k, v in raw["designations"].items()},
            designation_pattern=re.compile(raw["designation_pattern"]),
            carriers=frozenset(raw["carriers"]),
            stage_cues={w: ArmsStage(s) for s, ws in raw["stage_cues"].items() for w in ws},
            deal_cues={w: ArmsDeal(d) for d, ws in raw["deal_cues"].items() for w in ws})
    except (KeyError, ValueError, TypeError, re.error) as exc:
        raise ConfigError(f"arms terms: {exc}") from exc
