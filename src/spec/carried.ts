import { getTask, receivedAs } from "../tasks/registry.js";
import type { TaskDecl } from "../tasks/types.js";

type TaskLookup = (name: string) => TaskDecl | undefined;
import type { NodeSpec, Pipeline, Scalar } from "./types.js";

/** How a carried param got its value at the node where it originates. */
export type CarriedSource = "param" | "searched" | "default" | "unset";

/** A param a node's artifact carries downstream. */
export interface CarriedOut {
  /** Name at this node. */
  name: string;
  /** Node where the value is set, searched or defaulted. */
  origin: string;
  /** Its name at the origin (differs when renamed by receiveAs on the way). */
  originParam: string;
  source: CarriedSource;
  /** Known value (param / default); searched values are known per trial only. */
  value?: Scalar;
  /** Varies across the selected upstream trials a downstream node receives (top N / best_per). */
  varies: boolean;
}

/** A param a node receives, fixed, from one of its inputs. */
export interface Received extends CarriedOut {
  /** Input name and the node it comes from. */
  input: string;
  from: string;
}

export interface CarriedAnalysis {
  /** node -> params it receives (in input, then carried-list order). */
  received: Map<string, Received[]>;
  /** node -> params its artifact carries. */
  out: Map<string, CarriedOut[]>;
}

/** Carried params of a node: its task's list, then its own `carries`. */
export function carriesOf(node: Pick<NodeSpec, "task" | "carries">, lookup: TaskLookup = getTask): string[] {
  const t = lookup(node.task);
  return [...new Set([...(t?.carries ?? []), ...node.carries])];
}

/** Does node `n` produce trials that differ in param `p` (searched, or received varying)? */
function variesIn(n: NodeSpec, p: string, received: Received[] | undefined): boolean {
  if (n.search?.space.some((e) => e.name === p)) return true;
  return received?.some((r) => r.name === p && r.varies) ?? false;
}

/**
 * Propagate carried params along the DAG, in `order` (a topological order).
 * Received params keep their origin: finetune receives `embedding_size` from distill
 * with origin `teacher` when distill received it from teacher.
 */
export function analyzeCarried(pipeline: Pick<Pipeline, "nodes">, order: readonly string[], lookup: TaskLookup = getTask): CarriedAnalysis {
  const byName = new Map(pipeline.nodes.map((n) => [n.name, n]));
  const received = new Map<string, Received[]>();
  const out = new Map<string, CarriedOut[]>();
  for (const name of order) {
    const n = byName.get(name);
    if (!n) continue;
    const task = lookup(n.task);
    const rec: Received[] = [];
    for (const inp of n.inputs) {
      const up = byName.get(inp.node);
      const upOut = out.get(inp.node);
      if (!up || !upOut) continue;
      for (const c of upOut) {
        const target = task ? receivedAs(task, inp.name, c.name) : c.name;
        if (target === null) continue;
        const varies = inp.select.kind !== "best" && variesIn(up, c.name, received.get(up.name));
        rec.push({ ...c, name: target, input: inp.name, from: inp.node, varies });
      }
    }
    received.set(name, rec);
    const carried: CarriedOut[] = [];
    for (const p of carriesOf(n, lookup)) {
      const r = rec.find((x) => x.name === p);
      if (r) {
        carried.push({ name: p, origin: r.origin, originParam: r.originParam, source: r.source, ...(r.value !== undefined ? { value: r.value } : {}), varies: r.varies });
      } else if (Object.prototype.hasOwnProperty.call(n.params, p)) {
        carried.push({ name: p, origin: name, originParam: p, source: "param", value: n.params[p]!, varies: false });
      } else if (n.search?.space.some((e) => e.name === p)) {
        carried.push({ name: p, origin: name, originParam: p, source: "searched", varies: true });
      } else {
        const d = task?.params?.[p]?.default;
        carried.push(
          d !== undefined
            ? { name: p, origin: name, originParam: p, source: "default", value: d, varies: false }
            : { name: p, origin: name, originParam: p, source: "unset", varies: false },
        );
      }
    }
    out.set(name, carried);
  }
  return { received, out };
}

/** Whether `node`'s trials differ in `param` (for best_per checks and plan counts). */
export function nodeVaries(analysis: CarriedAnalysis, node: NodeSpec, param: string): boolean {
  return variesIn(node, param, analysis.received.get(node.name));
}
