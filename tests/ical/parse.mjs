// Reads an iCalendar document on stdin and prints its events as JSON, as ical.js understands them.
// Throws (exit code 1) when the document does not parse.
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString("utf8");

const root = new ICAL.Component(ICAL.parse(text));
for (const tz of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(tz));
}
const events = root.getAllSubcomponents("vevent").map((c) => {
  const e = new ICAL.Event(c);
  const start = e.startDate;
  return {
    uid: e.uid,
    summary: e.summary,
    location: e.location,
    description: e.description,
    status: c.getFirstPropertyValue("status"),
    url: c.getFirstPropertyValue("url"),
    sequence: e.sequence,
    lastModified: c.getFirstPropertyValue("last-modified")?.toString() ?? null,
    tzid: start.zone ? start.zone.tzid : null,
    startLocal: start.toString(),
    startUtc: start.toJSDate().toISOString(),
    endUtc: e.endDate.toJSDate().toISOString(),
  };
});
const out = {
  version: root.getFirstPropertyValue("version"),
  prodid: root.getFirstPropertyValue("prodid"),
  timezones: root.getAllSubcomponents("vtimezone").map((t) => t.getFirstPropertyValue("tzid")),
  events,
};
process.stdout.write(JSON.stringify(out));
