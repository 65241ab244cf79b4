"""The session calendar as an iCalendar feed (RFC 5545), written by hand.

Start and end carry ``TZID=Asia/Taipei`` with a VTIMEZONE block (Taiwan has kept UTC+8 without
daylight saving since 1980), so calendar apps show the local exam time wherever the reader is;
DTSTAMP is in UTC as the RFC requires. Lines end in CRLF and are folded at 75 octets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from aicert.scheduling.models import Session

TZID = "Asia/Taipei"
_TAIPEI = ZoneInfo(TZID)

_VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets, never splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = " " + char
            limit = 75
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def _local(value: dt.datetime) -> str:
    return value.astimezone(_TAIPEI).strftime("%Y%m%dT%H%M%S")


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def session_event_lines(session: Session, *, host: str, url: str, stamp: dt.datetime) -> list[str]:
    venue = session.room.venue
    seats_left = getattr(session, "seats_left", None)
    description = f"{session.subject.level} · {session.subject}"
    if seats_left is not None:
        description += f"\n{max(seats_left, 0)} / {session.capacity}"
    return [
        "BEGIN:VEVENT",
        f"UID:session-{session.pk}@{host}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART;TZID={TZID}:{_local(session.starts_at)}",
        f"DTEND;TZID={TZID}:{_local(session.ends_at)}",
        f"SUMMARY:{escape_text(str(session.subject.level) + ' · ' + str(session.subject))}",
        f"LOCATION:{escape_text(f'{venue} {session.room.local_name}, {venue.address}')}",
        f"DESCRIPTION:{escape_text(description)}",
        f"URL:{url}",
        "STATUS:CONFIRMED",
        "END:VEVENT",
    ]


def sessions_to_ical(
    sessions: Iterable[Session],
    *,
    host: str,
    url_for: Callable[[Session], str],
    name: str,
    stamp: dt.datetime,
) -> str:
    """A VCALENDAR with one VEVENT per session; ``url_for(session)`` gives its page address."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//aicert//exam sessions//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *_VTIMEZONE,
    ]
    for session in sessions:
        lines += session_event_lines(session, host=host, url=url_for(session), stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
