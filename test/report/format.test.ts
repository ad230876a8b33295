import { test } from "node:test";
import assert from "node:assert/strict";
import { formatDuration, formatMetric, formatScalar, truncate, visibleWidth, fit, wrapWords, stripAnsi } from "../../src/report/format.js";

test("formatDuration: ms, tenths of seconds, m ss, h mm", () => {
  assert.equal(formatDuration(0), "0ms");
  assert.equal(formatDuration(850), "850ms");
  assert.equal(formatDuration(999.4), "999ms");
  assert.equal(formatDuration(1000), "1.0s");
  assert.equal(formatDuration(12_345), "12.3s");
  assert.equal(formatDuration(59_940), "59.9s");
  assert.equal(formatDuration(59_960), "1m 00s"); // would round to 60.0s
  assert.equal(formatDuration(65_000), "1m 05s");
  assert.equal(formatDuration(3_599_000), "59m 59s");
  assert.equal(formatDuration(3_600_000), "1h 00m");
  assert.equal(formatDuration(2 * 3_600_000 + 3 * 60_000), "2h 03m");
  assert.equal(formatDuration(-5), "0ms");
  assert.equal(formatDuration(Number.NaN), "?");
});

test("formatMetric: 4 decimals, 4 significant digits at the extremes", () => {
  assert.equal(formatMetric(0.81234), "0.8123");
  assert.equal(formatMetric(0.81235001), "0.8124");
  assert.equal(formatMetric(0.8), "0.8000");
  assert.equal(formatMetric(12.5), "12.5000");
  assert.equal(formatMetric(0), "0.0000");
  assert.equal(formatMetric(0.000123456), "0.0001235");
  assert.equal(formatMetric(-0.5), "-0.5000");
  assert.equal(formatMetric(1234567), "1.235e+6");
  assert.equal(formatMetric(null), "-");
  assert.equal(formatMetric(Number.NaN), "NaN");
  assert.equal(formatMetric(-Infinity), "-inf");
});

test("formatScalar quotes only strings that would be ambiguous", () => {
  assert.equal(formatScalar(0.001), "0.001");
  assert.equal(formatScalar("crossnet"), "crossnet");
  assert.equal(formatScalar("a b"), '"a b"');
  assert.equal(formatScalar(""), '""');
  assert.equal(formatScalar(true), "true");
  assert.equal(formatScalar(null), "null");
});

test("visibleWidth ignores ANSI codes and counts wide characters as 2", () => {
  assert.equal(visibleWidth("\x1b[31mred\x1b[39m"), 3);
  assert.equal(visibleWidth("教师"), 4);
  assert.equal(visibleWidth("e\u0301"), 1);
  assert.equal(visibleWidth("naïve"), 5);
});

test("truncate cuts to the width, keeps colour codes balanced, handles wide characters", () => {
  assert.equal(truncate("abcdefgh", 5), "abcd…");
  assert.equal(truncate("abcdefgh", 5, "..."), "ab...");
  assert.equal(truncate("abc", 5), "abc");
  assert.equal(truncate("abc", 0), "");
  const red = truncate("\x1b[31mabcdefgh\x1b[39m", 4);
  assert.equal(stripAnsi(red), "abc…");
  assert.ok(red.includes("\x1b[0m"), "a cut inside colour resets it");
  // a wide character never straddles the edge
  const w = truncate("ab教师xyz", 5);
  assert.equal(w, "ab教…");
  assert.equal(visibleWidth(w), 5);
  assert.equal(visibleWidth(truncate("教师教师", 4)), 3);
});

test("fit pads or cuts to exactly the width", () => {
  assert.equal(fit("ab", 4), "ab  ");
  assert.equal(fit("ab", 4, "right"), "  ab");
  assert.equal(fit("abcdef", 4), "abc…");
  assert.equal(visibleWidth(fit("教师教师", 5)), 5);
});

test("wrapWords packs words greedily and never exceeds the width", () => {
  const lines = wrapWords(["alpha=1", "beta=22", "gamma=333", "d=4"], 18);
  assert.deepEqual(lines, ["alpha=1  beta=22", "gamma=333  d=4"]);
  for (const l of wrapWords(["a_very_long_parameter_name=1", "x=2"], 10)) assert.ok(visibleWidth(l) <= 10, l);
  assert.deepEqual(wrapWords([], 10), [""]);
});

test("formatScalar short: 4 significant digits for non-integers, integers and strings unchanged", async () => {
  const { formatScalar } = await import("../../src/report/format.js");
  assert.equal(formatScalar(0.009030860231, { short: true }), "0.009031");
  assert.equal(formatScalar(5.235604090640182, { short: true }), "5.236");
  assert.equal(formatScalar(1e-7, { short: true }), "1e-7");
  assert.equal(formatScalar(2048, { short: true }), "2048");
  assert.equal(formatScalar(0.009030860231), "0.009030860231");
});
