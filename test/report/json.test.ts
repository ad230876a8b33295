import { test } from "node:test";
import assert from "node:assert/strict";
import { createReporter } from "../../src/report/index.js";
import { EVENTS, MemStream, steppingClock } from "./fixture.js";

test("json: exactly one parseable object per event, in order, each the event plus an ISO time", () => {
  const s = new MemStream();
  const r = createReporter({ mode: "json", color: true, stream: s, verbose: false, now: steppingClock(1_700_000_000_000, 1000) });
  for (const e of EVENTS) r.event(e);
  r.close();
  assert.ok(s.text.endsWith("\n"));
  const lines = s.text.slice(0, -1).split("\n");
  assert.equal(lines.length, EVENTS.length);
  const objs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    objs.map((o) => o.type),
    EVENTS.map((e) => e.type),
  );
  objs.forEach((o, i) => {
    const { time, ...rest } = o;
    assert.deepEqual(rest, EVENTS[i]);
    assert.equal(time, new Date(1_700_000_000_000 + 1000 * (i + 1)).toISOString());
  });
  // colour is irrelevant in json mode: nothing but JSON on the stream
  assert.equal(s.text.includes("\x1b"), false);
});
