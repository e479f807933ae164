"""Rule + recipients -> ACLED event type and sub-event type (or None).

The lexicon names the ACLED code of violence, protest and strategic-development triggers
(bomb -> Explosions/Remote violence, protest -> Protests, exercises -> Strategic
developments). One distinction needs the sentence: an attack on armed people (police,
soldiers, militants, a military post, or an actor of a military, rebel or police sector) is
a battle (Battles / Armed clash), an attack on anyone else violence against civilians.
"""

from __future__ import annotations

from eventwire.records import AcledCode, Actor
from eventwire.stages.events.lexicon import TriggerRule

ATTACK = AcledCode(event_type="Violence against civilians", sub_event_type="Attack")
CLASH = AcledCode(event_type="Battles", sub_event_type="Armed clash")
ARMED_WORDS = frozenset({
    "police", "policeman", "officer", "soldier", "troop", "army", "military", "force",
    "militant", "rebel", "fighter", "insurgent", "militia", "post", "base", "checkpoint",
    "convoy", "patrol", "guard", "garrison", "position", "barracks", "gunman", "jihadist"})
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "SPY"})


def acled_code(rule: TriggerRule, recipient_words: set[str],
               recipients: list[Actor]) -> AcledCode | None:
    """The ACLED code of an event from its rule, refined by who was attacked."""
    if rule.acled != ATTACK:
        return rule.acled
    armed = recipient_words & ARMED_WORDS or any(
        a.sector in ARMED_SECTORS for a in recipients)
    return CLASH if armed else ATTACK
