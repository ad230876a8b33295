/**
 * Test helper (no tests here): a small simulated scheduler that drives a Sampler the way
 * the engine does — up to `concurrency` trials at once, a trial starts only once the
 * trials below requires(i) have finished, and trials finish in a pseudo-random order.
 */
import type { FinishedTrial, Sampler } from "../../src/search/sampler.js";
import type { Params } from "../../src/search/space.js";
import { Rng } from "../../src/search/rng.js";

export interface SimOptions {
  concurrency: number;
  /** Seed of the simulated durations (finish order). */
  orderSeed: number;
  /** Shuffle the history passed to propose (order must not matter). */
  shuffleHistory?: boolean;
  /** Trials already finished (e.g. from an earlier, shorter run). */
  initial?: FinishedTrial[];
}

export function simulate(
  sampler: Sampler,
  objective: (p: Params) => number | null,
  opts: SimOptions,
): { trials: FinishedTrial[]; finishOrder: number[] } {
  const total = sampler.total();
  const rng = new Rng(opts.orderSeed);
  const finished = new Map<number, FinishedTrial>();
  for (const t of opts.initial ?? []) finished.set(t.index, t);
  const running: { index: number; params: Params; end: number }[] = [];
  const finishOrder: number[] = [];
  let next = 0;
  let clock = 0;
  const ready = (i: number): boolean => {
    const req = sampler.requires(i);
    for (let k = 0; k < req; k++) if (!finished.has(k)) return false;
    return true;
  };
  while (finished.size < total) {
    while (next < total && finished.has(next)) next++;
    if (next < total && running.length < opts.concurrency && ready(next)) {
      const req = sampler.requires(next);
      let history = [...finished.values()].filter((t) => t.index < req);
      if (opts.shuffleHistory) {
        history = history
          .map((t) => ({ t, k: rng.next() }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.t);
      } else {
        history.sort((a, b) => a.index - b.index);
      }
      const params = sampler.propose(next, history);
      running.push({ index: next, params, end: clock + 1 + rng.next() * 10 });
      next++;
      continue;
    }
    if (running.length === 0) throw new Error(`scheduler stuck at trial ${next}`);
    running.sort((a, b) => a.end - b.end);
    const done = running.shift()!;
    clock = done.end;
    finished.set(done.index, { index: done.index, params: done.params, value: objective(done.params) });
    finishOrder.push(done.index);
  }
  const trials = [...finished.values()].sort((a, b) => a.index - b.index);
  return { trials, finishOrder };
}

/** Run in index order, one at a time. */
export function sequential(sampler: Sampler, objective: (p: Params) => number | null, n = sampler.total()): FinishedTrial[] {
  const out: FinishedTrial[] = [];
  for (let i = 0; i < n; i++) {
    const params = sampler.propose(i, out.slice(0, sampler.requires(i)));
    out.push({ index: i, params, value: objective(params) });
  }
  return out;
}
