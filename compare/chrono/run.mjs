// run.mjs runs chrono-node on the documents `dyad eval timex --export-docs
// DIR` wrote and prints its expressions as the JSON Lines that `dyad eval
// timex --system FILE` scores (see README.md):
//
//	node run.mjs DIR > chrono.jsonl
//
// Each document is parsed with its creation time as the reference date and
// forwardDate off; every chrono result becomes one expression whose value is
// formatted from the components chrono is certain of, nothing else changed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as chrono from "chrono-node";

// Components are read as chrono parsed them; UTC keeps the reference
// date's wall-clock time free of daylight-saving gaps.
process.env.TZ = "UTC";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node run.mjs DIR (a folder written by dyad eval timex --export-docs DIR)");
  process.exit(2);
}

// referenceDate reads a TIMEX3 creation time ("2013-03-22",
// "1998-02-27T10:30:00") as a local date.
function referenceDate(dct) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(dct);
  if (!m) throw new Error(`creation time ${JSON.stringify(dct)} is not a date`);
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
  return new Date(y, mo - 1, d, h, mi, s);
}

const pad = (n, w = 2) => String(n).padStart(w, "0");

// timex gives the TIMEX3 type and value of a chrono result's start: TIME
// when chrono is certain of the hour, else a DATE as fine as its certain
// components go (day or weekday, month, year); coarser parts it did not
// read in the text are the ones it resolved against the reference date.
function timex(c) {
  const date = `${pad(c.get("year"), 4)}-${pad(c.get("month"))}-${pad(c.get("day"))}`;
  if (c.isCertain("hour")) {
    let value = `${date}T${pad(c.get("hour"))}:${pad(c.get("minute") ?? 0)}`;
    if (c.isCertain("second")) value += `:${pad(c.get("second"))}`;
    return { type: "TIME", value };
  }
  if (c.isCertain("day") || c.isCertain("weekday")) return { type: "DATE", value: date };
  if (c.isCertain("month")) return { type: "DATE", value: date.slice(0, 7) };
  if (c.isCertain("year")) return { type: "DATE", value: date.slice(0, 4) };
  return { type: "DATE", value: date };
}

const index = readFileSync(join(dir, "docs.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "");
const out = [];
for (const line of index) {
  const { doc, dct, file } = JSON.parse(line);
  const text = readFileSync(join(dir, file ?? `${doc}.txt`), "utf8");
  for (const r of chrono.parse(text, referenceDate(dct), { forwardDate: false })) {
    // chrono counts UTF-16 code units; dyad counts UTF-8 bytes.
    const start = Buffer.byteLength(text.slice(0, r.index), "utf8");
    const end = start + Buffer.byteLength(r.text, "utf8");
    out.push(JSON.stringify({ doc, start, end, ...timex(r.start) }));
  }
}
process.stdout.write(out.length ? out.join("\n") + "\n" : "");
