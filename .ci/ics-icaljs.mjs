// Reads agenda files (.ics) with ical.js, a parser independent of lobsite's
// writer: ICAL.parse, then every VEVENT read back (start, end, summary,
// UID). Times with a TZID are converted with the file's own VTIMEZONE (ical.js
// has no zone data of its own), so a wrong VTIMEZONE gives wrong times.
//
//   node .ci/ics-icaljs.mjs FILE.ics...
//
// Prints one JSON object per event on stdout: {file, uid, summary, start, end,
// allDay}, start and end in UTC (2026-10-26T08:00:00Z) or as dates
// (2026-10-26, the end exclusive). Exits 1 with a message per problem on stderr.
// ical.js comes from .ci/node_modules (npm install --prefix .ci ical.js), or from
// the file LOBSITE_ICALJS names.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const where = process.env.LOBSITE_ICALJS
  ? pathToFileURL(path.resolve(process.env.LOBSITE_ICALJS))
  : new URL('./node_modules/ical.js/dist/ical.js', import.meta.url);
const ICAL = (await import(where)).default;

let problems = 0;
const fail = (file, msg) => { problems++; console.error(`${file}: ${msg}`); };
const utc = (t) => t.toJSDate().toISOString().replace('.000Z', 'Z');

for (const file of process.argv.slice(2)) {
  let cal;
  try {
    cal = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
  } catch (e) {
    fail(file, `ICAL.parse: ${e.message}`);
    continue;
  }
  if (cal.name !== 'vcalendar') fail(file, `the file holds a ${cal.name}, not a vcalendar`);
  if (cal.getFirstPropertyValue('version') !== '2.0') fail(file, 'VERSION is not 2.0');
  if (!cal.getFirstPropertyValue('prodid')) fail(file, 'no PRODID');
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const uids = new Set();
  for (const ve of cal.getAllSubcomponents('vevent')) {
    const ev = new ICAL.Event(ve);
    const uid = ev.uid;
    if (!uid) { fail(file, 'a VEVENT without UID'); continue; }
    if (uids.has(uid)) fail(file, `UID ${uid} twice`);
    uids.add(uid);
    if (!ev.summary) fail(file, `${uid}: no SUMMARY`);
    if (!ve.getFirstPropertyValue('dtstamp')) fail(file, `${uid}: no DTSTAMP`);
    const s = ev.startDate, e = ev.endDate;
    if (!s || !e) { fail(file, `${uid}: no DTSTART or DTEND`); continue; }
    if (s.isDate !== e.isDate) fail(file, `${uid}: DTSTART and DTEND are not both dates or both times`);
    if (e.compare(s) <= 0) fail(file, `${uid}: DTEND is not after DTSTART`);
    for (const name of ['dtstart', 'dtend']) {
      const tzid = ve.getFirstProperty(name).getParameter('tzid');
      if (tzid && !ICAL.TimezoneService.has(tzid)) fail(file, `${uid}: ${name.toUpperCase()} has TZID ${tzid} but the file has no VTIMEZONE for it`);
      if (!tzid && !s.isDate) fail(file, `${uid}: ${name.toUpperCase()} is a floating time`);
    }
    console.log(JSON.stringify({
      file, uid, summary: ev.summary,
      start: s.isDate ? s.toString() : utc(s),
      end: e.isDate ? e.toString() : utc(e),
      allDay: s.isDate,
    }));
  }
}
if (problems > 0) {
  console.error(`${problems} problems`);
  process.exit(1);
}
