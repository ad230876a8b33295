import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { shellCommand, shellQuote, inputEnvName, PlaceholderError } from "../../src/tasks/shell.js";
import { formatNumber, paramsJson } from "../../src/tasks/numbers.js";

const vars = {
  params: { lr: 1e-7, name: "it's; rm -rf / $(x) `y`", dim: 16, big: 1e21, ok: true },
  inputs: { teacher: "/tmp/my dir/é" },
  out: "/tmp/out dir",
  seed: 42,
  trial: "a@1",
};

test("a substituted value is one argument and never code", () => {
  const { argv, env } = shellCommand(`printf '%s\\n' {params.name} {inputs.teacher} {out} {params.lr} {seed}`, vars);
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: "utf8", env: { ...process.env, ...env } });
  assert.equal(r.status, 0);
  assert.deepEqual(r.stdout.trimEnd().split("\n"), [vars.params.name, "/tmp/my dir/é", "/tmp/out dir", "1.0e-7", "42"]);
});

test("argv commands substitute inside each element without quoting", () => {
  assert.deepEqual(shellCommand(["python", "train.py", "--lr={params.lr}", "{inputs.teacher}"], vars).argv, ["python", "train.py", "--lr=1.0e-7", "/tmp/my dir/é"]);
});

test("unknown placeholders are errors; other braces (${HOME}) are left alone", () => {
  assert.throws(() => shellCommand("echo {params.nope}", vars), PlaceholderError);
  assert.deepEqual(shellCommand("echo ${HOME} {x}", vars).argv, ["sh", "-c", "echo ${HOME} {x}"]);
});

test("numbers round-trip exactly and read as numbers in YAML 1.1 (dot + signed exponent)", () => {
  for (const x of [1e-7, 1e21, 0.1, 3, -2.5e-10, 123456789.123, 5e-324, 1.7976931348623157e308]) {
    const s = formatNumber(x);
    assert.equal(Number(s), x);
    assert.equal(JSON.parse(s), x);
    if (/e/.test(s)) assert.match(s, /^-?\d+\.\d+e[+-]\d+$/);
  }
  assert.equal(formatNumber(1e-7), "1.0e-7");
  assert.equal(formatNumber(1e21), "1.0e+21");
  assert.equal(paramsJson({ b: 1e-7, a: "x" }), '{"a":"x","b":1.0e-7}');
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.equal(inputEnvName("teacher-2"), "DAGTUNE_INPUT_TEACHER_2");
});

test("a placeholder inside double or single quotes is still one value and never code", () => {
  const name = vars.params.name; // it's; rm -rf / $(x) `y`
  const { argv, env } = shellCommand(`printf '%s\\n' "tag-{params.name}" '{params.name}' "{out}/x" '{params.lr}'`, vars);
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: "utf8", env: { ...process.env, ...env } });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trimEnd().split("\n"), [`tag-${name}`, name, "/tmp/out dir/x", "1.0e-7"]);
});
