import { Graph } from "@dagrejs/graphlib";
import type { Diagnostic } from "../spec/diagnostic.js";
import type { InputSpec, NodeSpec, Pipeline } from "../spec/types.js";

type NodesOnly = { nodes: readonly Pick<NodeSpec, "name" | "inputs" | "loc">[] };

/** Edge label: the downstream node's input that makes the edge. */
export interface EdgeLabel {
  input: InputSpec;
}

/**
 * The DAG: one vertex per node (declaration order), one edge upstream -> downstream
 * per input (multigraph: edge name = input name). Inputs naming unknown nodes or
 * the node itself are left out (the spec reports them).
 */
export function buildGraph(pipeline: NodesOnly): Graph {
  const g = new Graph({ directed: true, multigraph: true });
  for (const n of pipeline.nodes) g.setNode(n.name, n);
  for (const n of pipeline.nodes) {
    for (const i of n.inputs) {
      if (i.node === n.name || !g.hasNode(i.node)) continue;
      g.setEdge(i.node, n.name, { input: i } satisfies EdgeLabel, i.name);
    }
  }
  return g;
}

function declIndex(pipeline: NodesOnly): Map<string, number> {
  return new Map(pipeline.nodes.map((n, i) => [n.name, i]));
}

/**
 * Execution order: a topological order that is stable (among nodes whose inputs are
 * all done, the earliest declared goes first). Throws if the graph has a cycle
 * (validated pipelines never do).
 */
export function topoOrder(pipeline: NodesOnly, graph: Graph = buildGraph(pipeline)): string[] {
  const idx = declIndex(pipeline);
  const indeg = new Map<string, number>();
  for (const n of pipeline.nodes) indeg.set(n.name, new Set((graph.predecessors(n.name) ?? []) as string[]).size);
  const ready = pipeline.nodes.filter((n) => indeg.get(n.name) === 0).map((n) => n.name);
  const order: string[] = [];
  while (ready.length) {
    ready.sort((a, b) => idx.get(a)! - idx.get(b)!);
    const n = ready.shift()!;
    order.push(n);
    for (const s of new Set((graph.successors(n) ?? []) as string[])) {
      const d = indeg.get(s)! - 1;
      indeg.set(s, d);
      if (d === 0) ready.push(s);
    }
  }
  if (order.length !== pipeline.nodes.length) throw new Error("the pipeline graph has a cycle");
  return order;
}

function reach(start: string, next: (n: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...next(start)];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...next(n));
  }
  seen.delete(start);
  return seen;
}

/** Every node downstream of `node` (not itself), in execution order. `--from NODE` runs node + these. */
export function descendants(graph: Graph, node: string, order?: string[]): string[] {
  const s = reach(node, (n) => (graph.successors(n) ?? []) as string[]);
  return (order ?? (graph.nodes() as string[])).filter((n) => s.has(n));
}

/** Every node upstream of `node` (not itself), in execution order. */
export function ancestors(graph: Graph, node: string, order?: string[]): string[] {
  const s = reach(node, (n) => (graph.predecessors(n) ?? []) as string[]);
  return (order ?? (graph.nodes() as string[])).filter((n) => s.has(n));
}

/** The nodes `--from NODE` selects: the node and all its descendants, in execution order. */
export function fromSelection(pipeline: Pipeline, node: string): string[] {
  const g = buildGraph(pipeline);
  const order = topoOrder(pipeline, g);
  const d = new Set(descendants(g, node, order));
  return order.filter((n) => n === node || d.has(n));
}

/**
 * Cycles, each as a closed path in data-flow order [a, b, c, a] (a feeds b, ...),
 * starting at its earliest-declared node; one per strongly connected component.
 */
export function findCycles(pipeline: NodesOnly, graph: Graph = buildGraph(pipeline)): string[][] {
  const idx = declIndex(pipeline);
  const out: string[][] = [];
  for (const comp of stronglyConnected(graph, pipeline.nodes.map((n) => n.name))) {
    if (comp.length === 1 && !((graph.successors(comp[0]!) ?? []) as string[]).includes(comp[0]!)) continue;
    const inComp = new Set(comp);
    const start = [...comp].sort((a, b) => idx.get(a)! - idx.get(b)!)[0]!;
    // BFS for the shortest path start -> ... -> start inside the component.
    const prev = new Map<string, string>();
    const succ = (n: string) =>
      [...new Set((graph.successors(n) ?? []) as string[])].filter((s) => inComp.has(s)).sort((a, b) => idx.get(a)! - idx.get(b)!);
    const queue = [start];
    const seen = new Set<string>([start]);
    let last: string | undefined;
    while (queue.length && last === undefined) {
      const n = queue.shift()!;
      for (const s of succ(n)) {
        if (s === start) {
          last = n;
          break;
        }
        if (!seen.has(s)) {
          seen.add(s);
          prev.set(s, n);
          queue.push(s);
        }
      }
    }
    if (last === undefined) continue;
    const path = [last];
    while (path[0] !== start) path.unshift(prev.get(path[0]!)!);
    out.push([...path, start]);
  }
  return out.sort((a, b) => idx.get(a[0]!)! - idx.get(b[0]!)!);
}

/** E_CYCLE diagnostics: `a -> b -> c -> a`, with the line of each edge. */
export function cycleDiagnostics(pipeline: NodesOnly): Diagnostic[] {
  const g = buildGraph(pipeline);
  return findCycles(pipeline, g).map((cyc) => {
    const edges = cyc.slice(0, -1).map((from, i) => {
      const to = cyc[i + 1]!;
      const label = g.edge({ v: from, w: to, name: edgeNames(g, from, to)[0] }) as EdgeLabel;
      return { from, to, input: label.input };
    });
    const first = edges[0]!;
    return {
      severity: "error" as const,
      code: "E_CYCLE",
      message: `cycle: ${cyc.join(" -> ")} (${edges.map((e) => `${e.from} -> ${e.to} at line ${e.input.loc.line}`).join(", ")})`,
      loc: first.input.loc,
      hint: "a node cannot depend on its own output, even indirectly: remove one of these inputs",
      related: edges.map((e) => ({ message: `"${e.to}" takes input "${e.input.name}" from "${e.from}"`, loc: e.input.loc })),
    };
  });
}

/**
 * Strongly connected components (Tarjan), iterative so a 10,000-node chain does not
 * overflow the stack (graphlib's alg.tarjan is recursive).
 */
export function stronglyConnected(graph: Graph, nodes: readonly string[]): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { v: string; succ: string[]; i: number }[] = [];
    const visit = (v: string) => {
      index.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
      work.push({ v, succ: [...new Set((graph.successors(v) ?? []) as string[])], i: 0 });
    };
    visit(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      if (top.i < top.succ.length) {
        const w = top.succ[top.i++]!;
        if (!index.has(w)) visit(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(top.v)!));
      if (low.get(top.v) === index.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        out.push(comp);
      }
    }
  }
  return out;
}

function edgeNames(g: Graph, v: string, w: string): (string | undefined)[] {
  return ((g.outEdges(v, w) ?? []) as { name?: string }[]).map((e) => e.name);
}
