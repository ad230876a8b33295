import { DEFAULT_TPE } from "../search/tpe.js";
import type { Dimension, SamplerKind, Scalar } from "../search/space.js";
import { analyzeCarried, type CarriedSource } from "../spec/carried.js";
import { dimSize, dimText } from "../spec/spaceParse.js";
import { getTask } from "../tasks/registry.js";
import type { TaskDecl } from "../tasks/types.js";
import type { Goal, NodeSpec, Pipeline, Select } from "../spec/types.js";
import { buildGraph, topoOrder } from "./graph.js";

export interface PlanInput {
  name: string;
  node: string;
  select: Select;
  /** `best`, `top 3`, `best_per [embedding_size]` */
  selectText: string;
}

export interface PlanSearched {
  name: string;
  dim: Dimension;
  /** `[8, 16]`, `loguniform[0.0001, 0.01]` */
  text: string;
  /** Grid points; null for a continuous dimension. */
  size: number | null;
}

export interface PlanFixed {
  name: string;
  value: Scalar;
  /** Written in the node's params, or the task type's default. */
  source: "param" | "default";
}

export interface PlanCarried {
  /** Name as this node receives it. */
  name: string;
  /** Node where the value is set/searched/defaulted, and its name there. */
  origin: string;
  originParam: string;
  /** Input it arrives through, and that input's node. */
  input: string;
  from: string;
  source: CarriedSource;
  /** Known value (set or default upstream); absent when it depends on the selected trial. */
  value?: Scalar;
  /** Differs across this node's trials (best_per / top on a searched param). */
  perTrial: boolean;
}

/** Upstream selections that multiply a node's trials. */
export interface PlanMultiplier {
  input: string;
  node: string;
  kind: "top" | "best_per";
  params?: string[];
  /** Number of upstream trials each search runs against (an upper bound when !exact). */
  factor: number;
  exact: boolean;
}

export interface PlanNode {
  name: string;
  task: string;
  inputs: PlanInput[];
  sampler: SamplerKind | null;
  /** Trials of one search (grid: product of the dimensions; no search: 1). */
  searchTrials: number;
  /** Grid dimension sizes, in declaration order (for `grid 3 x 2 = 6`). */
  gridSizes?: number[];
  /** tpe: random startup trials before the model proposes. */
  startup?: number;
  multipliers: PlanMultiplier[];
  /** Trials this node runs: searchTrials x every multiplier's factor. The engine uses this. */
  trials: number;
  /** True when `trials` is an upper bound (best_per over a random/tpe upstream...). */
  upTo: boolean;
  searched: PlanSearched[];
  fixed: PlanFixed[];
  carried: PlanCarried[];
  metric: string;
  goal: Goal;
  retries: number;
  timeout?: number;
}

export interface Plan {
  name: string;
  file: string;
  /** Execution order (stable topological order). */
  order: string[];
  nodes: PlanNode[];
  totalTrials: number;
}

export function selectText(s: Select): string {
  switch (s.kind) {
    case "best":
      return "best";
    case "top":
      return `top ${s.n}`;
    case "best_per":
      return `best_per [${s.params.join(", ")}]`;
  }
}

function searchTrials(n: NodeSpec): { count: number; gridSizes?: number[] } {
  const s = n.search;
  if (!s) return { count: 1 };
  if (s.sampler === "grid") {
    const sizes = s.space.map((e) => dimSize(e.dim));
    return { count: sizes.reduce((a, b) => a * b, 1), gridSizes: sizes };
  }
  return { count: s.trials ?? 1 };
}

/**
 * What a run of this (validated) pipeline will do, as data: execution order, per-node
 * trial counts, fixed / searched / carried params. Pure; the CLI renders it.
 */
export function buildPlan(pipeline: Pipeline, lookup: (name: string) => TaskDecl | undefined = getTask): Plan {
  const graph = buildGraph(pipeline);
  const order = topoOrder(pipeline, graph);
  const an = analyzeCarried(pipeline, order, lookup);
  const byName = new Map(pipeline.nodes.map((n) => [n.name, n]));
  const planned = new Map<string, PlanNode>();

  for (const name of order) {
    const n = byName.get(name)!;
    const task = lookup(n.task);
    const own = searchTrials(n);
    const received = an.received.get(name) ?? [];
    const multipliers: PlanMultiplier[] = [];
    for (const i of n.inputs) {
      const up = planned.get(i.node);
      const upSpec = byName.get(i.node);
      if (!up || !upSpec) continue;
      if (i.select.kind === "top") {
        multipliers.push({ input: i.name, node: i.node, kind: "top", factor: Math.min(i.select.n, up.trials), exact: !up.upTo && i.select.n <= up.trials });
      } else if (i.select.kind === "best_per") {
        let groups = 1;
        let exact = up.sampler === "grid" && !up.upTo;
        for (const p of i.select.params) {
          const d = upSpec.search?.space.find((e) => e.name === p);
          const size = d ? dimSize(d.dim) : Infinity;
          if (!d) exact = false;
          groups *= size;
        }
        const factor = Math.min(groups, up.trials);
        if (factor !== groups) exact = false;
        multipliers.push({ input: i.name, node: i.node, kind: "best_per", params: [...i.select.params], factor, exact });
      }
    }
    const trials = multipliers.reduce((a, m) => a * m.factor, own.count);
    const searchedNames = new Set(n.search?.space.map((e) => e.name) ?? []);
    const receivedNames = new Set(received.map((r) => r.name));
    const fixed: PlanFixed[] = Object.entries(n.params).map(([k, v]) => ({ name: k, value: v, source: "param" as const }));
    for (const [k, decl] of Object.entries(task?.params ?? {})) {
      if (decl.default === undefined || k in n.params || searchedNames.has(k) || receivedNames.has(k)) continue;
      fixed.push({ name: k, value: decl.default, source: "default" });
    }
    const seen = new Set<string>();
    const carried: PlanCarried[] = [];
    for (const r of received) {
      if (seen.has(r.name)) continue;
      seen.add(r.name);
      carried.push({
        name: r.name,
        origin: r.origin,
        originParam: r.originParam,
        input: r.input,
        from: r.from,
        source: r.source,
        ...(r.value !== undefined ? { value: r.value } : {}),
        perTrial: r.varies,
      });
    }
    const pn: PlanNode = {
      name,
      task: n.task,
      inputs: n.inputs.map((i) => ({ name: i.name, node: i.node, select: i.select, selectText: selectText(i.select) })),
      sampler: n.search?.sampler ?? null,
      searchTrials: own.count,
      ...(own.gridSizes ? { gridSizes: own.gridSizes } : {}),
      ...(n.search?.sampler === "tpe" ? { startup: Math.min(n.search.startup ?? DEFAULT_TPE.nStartup, own.count) } : {}),
      multipliers,
      trials,
      upTo: multipliers.some((m) => !m.exact),
      searched: (n.search?.space ?? []).map((e) => ({ name: e.name, dim: e.dim, text: dimText(e.dim), size: Number.isFinite(dimSize(e.dim)) ? dimSize(e.dim) : null })),
      fixed,
      carried,
      metric: n.metric,
      goal: n.goal,
      retries: n.retries,
      ...(n.timeout !== undefined ? { timeout: n.timeout } : {}),
    };
    planned.set(name, pn);
  }
  const nodes = order.map((n) => planned.get(n)!);
  return { name: pipeline.name, file: pipeline.file, order, nodes, totalTrials: nodes.reduce((a, n) => a + n.trials, 0) };
}
