"""A URL -> why it may not be fetched: its scheme, the addresses its host resolves to, robots.txt.

Server-side request forgery: a URL from a feed or a list could name an internal service
(``http://169.254.169.254/``, ``http://localhost:8080/admin``). Every hop of a fetch, redirects
included, resolves its host and is refused when any address is not globally routable
(loopback, private, link-local, multicast, reserved, unspecified, shared); the fetcher also
checks the address it actually connected to, so a name that resolves differently the second
time is caught before the body is read. ``ipaddress`` knows the ranges; ``is_global`` alone
would let multicast through, hence the explicit list.

robots.txt (RFC 9309) is read with ``urllib.robotparser``; the caller fetches the file itself
(through the same guards, timeouts and caps) and hands over the status and body: a 4xx means no
rules, a 5xx or an unreachable file means everything is disallowed for now.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from eventwire.vocab import SkipReason

_SCHEMES = ("http", "https")
_KINDS = ("loopback", "link_local", "multicast", "unspecified", "reserved", "private")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an absolute http(s) URL with a host, or None."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        return f"not a valid URL: {exc}"
    if parsed.scheme not in _SCHEMES:
        return f"scheme {parsed.scheme or 'none'!r} is not http or https"
    return None if parsed.host else "no host in the URL"


def host_problem(url: str) -> tuple[SkipReason, str] | None:
    """Why the host of ``url`` may not be reached: it does not resolve (NETWORK) or resolves
    to an address that is not public (BLOCKED)."""
    host = httpx.URL(url).host
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        return SkipReason.NETWORK, f"cannot resolve {host}: {exc}"
    for *_, sockaddr in infos:
        if kind := address_kind(str(sockaddr[0])):
            return SkipReason.BLOCKED, f"{host} resolves to {sockaddr[0]}, a {kind} address"
    return None


def address_kind(address: str) -> str | None:
    """``loopback``, ``private``... for an address that is not public, None for a public one."""
    ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind in _KINDS:
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-global"


def robots_url(url: str) -> str:
    """The robots.txt URL for the origin of ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def robot_rules(status: int | None, body: bytes) -> RobotFileParser:
    """The rules of a fetched robots.txt; ``status`` None when it could not be fetched."""
    rules = RobotFileParser()
    if status is None or status >= 500:
        rules.parse(["User-agent: *", "Disallow: /"])
    elif status < 400:
        rules.parse(body.decode("utf-8", "replace").splitlines())
    else:
        rules.parse([])
    return rules
