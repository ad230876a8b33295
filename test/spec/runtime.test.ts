/** Inputs that used to pass `validate` and then broke `run`. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { at, check, errs, HEAD, y } from "./helpers.js";

test("non-finite numbers anywhere: params, space values and bounds, dataset options, seed, timeout, retries", () => {
  const text = y`
    version: 1
    seed: .inf
    dataset: {format: synthetic, options: {rows: .nan}}
    defaults: {timeout: .inf}
    nodes:
      teacher:
        task: ctr.train
        params: {l2: .inf}
        retries: .inf
        search:
          sampler: random
          trials: 2
          space:
            learning_rate: {uniform: [0.001, .inf]}
            depth: [2, -.inf]
      s:
        task: shell
        command: echo {params.x}
        params: {x: -.inf}
        timeout: .nan
        search: {sampler: grid, space: {y: [1, .inf]}}
  `;
  assert.deepEqual(errs(text), [
    "E_NONFINITE@2:7",
    "E_NONFINITE@3:46",
    "E_NONFINITE@4:21",
    "E_NONFINITE@8:18",
    "E_NONFINITE@9:14",
    "E_NONFINITE@14:42",
    "E_NONFINITE@15:20",
    "E_NONFINITE@19:17",
    "E_NONFINITE@20:14",
    "E_NONFINITE@21:44",
  ]);
  const d = check(text).diagnostics[0]!;
  assert.match(d.message, /\.inf.*trial keys and scripts need finite numbers/);
  assert.ok(d.hint);
});

test("integers beyond Number.MAX_SAFE_INTEGER: int bounds and step, integer params, integer literals anywhere", () => {
  const text = y`
    version: 1
    seed: 9007199254740993
    dataset: {format: synthetic}
    nodes:
      teacher:
        task: ctr.train
        params: {epochs: 1.0e20}
        search:
          sampler: random
          trials: 2
          space:
            batch_size: {int: [0, 1.0e20]}
            depth: {int: [1, 3], step: 1.0e17}
            embedding_size: [8, 12345678901234567890]
      s:
        task: shell
        command: echo {params.x}
        params: {x: 12345678901234567890, y: 1.0e20}
  `;
  assert.deepEqual(errs(text), [
    "E_UNSAFE_INTEGER@2:7",
    "E_UNSAFE_INTEGER@7:22",
    "E_UNSAFE_INTEGER@12:31",
    "E_UNSAFE_INTEGER@13:36",
    "E_UNSAFE_INTEGER@14:29",
    "E_UNSAFE_INTEGER@18:17",
  ]);
  const d = check(text).diagnostics.find((x) => x.loc!.line === 18)!;
  assert.match(d.message, /12345678901234567890.*rounded to 12345678901234567000/);
  // the largest exact integer is fine
  assert.deepEqual(errs(HEAD + "    search: {sampler: random, trials: 2, space: {batch_size: {int: [1, 9007199254740991]}}}\n"), []);
});

test("a grid over more than 100,000 points is an error, computed without enumerating (10^16 points answers fast)", () => {
  const big = y`
    version: 1
    nodes:
      a:
        task: shell
        command: echo {params.x} {params.y}
        search:
          sampler: grid
          space: {x: {int: [1, 100000000]}, y: {int: [1, 100000000]}}
  `;
  const t0 = Date.now();
  const r = check(big);
  assert.ok(Date.now() - t0 < 2000);
  assert.deepEqual(at(r.diagnostics), ["E_GRID_TOO_LARGE@7:16"]);
  assert.match(r.diagnostics[0]!.message, /10000000000000000 points \(100000000 x 100000000\)/);
  assert.match(r.diagnostics[0]!.hint!, /random or tpe with trials/);
  // 100,000 points exactly is allowed
  assert.deepEqual(errs(big.replace("[1, 100000000]}, y: {int: [1, 100000000]", "[1, 1000]}, y: {int: [1, 100]")), []);
  assert.deepEqual(errs(big.replace("[1, 100000000]}, y: {int: [1, 100000000]", "[1, 1001]}, y: {int: [1, 100]")), ["E_GRID_TOO_LARGE@7:16"]);
  // overflowing to Infinity still answers
  const dims = Array.from({ length: 40 }, (_, i) => `d${i}: {int: [1, 1000000000]}`).join(", ");
  assert.deepEqual(errs(big.replace(/space: .*/, `space: {${dims}}`).replace("echo {params.x} {params.y}", "echo")), ["E_GRID_TOO_LARGE@7:16"]);
});

const SHELL = y`
  version: 1
  nodes:
    pre:
      task: shell
      command: python pre.py --dim {params.dim} --out {out}
      carries: [dim]
      params: {dim: 16}
    train:
      task: shell
      inputs: {pre: pre}
      params: {epochs: 3}
      search: {sampler: grid, space: {lr: [0.1, 0.01]}}
      command: CMD
`;
const shell = (cmd: string) => SHELL.replace("CMD", cmd);

test("command placeholders: {params.X} must be a param the node has (own, searched, carried in); {inputs.X} one of its inputs", () => {
  const ok = check(shell("python t.py --ckpt {inputs.pre} --dim {params.dim} --lr {params.lr} --epochs {params.epochs} --seed {seed} --trial {trial} --out {out} ${HOME} {a,b}"));
  assert.deepEqual(at(ok.diagnostics), []);
  const r = check(shell("python t.py --lr {params.lrr} --ckpt {inputs.pree} --x {params.nothing}"));
  assert.deepEqual(at(r.diagnostics), ["E_UNKNOWN_PLACEHOLDER@13:14", "E_UNKNOWN_PLACEHOLDER@13:14", "E_UNKNOWN_PLACEHOLDER@13:14"]);
  assert.match(r.diagnostics[0]!.message, /\{params\.lrr\}.*did you mean "lr"/);
  assert.match(r.diagnostics[1]!.message, /\{inputs\.pree\}.*did you mean "pre"/);
  assert.match(r.diagnostics[2]!.hint!, /dim/);
  // argv form: each element at its own position
  assert.deepEqual(errs(shell("[python, t.py, '{params.lr}', '{params.dimm}']")), ["E_UNKNOWN_PLACEHOLDER@13:44"]);
});

test("brace words that look like misspelt placeholders warn with did-you-mean", () => {
  const r = check(shell("python t.py --out {outt} --seed {sed} --lr {param.lr} --ckpt {input.pre} --t {Trial} ${outt} {x} {print}"));
  assert.deepEqual(at(r.diagnostics), Array(5).fill("W_SUSPICIOUS_PLACEHOLDER@13:14"));
  assert.deepEqual(
    r.diagnostics.map((d) => /did you mean "([^"]+)"/.exec(d.message)![1]),
    ["{out}", "{seed}", "{params.lr}", "{inputs.pre}", "{trial}"],
  );
  assert.ok(r.pipeline, "warnings only");
  assert.deepEqual(at(check(shell("echo {param.zz}")).diagnostics), ["W_SUSPICIOUS_PLACEHOLDER@13:14"]);
});

test("carries: a param the shell node does not have (not set, searched or received)", () => {
  const text = y`
    version: 1
    nodes:
      a:
        task: shell
        command: echo {params.dim}
        params: {dim: 8}
        carries: [dim, nothere, dimm]
      b:
        task: shell
        inputs: {a: a}
        command: echo {params.dim}
        carries: [dim]
  `;
  const r = check(text);
  assert.deepEqual(at(r.diagnostics), ["E_UNKNOWN_CARRIED@7:20", "E_UNKNOWN_CARRIED@7:29"]);
  assert.match(r.diagnostics[1]!.message, /did you mean "dim"/);
  // b receives dim from a, so it may carry it on
  assert.deepEqual(errs(text.replace("dim, nothere, dimm", "dim")), []);
});

test("two input names mapping to one DAGTUNE_INPUT_<NAME> variable: error at the second, note at the first", () => {
  const text = y`
    version: 1
    nodes:
      a: {task: shell, command: echo}
      b:
        task: shell
        command: echo {inputs.my-ckpt} {inputs.my_ckpt}
        inputs:
          my-ckpt: a
          other: a
          my_ckpt: a
          My-Ckpt: a
  `;
  const r = check(text);
  assert.deepEqual(at(r.diagnostics), ["E_INPUT_ENV_COLLISION@10:7", "E_INPUT_ENV_COLLISION@11:7"]);
  assert.match(r.diagnostics[0]!.message, /DAGTUNE_INPUT_MY_CKPT/);
  assert.deepEqual(r.diagnostics[0]!.related!.map((x) => `${x.loc.line}:${x.loc.col}`), ["8:7"]);
});

test("ctr.* param ranges (what the runners accept): fixed params, choice values and range bounds", () => {
  const text = y`
    version: 1
    dataset: {format: synthetic}
    nodes:
      teacher:
        task: ctr.train
        params: {epochs: 0, batch_size: -1, depth: 0, patience: -1, l2: -0.1}
        search:
          sampler: random
          trials: 3
          space:
            learning_rate: {uniform: [0, 0.1]}
            embedding_size: {int: [0, 16]}
      distill:
        task: ctr.distill
        inputs: {teacher: teacher}
        params: {alpha: -1}
        search: {sampler: grid, space: {beta: [1, -0.5], learning_rate: [0.01, 0]}}
  `;
  assert.deepEqual(errs(text), [
    "E_PARAM_RANGE@6:22",
    "E_PARAM_RANGE@6:37",
    "E_PARAM_RANGE@6:48",
    "E_PARAM_RANGE@6:61",
    "E_PARAM_RANGE@6:69",
    "E_PARAM_RANGE@11:35",
    "E_PARAM_RANGE@12:32",
    "E_PARAM_RANGE@16:21",
    "E_PARAM_RANGE@17:47",
    "E_PARAM_RANGE@17:76",
  ]);
  const r = check(text).diagnostics;
  assert.match(r[0]!.message, /"epochs" must be >= 1, got 0/);
  assert.match(r.find((d) => d.loc!.line === 11)!.message, /must be > 0, got 0/);
  // the boundaries themselves are fine
  assert.deepEqual(errs(text.replace("{epochs: 0, batch_size: -1, depth: 0, patience: -1, l2: -0.1}", "{epochs: 1, batch_size: 1, depth: 1, patience: 0, l2: 0}").replace("[0, 0.1]", "[1.0e-9, 0.1]").replace("[0, 16]", "[1, 16]").replace("alpha: -1", "alpha: 0").replace("[1, -0.5]", "[1, 0]").replace("[0.01, 0]", "[0.01, 1]")), []);
});

test("best_per: did-you-mean for a param not searched upstream; a repeated param is an error; top N beyond the upstream's trials warns", () => {
  const text = y`
    version: 1
    nodes:
      a:
        task: shell
        command: echo {params.dim} {params.lr}
        carries: [dim, lr]
        search: {sampler: grid, space: {dim: [8, 16], lr: [0.1, 0.01]}}
      b:
        task: shell
        command: echo
        inputs:
          a: {node: a, select: SELECT}
  `;
  const sel = (s: string) => check(text.replace("SELECT", s));
  const r = sel("{best_per: [dimm]}");
  assert.deepEqual(at(r.diagnostics), ["E_BEST_PER_NOT_SEARCHED@12:40"]);
  assert.match(r.diagnostics[0]!.message, /did you mean "dim"/);
  const rep = sel("{best_per: [lr, dim, lr]}");
  assert.deepEqual(at(rep.diagnostics), ["E_BAD_SELECT@12:49"]);
  assert.deepEqual(rep.diagnostics[0]!.related!.map((x) => `${x.loc.line}:${x.loc.col}`), ["12:40"]);
  const top = sel("{top: 5}");
  assert.deepEqual(at(top.diagnostics), ["W_TOP_EXCEEDS_TRIALS@12:34"]);
  assert.match(top.diagnostics[0]!.message, /top 5 .* runs 4 trials/);
  assert.ok(top.pipeline);
  assert.deepEqual(at(sel("{top: 4}").diagnostics), []);
});

test("a YAML merge key <<: the error points at the key and hints that YAML 1.2 has no merge keys", () => {
  const text = y`
    version: 1
    dataset: {format: synthetic}
    nodes:
      base: {task: ctr.train, params: &base {epochs: 2, batch_size: 64}}
      teacher:
        task: ctr.train
        params:
          <<: *base
          depth: 2
      t:
        <<: {task: shell, command: echo}
      s:
        task: shell
        command: echo {params.a}
        params: {<<: 1, a: 2}
  `;
  const r = check(text);
  assert.deepEqual(at(r.diagnostics), ["E_TYPE@8:7", "E_MISSING_FIELD@10:3", "E_UNKNOWN_FIELD@11:5", "E_MERGE_KEY@15:14"]);
  for (const i of [0, 2, 3]) assert.match(r.diagnostics[i]!.hint!, /YAML 1\.2 has no merge keys/);
  // a quoted "<<" is an ordinary key, said so
  assert.deepEqual(errs(text.replace("<<: 1, ", '"<<": 1, ')), ["E_TYPE@8:7", "E_MISSING_FIELD@10:3", "E_UNKNOWN_FIELD@11:5"]);
});
