// Package agenda writes the activities of a site's kalender as agenda
// files (agendabestanden): iCalendar, RFC 5545, for Outlook, Google and
// Apple agendas. This comment is the specification of what it reads and
// writes.
//
// # The files
//
//	kalender.ics                 every activity of the site (the whole school)
//	kalender/leerjaar-<n>.ics    the activities whose leerjaren hold n, for n = 1..leerjaren
//	kalender/sector-<id>.ics     the activities whose sectoren name sector <id>, for every sector
//
// Every file is written, also when it has no activity (it then holds only
// the time zone, so it stays a valid calendar that an agenda can
// subscribe to before the first activity is planned). Pages left out of
// the build (concept: true without --drafts) are in no file. Events are in
// the order of the kalender: date, time, title.
//
// # One activity, one VEVENT
//
//	UID          kalender-<id>-<schooljaar>@<school>: the page id, the school year
//	             and the slug of school from site.yaml; the same in every build and
//	             in every file the activity is in. A new school year (lobsite
//	             schooljaar) gives new UIDs: last year's events stay in an agenda
//	             that imported them, next to this year's.
//	DTSTAMP      the start of the school year, 1 August 00:00 Europe/Amsterdam,
//	             in UTC (20260731T220000Z for 2026-2027): no clock is read, so two
//	             builds are byte-identical. Agendas that subscribe read the whole
//	             file again; one that imported it replaces an event by its UID.
//	DTSTART      datum; with tijd and no tot: DTSTART;TZID=Europe/Amsterdam:
//	DTEND        datum + the start and end of tijd, local time; otherwise an all-day
//	             event, VALUE=DATE, from datum to the day after tot (or after datum),
//	             as RFC 5545 counts the end of a day, with TRANSP:TRANSPARENT (an
//	             all-day activity does not make a teacher busy). An activity over
//	             several days with a tijd is all-day too: tijd then gives the hours
//	             of each day it is held, not which days (a groepsstage on Tuesdays),
//	             so the time goes into DESCRIPTION instead.
//	SUMMARY      titel
//	DESCRIPTION  samenvatting; the tijd of an activity over several days ("Tijd:
//	             08:30-14:30", in the theme's language); and the page: its absolute
//	             URL when basis_url is set, else the site's titel and the page's
//	             address in the site ("LOB-handboek: kalender/x/"); separated by an
//	             empty line
//	LOCATION     locatie, when given
//	CATEGORIES   the soort as the theme writes it (Bedrijfsbezoek, Company visit),
//	             then the titel of each sector, one CATEGORIES property each, so a
//	             comma in a title stays in its category
//	URL          the page's absolute URL, only when basis_url is set
//
// The calendar itself has VERSION 2.0, PRODID -//lobsite//<school>//<TAAL>,
// CALSCALE GREGORIAN, METHOD PUBLISH, NAME and X-WR-CALNAME ("<titel> –
// <what>": the kalender's list title, "Leerjaar 3" or the sector's titel),
// X-WR-TIMEZONE Europe/Amsterdam, and REFRESH-INTERVAL and X-PUBLISHED-TTL
// of one day for agendas that subscribe.
//
// # Time zone
//
// Every file holds one VTIMEZONE, TZID Europe/Amsterdam, written from the
// EU rule that holds since 1996 (summer time from the last Sunday of March,
// 02:00 CET, to the last Sunday of October, 03:00 CEST), as a DAYLIGHT and a
// STANDARD part with a yearly RRULE: the same text in every build, and
// right for every school year since; a test compares it with Go's zone
// database (Europe/Amsterdam) for 1996–2050. Agendas that know the zone by
// name use their own data; the VTIMEZONE is for those that do not.
//
// # Text
//
// Lines end in CRLF and are folded at 75 octets, never inside a UTF-8
// character; TEXT values have \ ; , and newline escaped (\\ \; \, \n). A
// carriage return in a value becomes a newline and other control
// characters are dropped, since iCalendar TEXT cannot hold them.
//
// Writing is done by github.com/arran4/golang-ical (folding by octets
// at rune boundaries, TEXT escaping), set to CRLF line ends (its default
// on Linux and macOS is LF). github.com/emersion/go-ical was the other
// candidate; its encoder does not fold lines at all. The tests of this
// package check the folding, the line ends and the escaping of what is
// written, and read it back with the library's parser.
package agenda
