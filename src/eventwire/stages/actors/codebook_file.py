"""Codebook YAML text -> ``CodebookFile`` (entries, metonyms, regions); errors name file and line.

PyYAML parses the text; a safe-loader subclass records the line of every mapping and refuses
a field given twice in one mapping (plain PyYAML silently keeps the last). The checks written
here are the codebook's own rules: known fields, an ISO3 code that exists in ``country`` and
``members``, a PLOVER sector code, no key defined twice and no alias naming two entries in one
file. References may point to keys defined earlier (``known``) or anywhere in the same file.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Hashable
from dataclasses import dataclass
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

from eventwire.errors import ConfigError
from eventwire.vocab import ActorKind, Sector

CATEGORIES = ("country", "igo", "ngo", "armed_group", "state_body", "company", "media", "party",
              "person", "other")
_FIELDS = {
    "entries": {"key", "name", "kind", "category", "country", "sector", "type", "aliases",
                "members", "source"},
    "metonyms": {"alias_of", "aliases", "source"},
    "regions": {"key", "name", "adjectives", "names", "members", "source"},
}
_LINE = "__line__"
_ACRONYM = re.compile(r"^[A-Z0-9.\-&/]{2,8}$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One codebook entry: a country, organisation, state body or group of states."""

    key: str
    name: str
    kind: ActorKind
    country: str | None
    sector: str | None
    category: str = "other"
    description: str | None = None
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Metonym:
    alias_of: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Region:
    key: str
    name: str
    members: tuple[str, ...]
    adjectives: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CodebookFile:
    version: str | None
    entries: tuple[Entry, ...]
    metonyms: tuple[Metonym, ...]
    regions: tuple[Region, ...]


def normalise(surface: str) -> str:
    """Collapse whitespace, drop a leading "the" and a trailing possessive."""
    text = " ".join(surface.split())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return re.sub(r"['’]s?$", "", text)


def alias_key(surface: str) -> str:
    """The lookup key of a surface form: acronyms keep their case, other names are lowered."""
    norm = normalise(surface)
    return norm if _ACRONYM.match(norm) else norm.lower()


class _Problem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


class _LineLoader(_SafeLoader):
    """Records each mapping's line under ``__line__``; a field given twice is an error.

    Built on libyaml's safe loader where PyYAML has it (ten times faster), else the pure one."""

    def construct_mapping(self, node: yaml.MappingNode,
                          deep: bool = False) -> dict[Hashable, Any]:
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise _Problem(line, f"field {key!r} given twice (first on line {seen[key]})")
            seen[key] = line
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


def read_codebook_file(text: str, origin: str, known: Collection[str],
                       states: Collection[str]) -> CodebookFile:
    """Parse and check one codebook file; ``known``/``states`` are keys defined before it."""
    try:
        data = yaml.load(text, Loader=_LineLoader)
        return _read(data, known, states)
    except _Problem as problem:
        raise ConfigError(f"{origin}, line {problem.line}: {problem.message}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        what = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{origin}{where}: not valid YAML: {what}") from exc


def _read(data: Any, known: Collection[str], states: Collection[str]) -> CodebookFile:
    if not isinstance(data, dict):
        raise _Problem(1, "expected a mapping with 'entries', 'metonyms' or 'regions', got "
                          f"{type(data).__name__}")
    unknown = set(data) - {"version", _LINE, *_FIELDS}
    if unknown:
        raise _Problem(1, f"unknown section {sorted(map(str, unknown))[0]!r}; expected "
                          "version, entries, metonyms, regions")
    items = {name: _items(data, name) for name in _FIELDS}
    keys = _defined_keys(items["entries"] + items["regions"])
    refs = _Refs(keys=set(known) | set(keys), states=set(states))
    entries = tuple(_entry(item, refs) for item in items["entries"])
    _check_aliases(entries, items["entries"])
    return CodebookFile(
        version=str(data["version"]) if "version" in data else None, entries=entries,
        metonyms=tuple(_metonym(item, refs) for item in items["metonyms"]),
        regions=tuple(_region(item, refs) for item in items["regions"]))


@dataclass(frozen=True, slots=True)
class _Refs:
    keys: set[str]
    states: set[str]


def _items(data: dict[str, Any], section: str) -> list[dict[str, Any]]:
    value = data.get(section) or []
    if not isinstance(value, list):
        raise _Problem(data[_LINE], f"'{section}' must be a list, got {type(value).__name__}")
    for n, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise _Problem(data[_LINE], f"{section}[{n}]: expected a mapping, got "
                                        f"{type(item).__name__}")
        extra = set(item) - _FIELDS[section] - {_LINE}
        if extra:
            raise _Problem(item[_LINE], f"{section}[{n}]: unknown field "
                                        f"{sorted(map(str, extra))[0]!r}; expected one of "
                                        f"{', '.join(sorted(_FIELDS[section]))}")
    return value


def _defined_keys(items: list[dict[str, Any]]) -> dict[str, int]:
    first: dict[str, int] = {}
    for item in items:
        key = _text(item, "key")
        if key in first:
            raise _Problem(item[_LINE], f"duplicate key {key!r} (first on line {first[key]})")
        first[key] = item[_LINE]
    return first


def _text(item: dict[str, Any], field: str, required: bool = True) -> str:
    value = item.get(field)
    if value is None or value == "":
        if required:
            raise _Problem(item[_LINE], f"missing required field {field!r}")
        return ""
    if not isinstance(value, str | int | float):
        raise _Problem(item[_LINE], f"field {field!r} must be text, got {type(value).__name__}")
    return str(value)


def _texts(item: dict[str, Any], field: str) -> tuple[str, ...]:
    value = item.get(field) or []
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise _Problem(item[_LINE], f"field {field!r} must be a list of names")
    return tuple(str(v) for v in value)


def _members(item: dict[str, Any], refs: _Refs) -> tuple[str, ...]:
    members = _texts(item, "members")
    for member in members:
        if member not in refs.keys:
            raise _Problem(item[_LINE], f"{item.get('key')!r}: unknown member {member!r} (not "
                                        "an ISO3 code or a codebook key)")
    return members


def _entry(item: dict[str, Any], refs: _Refs) -> Entry:
    key, name = _text(item, "key"), _text(item, "name")
    where = f"entry {key!r}"
    try:
        kind = ActorKind(_text(item, "kind"))
    except ValueError:
        kind = ActorKind.UNKNOWN
    if kind is ActorKind.UNKNOWN:
        raise _Problem(item[_LINE], f"{where}: kind {item['kind']!r} is not one of state, "
                                    "organization, person, group")
    country = _text(item, "country", required=False) or None
    if country not in (None, "IGO") and country not in refs.states:
        raise _Problem(item[_LINE], f"{where}: unknown country code {country!r} "
                                    "(expected an ISO3 code, IGO or null)")
    sector = _text(item, "sector", required=False) or None
    if sector is not None and sector not in Sector.__members__:
        raise _Problem(item[_LINE], f"{where}: unknown sector {sector!r} (expected one of "
                                    f"{', '.join(Sector.__members__)})")
    category = _text(item, "category", required=False) or "other"
    if category not in CATEGORIES:
        raise _Problem(item[_LINE], f"{where}: unknown category {category!r} (expected one "
                                    f"of {', '.join(CATEGORIES)})")
    return Entry(key=key, name=name, kind=kind, country=country, sector=sector,
                 category=category, description=_text(item, "type", required=False) or None,
                 aliases=_texts(item, "aliases"), members=_members(item, refs),
                 source=_text(item, "source", required=False))


def _check_aliases(entries: tuple[Entry, ...], items: list[dict[str, Any]]) -> None:
    owner: dict[str, tuple[str, int]] = {}
    for entry, item in zip(entries, items, strict=True):
        for alias in {alias_key(a) for a in (entry.name, *entry.aliases)}:
            first = owner.setdefault(alias, (entry.key, item[_LINE]))
            if first[0] != entry.key:
                raise _Problem(item[_LINE], f"alias {alias!r} of {entry.key!r} already names "
                                            f"{first[0]!r} (line {first[1]})")


def _metonym(item: dict[str, Any], refs: _Refs) -> Metonym:
    target = _text(item, "alias_of")
    if target not in refs.keys:
        raise _Problem(item[_LINE], f"metonym: unknown alias_of {target!r}")
    return Metonym(alias_of=target, aliases=_texts(item, "aliases"))


def _region(item: dict[str, Any], refs: _Refs) -> Region:
    members = _members(item, refs)
    if not members:
        raise _Problem(item[_LINE], f"region {item.get('key')!r}: needs at least one member")
    return Region(key=_text(item, "key"), name=_text(item, "name"), members=members,
                  adjectives=_texts(item, "adjectives"), names=_texts(item, "names"))
