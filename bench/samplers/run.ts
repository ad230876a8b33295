/**
 * dagtune sampler benchmark: dagtune TPE and random vs Optuna 3.1 TPE (results read
 * from the JSON written by optuna_tpe.py). Prints the median [q1, q3] best-found regret
 * at budgets 20/50/100 over the seeds, the ratio dagtune TPE / Optuna TPE, and the time
 * of one TPE suggestion with 1,000 finished trials.
 *
 *   node dist/bench/samplers/run.js [--optuna FILE] [--seeds 20] [--budget 100] [--variants]
 * (bench/samplers.sh builds, runs Optuna, then this.)
 */
import { readFileSync, existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createSampler, type CreateSamplerOptions } from "../../src/search/index.js";
import type { FinishedTrial } from "../../src/search/sampler.js";
import type { TpeOptions } from "../../src/search/tpe.js";
import { FUNCTIONS, type BenchFunction } from "./functions.js";

const BUDGETS = [20, 50, 100];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Drive a sampler in index order; each proposal sees exactly the trials its requires() allows. */
function bestCurve(fn: BenchFunction, opts: CreateSamplerOptions, budget: number): number[] {
  const sampler = createSampler({ ...opts, trials: budget });
  const history: FinishedTrial[] = [];
  const curve: number[] = [];
  let best = Infinity;
  for (let i = 0; i < budget; i++) {
    const req = sampler.requires(i);
    const params = sampler.propose(i, history.slice(0, req));
    const value = fn.f(params);
    history.push({ index: i, params, value });
    best = Math.min(best, value);
    curve.push(best);
  }
  return curve;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

interface Stats {
  median: number;
  q1: number;
  q3: number;
}
function stats(values: number[]): Stats {
  const s = values.slice().sort((a, b) => a - b);
  return { median: quantile(s, 0.5), q1: quantile(s, 0.25), q3: quantile(s, 0.75) };
}

const fmt = (x: number): string => (x === 0 ? "0" : Math.abs(x) >= 0.01 ? x.toFixed(3) : x.toExponential(1));
const cell = (s: Stats): string => `${fmt(s.median)} [${fmt(s.q1)}, ${fmt(s.q3)}]`;

function regretsAt(curves: number[][], optimum: number, budget: number): number[] {
  return curves.map((c) => Math.max(0, c[budget - 1]! - optimum));
}

function runSeeds(fn: BenchFunction, seeds: number, budget: number, kind: "tpe" | "random", tpe?: Partial<TpeOptions>): number[][] {
  const curves: number[][] = [];
  const offset = Number(arg("--seed-offset") ?? 0);
  for (let seed = offset; seed < offset + seeds; seed++) {
    curves.push(bestCurve(fn, { kind, space: fn.space, seed, goal: "minimize", tpe }, budget));
  }
  return curves;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

/** CPU time of this process in ms (robust to other processes on a shared machine). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function timeSuggestion(fn: BenchFunction, tpe?: Partial<TpeOptions>): { firstMs: number; batchMeanMs: number } {
  const n = 1000;
  const rnd = createSampler({ kind: "random", space: fn.space, seed: 7, goal: "minimize", trials: n });
  const history: FinishedTrial[] = [];
  for (let i = 0; i < n + 8; i++) {
    const params = rnd.propose(i, []);
    history.push({ index: i, params, value: fn.f(params) });
  }
  const reps = 30;
  let first = 0, batch = 0, batchCalls = 0;
  for (let r = 0; r < reps; r++) {
    const s = createSampler({ kind: "tpe", space: fn.space, seed: r, goal: "minimize", trials: n + 8, tpe });
    // an index whose batch starts at >= 1000 finished trials
    let start = n;
    while (s.requires(start) !== start) start++;
    const hist = history.slice(0, start);
    let t0 = cpuMs();
    s.propose(start, hist);
    first += cpuMs() - t0;
    // the rest of that batch on the same sampler (memoised liar proposals)
    t0 = cpuMs();
    let k = start + 1;
    while (s.requires(k) === start) {
      s.propose(k, hist);
      k++;
      batchCalls++;
    }
    batch += cpuMs() - t0;
  }
  return { firstMs: first / reps, batchMeanMs: batchCalls ? batch / batchCalls : 0 };
}

function main(): void {
  const seeds = Number(arg("--seeds") ?? 20);
  const budget = Number(arg("--budget") ?? 100);
  const optunaFile = arg("--optuna") ?? "bench/samplers/results/optuna.json";
  const only = arg("--only");
  // --optuna a.json,b.json merges several Optuna runs (e.g. seeds 0-39 and 40-79)
  type OptunaResult = { version: string; best: Record<string, number[][]>; suggest_ms_at_1000?: number };
  const optunaFiles = optunaFile.split(",").filter((f) => existsSync(f));
  const optuna: OptunaResult | null = optunaFiles.length
    ? optunaFiles
        .map((f) => JSON.parse(readFileSync(f, "utf8")) as OptunaResult)
        .reduce((a, b) => ({
          version: a.version,
          suggest_ms_at_1000: a.suggest_ms_at_1000,
          best: Object.fromEntries(Object.keys(a.best).map((k) => [k, [...a.best[k]!, ...(b.best[k] ?? [])]])),
        }))
    : null;
  // --variants '[["label", {TpeOptions...}], ...]' adds rows for other TPE settings (used to tune the defaults)
  // ("gammaFraction": f stands for gamma(n) = min(ceil(f n), 25))
  const variants = (JSON.parse(arg("--variants") ?? "[]") as [string, Partial<TpeOptions> & { gammaFraction?: number }][]).map(
    ([label, v]): [string, Partial<TpeOptions>] => {
      const { gammaFraction, ...rest } = v;
      return [label, gammaFraction === undefined ? rest : { ...rest, gamma: (n: number) => Math.min(Math.ceil(gammaFraction * n), 25) }];
    },
  );
  const optunaSeeds = optuna ? Math.min(...Object.values(optuna.best).map((r) => r.length)) : 0;
  console.log(
    `dagtune sampler benchmark: best-found regret median [q1, q3]; dagtune ${seeds} seeds` +
      (optuna ? `, Optuna ${optuna.version} TPE ${optunaSeeds} seeds (${optunaFile})` : "; no Optuna results (run bench/samplers.sh)"),
  );
  const header = `${pad("function", 10)} ${pad("budget", 6)} ${pad("optuna TPE", 26)} ${pad("dagtune TPE", 26)} ${pad("dagtune random", 26)} TPE/optuna  TPE/random`;
  console.log(header);
  console.log("-".repeat(header.length));
  const t0 = performance.now();
  for (const fn of FUNCTIONS) {
    if (only && fn.name !== only) continue;
    const tpe = runSeeds(fn, seeds, budget, "tpe");
    const rnd = runSeeds(fn, seeds, budget, "random");
    const opt = optuna?.best[fn.name];
    for (const b of BUDGETS) {
      if (b > budget) continue;
      const t = stats(regretsAt(tpe, fn.optimum, b));
      const r = stats(regretsAt(rnd, fn.optimum, b));
      const o = opt ? stats(regretsAt(opt, fn.optimum, b)) : null;
      const ratio = (a: number, c: number): string => (c > 0 ? (a / c).toFixed(2) : a === 0 ? "1.00" : "inf");
      console.log(
        `${pad(fn.name, 10)} ${pad(String(b), 6)} ${pad(o ? cell(o) : "-", 26)} ${pad(cell(t), 26)} ${pad(cell(r), 26)} ${pad(o ? ratio(t.median, o.median) : "-", 11)} ${ratio(t.median, r.median)}`,
      );
    }
    for (const [label, v] of variants) {
      const curves = runSeeds(fn, seeds, budget, "tpe", v);
      const cells = BUDGETS.filter((b) => b <= budget).map((b) => {
        const s = stats(regretsAt(curves, fn.optimum, b));
        const o = opt ? stats(regretsAt(opt, fn.optimum, b)) : null;
        return `${b}: ${cell(s)}${o && o.median > 0 ? ` (${(s.median / o.median).toFixed(2)})` : ""}`;
      });
      console.log(`    variant ${pad(label, 14)} ${cells.join("   ")}`);
    }
  }
  const elapsed = (performance.now() - t0) / 1000;
  const h6 = FUNCTIONS.find((f) => f.name === "hartmann6")!;
  const mx = FUNCTIONS.find((f) => f.name === "mixed4")!;
  const th = timeSuggestion(h6);
  const tm = timeSuggestion(mx);
  console.log("");
  console.log(`TPE suggestion with 1,000 finished trials, CPU time (hartmann6, 6 continuous dims): first of a batch ${th.firstMs.toFixed(2)} ms, rest of batch ${th.batchMeanMs.toFixed(2)} ms each` +
    (optuna?.suggest_ms_at_1000 !== undefined ? `; Optuna ${optuna.suggest_ms_at_1000.toFixed(1)} ms (ratio ${(th.firstMs / optuna.suggest_ms_at_1000).toFixed(3)})` : ""));
  console.log(`TPE suggestion with 1,000 finished trials, CPU time (mixed4, log/int-step/choice/uniform): first of a batch ${tm.firstMs.toFixed(2)} ms, rest of batch ${tm.batchMeanMs.toFixed(2)} ms each`);
  console.log(`dagtune runs took ${elapsed.toFixed(1)} s`);
}

main();
