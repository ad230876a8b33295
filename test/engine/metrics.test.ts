import { test } from "node:test";
import assert from "node:assert/strict";
import { metricProblem, parseMetrics } from "../../src/engine/metrics.js";

test("Python's bare NaN / Infinity tokens read as non-finite numbers", () => {
  const r = parseMetrics('{"valid.auc": NaN, "a": Infinity, "b": -Infinity, "s": "NaN text", "c": 0.5}');
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.ok(Number.isNaN(r.metrics["valid.auc"]));
  assert.equal(r.metrics.a, Infinity);
  assert.equal(r.metrics.b, -Infinity);
  assert.equal(r.metrics.c, 0.5);
  assert.deepEqual(r.ignored, ["s"]);
});

test("NaN, infinite and missing metrics are named, with what was reported", () => {
  assert.equal(metricProblem("valid.auc", { "valid.auc": NaN, loss: 1 }), "valid.auc is NaN (reported: valid.auc, loss)");
  assert.equal(metricProblem("m", { m: -Infinity }), "m is -Infinity (reported: m)");
  assert.equal(metricProblem("valid.auc", { loss: 1 }), "metric valid.auc is missing (reported: loss)");
  assert.equal(metricProblem("m", { m: 0.25 }), null);
});

test("malformed metrics.json is a reason, not a crash", () => {
  assert.equal(parseMetrics("[1,2]").ok, false);
  assert.equal(parseMetrics("{oops").ok, false);
});

test("a metric written as a string is named as such, not as missing", () => {
  const r = parseMetrics('{"valid.auc": "0.8", "loss": 1}');
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(metricProblem("valid.auc", r.metrics, r.ignored), 'valid.auc is not a number in metrics.json (write {"valid.auc": 0.81}, not a string)');
});
