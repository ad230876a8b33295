import { test } from "node:test";
import assert from "node:assert/strict";
import { chooseMode, detectColor, isCI } from "../../src/report/style.js";

const tty = { isTTY: true };
const pipe = { isTTY: false };

test("NO_COLOR (non-empty) turns colour off even on a terminal and over FORCE_COLOR", () => {
  assert.equal(detectColor(tty, { TERM: "xterm-256color" }), true);
  assert.equal(detectColor(tty, { TERM: "xterm-256color", NO_COLOR: "1" }), false);
  assert.equal(detectColor(tty, { NO_COLOR: "1", FORCE_COLOR: "1" }), false);
  // an empty NO_COLOR is "not set" (no-color.org)
  assert.equal(detectColor(tty, { TERM: "xterm", NO_COLOR: "" }), true);
});

test("FORCE_COLOR forces colour on or off; otherwise only a non-dumb terminal gets colour", () => {
  assert.equal(detectColor(pipe, { FORCE_COLOR: "1" }), true);
  assert.equal(detectColor(pipe, { FORCE_COLOR: "" }), true);
  assert.equal(detectColor(tty, { FORCE_COLOR: "0" }), false);
  assert.equal(detectColor(tty, { FORCE_COLOR: "false" }), false);
  assert.equal(detectColor(pipe, {}), false);
  assert.equal(detectColor(tty, { TERM: "dumb" }), false);
});

test("chooseMode: --json wins, then a real terminal gets tty, CI and pipes get plain", () => {
  assert.equal(chooseMode(tty, { json: true }, {}), "json");
  assert.equal(chooseMode(pipe, { json: true }, {}), "json");
  assert.equal(chooseMode(tty, {}, { TERM: "xterm" }), "tty");
  assert.equal(chooseMode(tty, {}, { TERM: "dumb" }), "plain");
  assert.equal(chooseMode(tty, {}, { TERM: "xterm", CI: "true" }), "plain");
  assert.equal(chooseMode(tty, {}, { TERM: "xterm", CI: "false" }), "tty");
  assert.equal(chooseMode(pipe, {}, {}), "plain");
  assert.equal(isCI({ CI: "1" }), true);
  assert.equal(isCI({ CI: "0" }), false);
  assert.equal(isCI({}), false);
});
