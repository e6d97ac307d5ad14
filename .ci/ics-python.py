#!/usr/bin/python3
"""Reads agenda files (.ics) with Debian's python3-icalendar, a parser
independent of lobsite's writer, and writes them out again: the round trip
must give the same content lines (folding aside: lines are compared
unfolded), so every property, parameter and escaped value was read as
written.

    /usr/bin/python3 .ci/ics-python.py FILE.ics...

Prints one JSON object per event on stdout: {file, uid, summary, start,
end, allDay}, start and end in UTC (2026-10-26T08:00:00Z, converted with
the zone TZID names) or as dates (2026-10-26, the end exclusive). Exits 1
with a message per problem on stderr.
"""
import datetime
import json
import sys

import icalendar


def unfold(data):
    return data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").split(b"\r\n")


def categories_bug(was, now):
    """Reports whether content line was became now only by a known bug of
    icalendar before the fix of collective/icalendar#127 (pull request
    #1058, December 2025; Debian 12 has 4.0.3): it splits CATEGORIES at an
    escaped comma, so "Groen\\, dier en natuur" is written back as
    "Groen, dier en natuur". Only that difference is let through."""
    return was.startswith(b"CATEGORIES") and b"\\," in was and was.replace(b"\\,", b",") == now


def when(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError("a floating time (no TZID, not UTC)")
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def main(files):
    problems = 0

    def fail(file, msg):
        nonlocal problems
        problems += 1
        print(f"{file}: {msg}", file=sys.stderr)

    for file in files:
        with open(file, "rb") as f:
            data = f.read()
        try:
            cal = icalendar.Calendar.from_ical(data)
        except ValueError as e:
            fail(file, f"cannot be read: {e}")
            continue
        for comp in cal.walk():
            for err in comp.errors:
                fail(file, f"{comp.name}: {err}")
        again = cal.to_ical(sorted=False)
        was, now = unfold(data), unfold(again)
        if len(was) != len(now):
            fail(file, f"{len(was)} content lines became {len(now)} in the round trip")
        for i, (a, b) in enumerate(zip(was, now)):
            if a != b and not categories_bug(a, b):
                fail(file, f"content line {i + 1} changes in the round trip: {a!r} became {b!r}")
                break
        if icalendar.Calendar.from_ical(again).to_ical(sorted=False) != again:
            fail(file, "writing what was read back does not give the same file")
        for line in data.split(b"\r\n"):
            if len(line) > 75:
                fail(file, f"a line of {len(line)} octets: {line[:40]!r}...")
        for ev in cal.walk("VEVENT"):
            uid = str(ev.get("UID", ""))
            try:
                start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
                out = {"file": file, "uid": uid, "summary": str(ev.get("SUMMARY", "")),
                       "start": when(start), "end": when(end),
                       "allDay": not isinstance(start, datetime.datetime)}
            except (KeyError, ValueError) as e:
                fail(file, f"{uid}: {e}")
                continue
            print(json.dumps(out))
    if problems:
        print(f"{problems} problems", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
