import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import YAML from "yaml";
import { trialKey, canonicalJson, type TrialKeyParts } from "../../src/store/key.js";

const D1 = "a".repeat(64);
const D2 = "b".repeat(64);

const base = (): TrialKeyParts => ({
  task: "shell",
  taskVersion: "1",
  params: { lr: 0.001, dim: 16, model: "crossnet", norm: true, extra: null },
  inputs: { teacher: D1 },
  datasetDigest: D2,
  seed: 2023,
  command: "python train.py --lr {params.lr} --out {out}",
});

test("trialKey is the sha256 of the RFC 8785 canonical JSON of the parts", () => {
  const parts: TrialKeyParts = { task: "shell", taskVersion: "1", params: { b: 2, a: 1 }, inputs: {}, datasetDigest: null, seed: 7 };
  const canon = '{"command":null,"datasetDigest":null,"inputs":{},"params":{"a":1,"b":2},"scheme":1,"seed":7,"task":"shell","taskVersion":"1"}';
  assert.equal(trialKey(parts), createHash("sha256").update(canon).digest("hex"));
  assert.match(trialKey(parts), /^[0-9a-f]{64}$/);
});

test("number formatting does not change the key (1.0e-3 vs 0.001, 16 vs 16.0, 1e2 vs 100)", () => {
  const a = YAML.parse("lr: 1.0e-3\ndim: 16.0\nsteps: 1e2") as Record<string, number>;
  const b = YAML.parse("lr: 0.001\ndim: 16\nsteps: 100") as Record<string, number>;
  assert.equal(trialKey({ ...base(), params: a }), trialKey({ ...base(), params: b }));
  assert.equal(canonicalJson({ x: 1e21, y: 1e-7, z: -0 }), '{"x":1e+21,"y":1e-7,"z":0}');
});

test("key order of params and inputs does not change the key", () => {
  const k1 = trialKey({ ...base(), params: { a: 1, b: "x", c: false }, inputs: { t: D1, s: D2 } });
  const k2 = trialKey({ ...base(), params: { c: false, b: "x", a: 1 }, inputs: { s: D2, t: D1 } });
  assert.equal(k1, k2);
});

test("absent and null command give the same key", () => {
  const { command: _omit, ...rest } = base();
  assert.equal(trialKey({ ...rest }), trialKey({ ...rest, command: null }));
});

test("every field that changes the result changes the key", () => {
  const k = trialKey(base());
  const variants: [string, TrialKeyParts][] = [
    ["task", { ...base(), task: "ctr.train" }],
    ["taskVersion", { ...base(), taskVersion: "2" }],
    ["param value", { ...base(), params: { ...base().params, lr: 0.0011 } }],
    ["param type 16 vs '16'", { ...base(), params: { ...base().params, dim: "16" } }],
    ["extra param", { ...base(), params: { ...base().params, depth: 3 } }],
    ["null vs missing param", { ...base(), params: { lr: 0.001, dim: 16, model: "crossnet", norm: true } }],
    ["input digest", { ...base(), inputs: { teacher: D2 } }],
    ["input name", { ...base(), inputs: { student: D1 } }],
    ["dataset digest", { ...base(), datasetDigest: D1 }],
    ["no dataset", { ...base(), datasetDigest: null }],
    ["seed", { ...base(), seed: 2024 }],
    ["command", { ...base(), command: "python train.py --lr {params.lr} --out {out} " }],
    ["command as argv", { ...base(), command: ["python", "train.py", "--lr", "{params.lr}", "--out", "{out}"] }],
  ];
  const seen = new Set([k]);
  for (const [what, parts] of variants) {
    const v = trialKey(parts);
    assert.notEqual(v, k, `${what} must change the key`);
    seen.add(v);
  }
  assert.equal(seen.size, variants.length + 1, "all variants give distinct keys");
});

test("non-finite params cannot be keyed", () => {
  assert.throws(() => trialKey({ ...base(), params: { lr: Number.NaN } }), /params\.lr is NaN/);
  assert.throws(() => trialKey({ ...base(), params: { lr: Infinity } }), /params\.lr is Infinity/);
});
