"""Closed vocabularies shared by every stage (leaf module: imports nothing of eventwire).

Values are the strings written to the output record, so renaming a member's value is a
contract change (see DESIGN.md).
"""

from __future__ import annotations

from enum import StrEnum


class InputFormat(StrEnum):
    """What a raw document's payload is."""

    TEXT = "text"
    HTML = "html"


class BlockKind(StrEnum):
    """Role of a block of the clean text."""

    TITLE = "title"
    STANDFIRST = "standfirst"
    HEADING = "heading"
    BODY = "body"
    CAPTION = "caption"


class SkipReason(StrEnum):
    """Why a document did not become a record; stored in the quarantine."""

    EMPTY = "empty"
    BINARY = "binary"
    ENCODING = "encoding"
    TOO_LARGE = "too_large"
    MALFORMED = "malformed"
    NO_TEXT = "no_text"
    NOT_ENGLISH = "not_english"
    UNREADABLE = "unreadable"
    TIMEOUT = "timeout"
    NETWORK = "network"
    HTTP_ERROR = "http_error"
    REDIRECT = "redirect"
    CONTENT_TYPE = "content_type"
    ROBOTS = "robots"
    BLOCKED = "blocked"


class Stage(StrEnum):
    """Pipeline stage names, used in quarantine rows and provenance."""

    INGEST = "ingest"
    EXTRACT = "extract"
    NLP = "nlp"
    ACTORS = "actors"
    PLACES = "places"
    DATES = "dates"
    QUOTES = "quotes"
    EVENTS = "events"
    STORE = "store"


class ActorKind(StrEnum):
    STATE = "state"
    ORGANIZATION = "organization"
    PERSON = "person"
    GROUP = "group"
    UNKNOWN = "unknown"


class Sector(StrEnum):
    """PLOVER actor sector codes (v2.0 manual, actor coding)."""

    GOV = "GOV"
    MIL = "MIL"
    REB = "REB"
    COP = "COP"
    JUD = "JUD"
    LEG = "LEG"
    PTY = "PTY"
    BUS = "BUS"
    MED = "MED"
    CVL = "CVL"
    IGO = "IGO"
    NGO = "NGO"
    SPY = "SPY"
    OPP = "OPP"
    REL = "REL"
    EDU = "EDU"
    HLH = "HLH"
    REF = "REF"
    CRM = "CRM"


class PloverType(StrEnum):
    """The 16 PLOVER v2.0 event types."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class Polarity(StrEnum):
    ASSERTED = "asserted"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"


class Tense(StrEnum):
    PAST = "past"
    ONGOING = "ongoing"
    FUTURE = "future"


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class TimeType(StrEnum):
    """TIMEX3 types."""

    DATE = "date"
    TIME = "time"
    DURATION = "duration"
    SET = "set"


class PlacePrecision(StrEnum):
    EXACT = "exact"
    ADMIN1 = "admin1"
    COUNTRY = "country"
    REGION = "region"
    UNKNOWN = "unknown"


class ArmsStage(StrEnum):
    REQUESTED = "requested"
    ORDERED = "ordered"
    NEGOTIATING = "negotiating"
    DELIVERED = "delivered"
    PROMISED = "promised"
    UNKNOWN = "unknown"


class ArmsDeal(StrEnum):
    SALE = "sale"
    AID = "aid"
    LICENCE = "licence"
    UNKNOWN = "unknown"


class ArmsCategory(StrEnum):
    AIRCRAFT = "aircraft"
    ARMOURED_VEHICLES = "armoured_vehicles"
    ARTILLERY = "artillery"
    MISSILES = "missiles"
    AIR_DEFENCE = "air_defence"
    SHIPS = "ships"
    SENSORS = "sensors"
    SMALL_ARMS = "small_arms"
    AMMUNITION = "ammunition"
    BORDER_SECURITY = "border_security"
    OTHER = "other"
