"""PLOVER type + rule code + model scores -> ACLED event type and sub-event type (or None).

The 25 sub-event types and their event types are those of the public ACLED codebook. Each
sub-event type fits some PLOVER types only (an air strike is an ASSAULT, an arrest COERCE, a
ceasefire deal AGREE or RETREAT); an event of a type that no sub-event type fits (talks,
praise, demands ...) has no ACLED code.

* Rules: the lexicon names the code of a trigger (bomb -> Remote explosive/landmine/IED,
  protest -> Peaceful protest). Two distinctions need the sentence: an attack on armed people
  (police, soldiers, militants, a military post, or an actor of a military, rebel or police
  sector) is a battle (Armed clash), an attack on anyone else violence against civilians;
  territory seized by state forces (an actor of a government, military or police sector) is
  regained, not overtaken.
* Model: the ACLED head scores the event's paragraph; its best sub-event type that fits the
  PLOVER type wins, unless ``NONE`` scores higher. With both, the rule's code gets a bonus
  (``RULE_BONUS``) so the model overrules it only when it is clearly surer ("protesters
  gathered ... police fired tear gas" -> Protest with intervention).
"""

from __future__ import annotations

from collections.abc import Mapping

from eventwire.records import AcledCode, Actor
from eventwire.vocab import PloverType as P

NONE = "NONE"
RULE_BONUS = 0.35
ATTACK = AcledCode(event_type="Violence against civilians", sub_event_type="Attack")
OVERTAKEN = AcledCode(event_type="Battles", sub_event_type="Non-state actor overtakes territory")
REGAINED = AcledCode(event_type="Battles", sub_event_type="Government regains territory")
STATE_SECTORS = frozenset({"GOV", "MIL", "COP"})
CLASH = AcledCode(event_type="Battles", sub_event_type="Armed clash")
ARMED_WORDS = frozenset({
    "police", "policeman", "officer", "soldier", "troop", "army", "military", "force",
    "militant", "rebel", "fighter", "insurgent", "militia", "post", "base", "checkpoint",
    "convoy", "patrol", "guard", "garrison", "position", "barracks", "gunman", "jihadist"})
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "SPY"})
_VIOLENT = frozenset({P.ASSAULT, P.COERCE})
_STRATEGIC = frozenset({P.MOBILIZE, P.COOPERATE, P.COERCE, P.RETREAT, P.AGREE})

# sub-event type -> (event type, PLOVER types it fits)
SUB_EVENTS: Mapping[str, tuple[str, frozenset[P]]] = {
    "Armed clash": ("Battles", _VIOLENT),
    "Government regains territory": ("Battles", _VIOLENT),
    "Non-state actor overtakes territory": ("Battles", _VIOLENT),
    "Chemical weapon": ("Explosions/Remote violence", frozenset({P.ASSAULT})),
    "Air/drone strike": ("Explosions/Remote violence", frozenset({P.ASSAULT})),
    "Suicide bomb": ("Explosions/Remote violence", frozenset({P.ASSAULT})),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", frozenset({P.ASSAULT})),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", frozenset({P.ASSAULT})),
    "Grenade": ("Explosions/Remote violence", frozenset({P.ASSAULT})),
    "Sexual violence": ("Violence against civilians", frozenset({P.ASSAULT})),
    "Attack": ("Violence against civilians", _VIOLENT),
    "Abduction/forced disappearance": ("Violence against civilians", _VIOLENT),
    "Peaceful protest": ("Protests", frozenset({P.PROTEST})),
    "Protest with intervention": ("Protests", frozenset({P.PROTEST, P.COERCE})),
    "Excessive force against protesters": ("Protests", frozenset({P.PROTEST, P.ASSAULT,
                                                                  P.COERCE})),
    "Violent demonstration": ("Riots", frozenset({P.PROTEST, P.ASSAULT})),
    "Mob violence": ("Riots", frozenset({P.PROTEST, P.ASSAULT})),
    "Agreement": ("Strategic developments", frozenset({P.AGREE, P.RETREAT, P.SUPPORT})),
    "Arrests": ("Strategic developments", frozenset({P.COERCE})),
    "Change to group/activity": ("Strategic developments", _STRATEGIC),
    "Disrupted weapons use": ("Strategic developments", frozenset({P.COERCE, P.ASSAULT,
                                                                   P.MOBILIZE})),
    "Headquarters or base established": ("Strategic developments", frozenset({P.MOBILIZE,
                                                                              P.COERCE})),
    "Looting/property destruction": ("Strategic developments", _VIOLENT),
    "Non-violent transfer of territory": ("Strategic developments", frozenset({P.RETREAT,
                                                                               P.COERCE})),
    "Other": ("Strategic developments", _STRATEGIC),
}


def sub_event(name: str) -> AcledCode:
    """The ACLED code of a sub-event type name; ValueError for a name ACLED lacks."""
    if name not in SUB_EVENTS:
        raise ValueError(f"not an ACLED sub-event type: {name!r}")
    return AcledCode(event_type=SUB_EVENTS[name][0], sub_event_type=name)


def acled_code(kind: P, rule_code: AcledCode | None, recipient_words: set[str],
               recipients: list[Actor], doers: list[Actor],
               scores: Mapping[str, float] | None) -> AcledCode | None:
    """The ACLED code of an event of type ``kind`` from its rule, refined by who acted and
    who was attacked, and from the model's ``scores`` (sub-event type -> probability)."""
    if rule_code == ATTACK:
        armed = recipient_words & ARMED_WORDS or any(
            a.sector in ARMED_SECTORS for a in recipients)
        rule_code = CLASH if armed else ATTACK
    elif rule_code == OVERTAKEN and any(a.sector in STATE_SECTORS for a in doers):
        rule_code = REGAINED
    if scores is None:
        return rule_code
    fitting = {name: p for name, p in scores.items()
               if name in SUB_EVENTS and kind in SUB_EVENTS[name][1]}
    if rule_code is not None:
        name = rule_code.sub_event_type
        fitting[name] = fitting.get(name, 0.0) + RULE_BONUS
    elif not fitting or max(fitting.values()) < scores.get(NONE, 0.0):
        return None
    return sub_event(max(fitting, key=lambda name: fitting[name]))
