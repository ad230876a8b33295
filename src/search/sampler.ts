import type { Goal, Params, SamplerKind, Space } from "./space.js";

/** A finished trial as a sampler sees it (read-only). value null = failed / no metric. */
export interface FinishedTrial {
  readonly index: number;
  readonly params: Readonly<Params>;
  readonly value: number | null;
}

export interface SamplerOptions {
  kind: SamplerKind;
  space: Space;
  /** Seed for this node's search (already derived from root seed + node name). */
  seed: number;
  goal: Goal;
  /** Requested trial count (random/tpe); grid uses the product of its dimensions. */
  trials?: number;
}

/**
 * Ask/tell sampler seam. Pure: no storage, files, timing.
 * Determinism contract: propose(i, history) depends only on the finished trials
 * with index < requires(i); the engine guarantees those are all finished (succeeded
 * or failed) and passes exactly them, so params are the same at any concurrency.
 */
export interface Sampler {
  readonly kind: SamplerKind;
  /** Total number of trials this search wants. */
  total(): number;
  /** How many lowest-index trials must be finished before trial `index` can be proposed. */
  requires(index: number): number;
  /** Propose params for trial `index`, given finished trials with index < requires(index). */
  propose(index: number, history: readonly FinishedTrial[]): Params;
}
