import type { Goal, Params, Select } from "../spec/types.js";

export interface Candidate {
  index: number;
  params: Params;
  value: number;
}

/** Better first; ties: lowest trial index wins (same at any concurrency, after resume, on a fresh store). */
export function compareCandidates(goal: Goal): (a: Candidate, b: Candidate) => number {
  return (a, b) => {
    if (a.value !== b.value) return goal === "maximize" ? b.value - a.value : a.value - b.value;
    return a.index - b.index;
  };
}

export function best<T extends Candidate>(cands: readonly T[], goal: Goal): T | undefined {
  return [...cands].sort(compareCandidates(goal))[0];
}

/** The trials an input edge takes from its upstream node's successful trials. */
export function selectTrials<T extends Candidate>(cands: readonly T[], goal: Goal, select: Select): T[] {
  const sorted = [...cands].sort(compareCandidates(goal));
  switch (select.kind) {
    case "best":
      return sorted.slice(0, 1);
    case "top":
      return sorted.slice(0, select.n);
    case "best_per": {
      const seen = new Set<string>();
      const out: T[] = [];
      for (const c of sorted) {
        const group = JSON.stringify(select.params.map((p) => c.params[p] ?? null));
        if (seen.has(group)) continue;
        seen.add(group);
        out.push(c);
      }
      // One per group; ordered by trial index so downstream indices do not depend on metric values.
      return out.sort((a, b) => a.index - b.index);
    }
  }
}

/** A trial whose result counts for its node: it succeeded (or was reused) and reported the node's metric. */
export function usable(r: { status: string; value: number | null }): boolean {
  return (r.status === "succeeded" || r.status === "cached") && r.value !== null;
}
