"""One line of a page -> what it is when it is not article text: furniture, a credit, a byline.

The patterns are general, drawn from what page furniture looks like across news sites (link
lists, share and follow prompts, cookie and newsletter notices, advertising labels, copyright
lines, read-time and comment widgets, date stamps), never from one article's strings. Every
pattern must match the whole line or lead it, and prompts that could open a real sentence are
limited in length, so a body sentence that mentions cookies or a newsletter in passing stays.
"""

from __future__ import annotations

import re


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MAX_FURNITURE_CHARS = 500
_MAX_BYLINE_CHARS = 200
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_SEP = r"(?:\s*[:|»›>•]\s*.*|\s+[-–—]+\s+.*)?\s*"

# Labels that introduce a link, or a list of links when they stand alone.
_LINK_LABEL = (
    r"(?:read (?:more|also|next|further)|also read|see also|further reading|up next"
    r"|related(?: (?:articles?|stories|story|coverage|content|posts?|topics|news|reading|links?))?"
    r"|more(?: (?:on|about) this(?: story| topic)?| stories| news| coverage| from [\w .'-]{1,30}"
    r"| in [\w .'-]{1,30}| about)?|more stories you may have missed"
    r"|recommended(?: for you| stories| reading| videos?)?|editor'?s picks?|top stories"
    r"|(?:you )?(?:may|might) (?:also )?(?:like|enjoy|be interested in)|don'?t miss|must read"
    r"|watch(?: now| live| this next)?|listen(?: now| live)?|video|podcast"
    r"|latest(?: news| stories| articles| videos)?|trending(?: now| stories| nationally)?"
    r"|most (?:read|popular|viewed|shared)(?: this week| stories)?|popular (?:stories|videos|now)"
    r"|(?:next|previous) (?:article|story|post)|explore (?:more|further)|in this section"
    r"|in other news)")

_LINK_LIST_LABEL = re.compile(rf"{_LINK_LABEL}\s*[:»›>]?", re.IGNORECASE)
_FURNITURE = [re.compile(pattern, re.IGNORECASE) for pattern in (
    rf"{_LINK_LABEL}{_SEP}",
    r"read more (?:about|on|at|here)\b.*",
    r"(?:loading|please wait|one moment please)\s*(?:\.{1,3}|…)?",
    r"(?:advertisement|advertising|advert|ad|sponsored(?: content| post)?|paid (?:content|post)"
    r"|promoted(?: content)?|partner content|story continues below(?: advertisement)?"
    r"|(?:article|story) continues (?:below|after (?:this )?(?:advertisement|ad))"
    r"|continue reading(?: below| the main story)?|scroll (?:down )?(?:to|for) (?:continue|read"
    r" more|the next article).*|skip (?:advert|ad|advertisement)|skip to (?:main )?content)"
    r"\s*[:.…]*",
    r"(?:subscribe|sign up|sign in|log ?in|follow (?:us|@\w+)|join (?:us|our|the) \w+"
    r"|already (?:a subscriber|a member|have an account)|create an account"
    r"|download (?:our|the) [\w ]{0,30}app|support (?:our|independent) journalism"
    r"|you have \d+ free articles?|get (?:our|the) [\w ]{0,40}newsletters?)\b[^.!?]{0,150}[.!?]?",
    r"(?=.{0,200}$).*\b(?:sign(?:ing)? up|subscrib\w*|get|receive|join)\b.*\b(?:newsletters?"
    r"|inbox|email alerts)\b.*",
    r"(?=.{0,200}$).*\b(?:please subscribe|subscribe (?:now|today|here)|become a (?:subscriber"
    r"|member)|already a subscriber|sign in to (?:continue|read)|download (?:our|the) [\w ]{0,40}"
    r"apps?|follow [\w ]{1,40} on (?:twitter|x|facebook|instagram|linkedin|tiktok|youtube|threads)"
    r"|(?:we want to hear|tell us) what you think)\b.*",
    r"(?=.{0,250}$).*\b(?:copyrighted property|(?:written )?permission must be obtained"
    r"|may not be (?:reproduced|republished|redistributed|rewritten)|reproduction [\w ]{0,30}"
    r"(?:prohibited|forbidden))\b.*",
    r"(?=.{0,400}$).*\b(?:(?:we|this (?:site|website)|our (?:site|website)) uses? cookies"
    r"|(?:accept|allow|manage|reject)(?: all)? cookies|cookies? (?:policy|settings|preferences"
    r"|notice|consent))\b.*",
    r"(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*(?:\d{4}|by\b)|copyleft\b).{0,200}",
    r"(?=.{0,200}$).*\ball rights reserved\b.*",
    r"(?=.{0,200}$).*\b(?:click|tap) here\b.*",
    r"(?:\d+\s*(?:min(?:ute)?s?|hrs?|hours?)\.?\s*(?:read|listen|watch)|\d+\s+comments?"
    r"|comments?(?: \(\d+\))?|view comments|show comments|(?:leave|post|write|add) a (?:comment"
    r"|reply)|reply|your email address will not be published\b.*|notify me of\b.*"
    r"|required fields are marked\b.*|\d+ words)",
    r"(?:privacy(?: policy| notice| settings)?|terms (?:of (?:service|use)|and conditions|&"
    r" conditions)|do not sell my (?:personal )?(?:info(?:rmation)?|data)|contact(?: us)?"
    r"|about us|dmca|accessibility|sitemap|site map|careers|home|menu|search|close"
    r"|toggle navigation|back to top|you are here:?|print(?: this)?(?: article| page)?"
    r"|(?:tags?|tagged|filed under|categories|category|topics?)\s*:.*)",
    r"(?:image|photo|picture|slide) \d+ (?:of|/) \d+",
    r"[\W_]+",
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+",
    r"[^\s>›»/|]+(?:\s*[>›»/|]\s*[^\s>›»/|]+){2,}",
)]

_SHARE_WORDS = _word_set(
    "share shares sharing this article story page post on to via with tweet facebook twitter x "
    "whatsapp telegram linkedin pinterest reddit email e-mail mail print copy link copied "
    "messenger flipboard tumblr instagram youtube tiktok threads bluesky comment comments save "
    "gift bookmark and or us follow")
_SHARE_TRIGGERS = _word_set(
    "share tweet facebook twitter whatsapp telegram linkedin pinterest reddit email e-mail "
    "print copy messenger flipboard instagram youtube tiktok")

_DATE_WORDS = (rf"(?:\d+(?!\d)(?:st|nd|rd|th)?|(?:{_MONTH}|{_WEEKDAY}|[ap]\.?m|gmt|utc"
               r"|[ecmp][sd]t|bst|cet|cest|ist|today|yesterday|ago|seconds?|minutes?|mins?|hours?|hrs?"
               r"|days?|weeks?|at|on|of)\b)")
_DATE_LINE = re.compile(
    rf"(?:(?:first |last )?(?:published|updated|posted|modified|date)\s*(?:on|at)?\s*:?\s*)?"
    rf"(?:{_DATE_WORDS}[\s,.:/|–—-]*){{1,8}}", re.IGNORECASE)
_REVISED = re.compile(r"(?:last )?(?:updated|modified)\b", re.IGNORECASE)

_AGENCY = re.compile(
    r"\b(?:AP|AFP|EPA|EFE|PA|UPI|TASS|ANSA|IRNA|WAFA|SANA|KCNA|ANI|PTI|"
    r"(?i:reuters|dpa|associated press|agence france-presse|getty(?: images)?|anadolu(?: agency)?"
    r"|xinhua|sputnik|ria novosti|bloomberg|shutterstock|alamy|pa (?:media|images|wire)"
    r"|press association|kyodo|yonhap|nurphoto|zuma(?: press)?|sipa|imago|wireimage|handout"
    r"|pool|file photo|courtesy))\b")
_CREDIT_CONNECTORS = _word_set("/ | , & - via and for of photo photos file staff")
_LABELLED_CREDIT = re.compile(
    r"(?:photo(?:graph)?|image|picture|pic|video|illustration|credit)s?"
    r"(?: source| credit| courtesy)?\s*(?::|,|by)\s*(?P<who>[^.!?]{2,60})", re.IGNORECASE)
_CONTRIBUTORS = re.compile(
    r"\(?(?:additional )?(?:reporting|writing|editing|compiled|research|edited|written)"
    r"(?: and \w+)? by\b[^()]{2,300}\)?", re.IGNORECASE)
_WRAPPED_CREDIT = re.compile(r"[\[(](?P<who>[^\[\]()]{2,60})[\])]")
_DATELINE = re.compile(
    r"(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w .'-]{1,30}){0,2}\s*)?"
    r"\((?P<agency>[^()]{1,30})\)\s*[—–-]")

_BYLINE = re.compile(r"(?:by|written by|words by)\s+(?P<who>[^|•·]+?)\s*(?:[|•·].*)?",
                     re.IGNORECASE)
_BYLINE_CONNECTORS = _word_set(
    "and & in for of the with agencies staff correspondent reporter writer editor de da van von "
    "der al bin")


def is_furniture(line: str) -> bool:
    """Whether a whole line is page furniture rather than article text."""
    return len(line) <= _MAX_FURNITURE_CHARS and (
        any(pattern.fullmatch(line) for pattern in _FURNITURE)
        or _is_share_bar(line) or is_date_stamp(line))


def is_link_list_label(line: str) -> bool:
    """A label that stands alone above a list of links: ``Related stories``, ``Most read:``."""
    return _LINK_LIST_LABEL.fullmatch(line) is not None


def is_date_stamp(line: str) -> bool:
    """A line that is only a date or time, perhaps labelled: ``Published 26 August 2021``."""
    return any(ch.isdigit() for ch in line) and _DATE_LINE.fullmatch(line) is not None


def is_publication_stamp(line: str) -> bool:
    """A date stamp that gives the publication date (not an ``Updated`` one)."""
    return is_date_stamp(line) and _REVISED.match(line) is None


def credit_of(line: str) -> str | None:
    """The credit a whole line gives (``Reuters``, ``Photo: Jane Doe/AFP``), or None."""
    if len(line) > _MAX_FURNITURE_CHARS:
        return None
    core = line.strip().strip("()[]").strip(" —–-|").strip()
    if contributors := _CONTRIBUTORS.fullmatch(line.strip()):
        return contributors.group(0).strip("()")
    if len(core) > 80 or len(core.split()) > 9:
        return None
    if labelled := _LABELLED_CREDIT.fullmatch(core):
        return labelled.group("who").strip()
    wrapped = line.strip()[:1] in "[(" and "/" in core
    if not (_AGENCY.search(core) or wrapped):
        return None
    words = [w for w in re.findall(r"[^\s/|,&]+", _AGENCY.sub(" ", core))
             if w.lower() not in _CREDIT_CONNECTORS]
    if not words:
        return core
    linked = wrapped or bool(re.search(r"/|\bvia\b|\|", core))
    return core if linked and len(words) <= 4 and all(w[0].isupper() for w in words) else None


def inline_credit(paragraph: str) -> str | None:
    """A credit in brackets closing a caption: ``... on Monday. [Jane Doe/AFP]``."""
    match = _WRAPPED_CREDIT.search(paragraph.rstrip(), pos=max(0, len(paragraph) - 64))
    if match is None or match.end() != len(paragraph.rstrip()) or match.start() == 0:
        return None
    who = credit_of(match.group(0))
    return who if who and ("/" in who or _LABELLED_CREDIT.match(match.group("who"))) else None


def dateline_agency(paragraph: str) -> str | None:
    """The wire agency of a dateline opening a paragraph: ``KYIV, Ukraine (AP) — ...``,
    ``Paris (AFP) - ...``, ``(Reuters) - ...``."""
    match = _DATELINE.match(paragraph)
    if match is None or not _AGENCY.fullmatch(match.group("agency").strip()):
        return None
    return match.group("agency").strip()


def byline_of(line: str) -> str | None:
    """The names of a byline line (``By Jane Doe and John Roe | Reuters``), or None."""
    match = _BYLINE.fullmatch(line.strip()) if len(line) <= _MAX_BYLINE_CHARS else None
    if match is None:
        return None
    who = match.group("who").strip(" ,;-–—")
    words = re.findall(r"[^\s,;–—-]+", who)
    if not 1 <= len(words) <= 10 or who.endswith("."):
        return None
    names = [w for w in words if w.lower() not in _BYLINE_CONNECTORS]
    return who if names and all(w[0].isupper() for w in names) else None


def _is_share_bar(line: str) -> bool:
    words = re.findall(r"[a-z][a-z-]*", line.lower())
    return (0 < len(words) <= 15 and all(w in _SHARE_WORDS for w in words)
            and any(w in _SHARE_TRIGGERS for w in words)
            and not re.search(r"[.!?]\s*$", line))
