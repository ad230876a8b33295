import * as path from "node:path";
import type { DatasetSpec, NodeSpec, Params, Pipeline } from "../spec/types.js";
import type { FinishedTrial, Sampler } from "../search/sampler.js";
import { createSampler, seedFor } from "../search/index.js";
import type { Executor } from "../executors/types.js";
import type { NewTrial, Store, TrialRow } from "../store/types.js";
import { canonicalJson, trialKey } from "../store/key.js";
import { getTask } from "../tasks/registry.js";
import type { TaskDecl } from "../tasks/types.js";
import type { CarriedParam, EngineEvent } from "./events.js";
import { receivedParams } from "./carry.js";
import { carriesOf } from "../spec/carried.js";
import { best, selectTrials, usable } from "./select.js";
import { runAttempt } from "./trial.js";
import { metricProblem } from "./metrics.js";
import { writeLockFile } from "./lockfile.js";
import { datasetKey, nodeDataset, type DatasetDigests } from "./datasets.js";
import { ancestors, buildGraph, topoOrder } from "../graph/graph.js";

export interface RunOptions {
  pipeline: Pipeline;
  store: Store;
  executor: Executor;
  /** Nodes to run; others only reuse cached results. Undefined = all. */
  runSet?: Set<string>;
  /** Nodes whose cache is bypassed. */
  force?: Set<string> | "all";
  backend: string;
  argv: string[];
  signal: AbortSignal;
  emit(e: EngineEvent): void;
  /** Content digests of the datasets the nodes read (digestDatasets, done before the run). */
  datasets: DatasetDigests;
  workerPath: string;
  /** Read-only: only look up cached results (nothing is run or recorded). For `plan`. */
  probe?: boolean;
  /** Per node, its declared deps' content digests (see deps.ts); part of every trial key. */
  deps?: Record<string, Record<string, string>>;
}

export type NodeStatus = "succeeded" | "failed" | "blocked" | "interrupted" | "skipped";

export interface NodeResult {
  node: string;
  status: NodeStatus;
  /** Final row per trial index (last attempt, or the cache hit). */
  trials: TrialRow[];
  /** Successful rows, candidates for downstream selection. */
  succeeded: TrialRow[];
  best: TrialRow | null;
  reason?: string;
}

export interface RunResult {
  runId: number;
  status: "succeeded" | "failed" | "interrupted";
  nodes: Record<string, NodeResult>;
  lockFile: string;
}

/** Task defaults + fixed params of a node (what every trial of it starts from). */
export function baseParams(task: TaskDecl, node: NodeSpec): Params {
  const out: Params = {};
  for (const [k, d] of Object.entries(task.params ?? {})) if (d.default !== undefined) out[k] = d.default;
  return { ...out, ...node.params };
}

function cartesian<T>(lists: T[][]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((a) => list.map((x) => [...a, x])), [[]]);
}

/** A single-trial "sampler" for nodes without a search block. */
const fixedSampler: Sampler = { kind: "grid", total: () => 1, requires: () => 0, propose: () => ({}) };

export async function runPipeline(o: RunOptions): Promise<RunResult> {
  const { pipeline: p, store, emit } = o;
  const byName = new Map(p.nodes.map((n) => [n.name, n]));
  const run = o.probe
    ? { id: 0 }
    : store.beginRun({
        pipelineFile: p.file,
        pipelineName: p.name,
        declaration: JSON.stringify(p),
        argv: o.argv,
      });
  const started = Date.now();
  const results = new Map<string, Promise<NodeResult>>();
  const datasetDigestOf = (ds: DatasetSpec | undefined): string | null => {
    if (!ds) return null;
    const d = o.datasets[datasetKey(ds)];
    if (d === undefined) throw new Error(`dataset ${ds.path ?? ds.format} was not digested before the run`);
    return d;
  };

  emit({
    type: "run-start",
    runId: run.id,
    pipeline: p.file,
    store: store.root,
    nodes: p.nodes.map((n) => ({ name: n.name, trials: plannedTrials(n), metric: n.metric, goal: n.goal, inputs: n.inputs.map((i) => i.node), task: n.task })),
    concurrency: o.executor.concurrency,
    backend: o.backend,
  });

  // Trials being executed, by key: a second trial with the same key waits and becomes a cache hit.
  const inflight = new Map<string, Promise<unknown>>();
  // --only / --from: nodes in the run set run; their ancestors only contribute cached results;
  // every other node is skipped.
  const needed = o.runSet ? new Set([...o.runSet].flatMap((n) => [n, ...ancestors(buildGraph(p), n)])) : undefined;
  const runNode = async (node: NodeSpec): Promise<NodeResult> => {
    if (needed && !needed.has(node.name)) {
      emit({ type: "node-end", node: node.name, status: "skipped", selected: [], best: null, reason: "not selected by --only/--from" });
      return { node: node.name, status: "skipped", trials: [], succeeded: [], best: null };
    }
    const ups = await Promise.all(node.inputs.map((i) => results.get(i.node)!));
    const task = getTask(node.task)!;
    const blocked = ups.find((u) => u.status !== "succeeded");
    if (blocked) {
      const status: NodeStatus = blocked.status === "interrupted" ? "interrupted" : "blocked";
      const reason = `input ${blocked.node} ${blocked.status}`;
      emit({ type: "node-end", node: node.name, status: status === "interrupted" ? "blocked" : status, selected: [], best: null, reason });
      return { node: node.name, status, trials: [], succeeded: [], best: null, reason };
    }
    try {
      return await runNodeTrials(o, run.id, node, task, ups, byName, datasetDigestOf(task.usesDataset ? nodeDataset(p, node) : undefined), inflight);
    } catch (e) {
      // A bug or a store failure in one node fails that node (and blocks its descendants), not the run.
      const reason = `internal error: ${(e as Error).message}`;
      emit({ type: "node-end", node: node.name, status: "failed", selected: [], best: null, reason });
      return { node: node.name, status: "failed", trials: [], succeeded: [], best: null, reason };
    }
  };

  for (const name of topoOrder(p)) {
    const node = byName.get(name)!;
    results.set(name, runNode(node));
  }
  const settled = await Promise.all([...results.values()]);
  const nodes = Object.fromEntries(settled.map((r) => [r.node, r]));
  if (o.probe) return { runId: 0, status: settled.every((r) => r.status === "succeeded") ? "succeeded" : "failed", nodes, lockFile: "" };
  for (const r of settled) if (r.best) store.saveSelection(run.id, { node: r.node, trialIds: [r.best.id] });

  const status: "succeeded" | "failed" | "interrupted" = o.signal.aborted
    ? "interrupted"
    : settled.every((r) => r.status === "succeeded" || r.status === "skipped")
      ? "succeeded"
      : "failed";
  const lockFile = writeLockFile(store, run.id, p, nodes, { backend: o.backend, datasets: o.datasets });
  store.finishRun(run.id, status, lockFile);
  emit({ type: "run-end", runId: run.id, status, lockFile, durationMs: Date.now() - started });
  return { runId: run.id, status, nodes, lockFile };
}


/** Trials a node will run when its inputs each select one trial. */
export function plannedTrials(n: NodeSpec): number {
  if (!n.search) return 1;
  const s = createSampler({ kind: n.search.sampler, space: n.search.space, seed: 0, goal: n.goal, trials: n.search.trials });
  return s.total();
}

const carriedValues = (st: { carried: Record<string, CarriedParam> }): Params =>
  Object.fromEntries(Object.entries(st.carried).map(([k, v]) => [k, v.value]));

interface Stream {
  combo: number;
  sampler: Sampler;
  fixed: Params;
  carried: Record<string, CarriedParam>;
  inputs: Record<string, TrialRow>;
}

async function runNodeTrials(
  o: RunOptions,
  runId: number,
  node: NodeSpec,
  task: TaskDecl,
  ups: NodeResult[],
  byName: Map<string, NodeSpec>,
  datasetDigest: string | null,
  inflight: Map<string, Promise<unknown>>,
): Promise<NodeResult> {
  const { pipeline: p, store, emit } = o;
  const runHere = !o.probe && (!o.runSet || o.runSet.has(node.name));
  const forced = o.force === "all" || (o.force?.has(node.name) ?? false);
  const dataset = task.usesDataset ? nodeDataset(p, node) : undefined;

  // Each combination of selected upstream trials is one search stream.
  const perInput = node.inputs.map((inp, k) => {
    const up = ups[k]!;
    const upNode = byName.get(inp.node)!;
    const cands = up.succeeded.map((r) => ({ ...r, value: r.value! }));
    return selectTrials(cands, upNode.goal, inp.select).map((r) => ({ inp, upNode, row: r as TrialRow }));
  });
  const combos = cartesian(perInput);
  const streams: Stream[] = combos.map((combo, c) => {
    const carried: Record<string, CarriedParam> = {};
    const inputs: Record<string, TrialRow> = {};
    for (const { inp, upNode, row } of combo) {
      Object.assign(
        carried,
        receivedParams({ node: upNode.name, index: row.index, params: row.params, carried: row.carried }, carriesOf(upNode), task, inp.name),
      );
      inputs[inp.name] = row;
    }
    const fixed = { ...baseParams(task, node), ...carriedValues({ carried }) };
    const sampler = node.search
      ? createSampler({
          kind: node.search.sampler,
          // random/tpe proposals must not depend on the order dimensions are written in
          // (a reformatted file stays all cache hits); grid enumerates in declaration order.
          space: node.search.sampler === "grid" ? node.search.space : [...node.search.space].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
          seed: seedFor(p.seed, node.name, "sampler", c),
          goal: node.goal,
          trials: node.search.trials,
          ...(node.search.startup ? { tpe: { nStartup: node.search.startup } } : {}),
        })
      : fixedSampler;
    return { combo: c, sampler, fixed, carried, inputs };
  });
  const total = streams.reduce((s, st) => s + st.sampler.total(), 0);
  emit({ type: "node-start", node: node.name, trials: total });

  const finals: TrialRow[] = [];
  let interrupted = false;
  let offset = 0;
  await Promise.all(
    streams.map((st) => {
      const base = offset;
      offset += st.sampler.total();
      return runStream(st, base);
    }),
  );

  async function runStream(st: Stream, base: number): Promise<void> {
    const n = st.sampler.total();
    const finished: (FinishedTrial | undefined)[] = new Array(n);
    let prefix = 0; // trials [0, prefix) are finished
    let next = 0;
    const running = new Set<Promise<void>>();
    let failure: unknown;
    await new Promise<void>((resolveAll, rejectAll) => {
      const pump = () => {
        try {
          while (prefix < n && finished[prefix]) prefix++;
          while (failure === undefined && next < n && !o.signal.aborted && st.sampler.requires(next) <= prefix) {
            const i = next++;
            const history = finished.slice(0, st.sampler.requires(i)) as FinishedTrial[];
            const sampled = st.sampler.propose(i, history);
            const pr = runTrial(st, base + i, sampled).then(
              (row) => {
                // (a cache hit without this node's metric has value null: a failure for the sampler too)
                finished[i] = { index: i, params: sampled, value: row && usable(row) ? row.value : null };
                running.delete(pr);
                pump();
              },
              (e: unknown) => {
                failure ??= e; // stop launching; the node fails once the running trials end
                running.delete(pr);
                pump();
              },
            );
            running.add(pr);
          }
        } catch (e) {
          failure ??= e;
        }
        // Nothing running after launching: every proposed trial is finished, so requires(next) <= prefix
        // and the loop above launched all it could. Done (or Ctrl-C, or an internal error).
        if (running.size === 0) {
          if (failure !== undefined) rejectAll(failure);
          else resolveAll();
        }
      };
      pump();
    });
  }

  async function runTrial(st: Stream, index: number, sampled: Params): Promise<TrialRow | null> {
    const params: Params = { ...st.fixed, ...sampled };
    // The seed derives from the root seed, the node and the trial's resolved params (a function
    // of its index and inputs) -- never from timing or concurrency -- so reordering a grid keeps it.
    const seed = seedFor(p.seed, node.name, canonicalJson(params));
    const inputDigests = Object.fromEntries(Object.entries(st.inputs).map(([k, r]) => [k, r.artifact!]));
    const key = trialKey({
      task: task.name,
      taskVersion: task.version,
      params,
      inputs: inputDigests,
      datasetDigest,
      seed,
      command: task.name === "shell" ? (node.command ?? null) : null,
      deps: o.deps?.[node.name],
    });
    const trial: NewTrial = {
      runId,
      node: node.name,
      index,
      attempt: 0,
      key,
      seed,
      params,
      carried: st.carried,
      inputs: Object.fromEntries(Object.entries(st.inputs).map(([k, r]) => [k, { trial: `${r.node}@${r.index}`, digest: r.artifact! }])),
    };
    if (!forced) {
      while (inflight.has(key)) await inflight.get(key);
      const hit = store.findSucceeded(key);
      if (hit) {
        // The node's metric is read again: it may not be the one in force when the trial ran.
        const problem = metricProblem(node.metric, hit.metrics ?? {});
        const value = problem ? null : hit.metrics![node.metric]!;
        const row = o.probe ? { ...hit, status: "cached" as const, index, value } : store.recordCacheHit(trial, hit, value);
        emit({ type: "trial-end", node: node.name, index, attempt: 0, outcome: problem ? "failed" : "cached", value, metrics: row.metrics, durationMs: 0, ...(problem ? { reason: `cached result: ${problem}` } : {}) });
        finals.push(problem ? { ...row, reason: `cached result: ${problem}` } : row);
        return row;
      }
    }
    if (!runHere) return null; // --only / --from: outside the run set, only cached results count
    const execution = execute();
    inflight.set(key, execution);
    try {
      return await execution;
    } finally {
      inflight.delete(key);
    }

    async function execute(): Promise<TrialRow | null> {
      const inputDirs = Object.fromEntries(Object.entries(st.inputs).map(([k, r]) => [k, store.artifactPath(r.artifact!)]));
      let last: TrialRow | null = null;
      for (let attempt = 0; attempt <= node.retries; attempt++) {
        if (o.signal.aborted) break;
        const t0 = Date.now();
        const outcome = await o.executor.slot(async () => {
          if (o.signal.aborted) return null; // never started: no ledger row
          return runAttempt(
              {
                node,
                task,
                trial: { ...trial, attempt },
                inputDirs,
                dataset,
                backend: o.backend,
                cwd: path.dirname(p.file),
                workerPath: o.workerPath,
                signal: o.signal,
                onProgress: (progress) => emit({ type: "trial-progress", node: node.name, index, progress }),
                // What tells this trial apart: its sampled and carried params (all of them are in the lock file).
                onStart: () => emit({ type: "trial-start", node: node.name, index, attempt, params: { ...sampled, ...carriedValues(st) } }),
              },
              store,
              o.executor,
            );
        });
        if (!outcome) break;
        last = outcome.row;
        const willRetry = outcome.row.status === "failed" && attempt < node.retries && !o.signal.aborted;
        emit({
          type: "trial-end",
          node: node.name,
          index,
          attempt,
          outcome: outcome.row.status === "running" ? "failed" : (outcome.row.status as "succeeded" | "failed" | "interrupted"),
          value: outcome.row.value,
          metrics: outcome.row.metrics,
          reason: outcome.row.reason ?? undefined,
          willRetry,
          durationMs: Date.now() - t0,
        });
        if (outcome.interrupted) {
          interrupted = true;
          break;
        }
        if (outcome.row.status === "succeeded") break;
      }
      if (last) finals.push(last);
      return last;
    }
  }

  finals.sort((a, b) => a.index - b.index);
  if (!runHere && !o.probe && finals.length < total && finals.length > 0) {
    emit({
      type: "warning",
      message: `${node.name}: only ${finals.length} of ${total} trials are cached and it is outside --only/--from; its selection uses those (run it to complete it)`,
    });
  }
  const succeeded = finals.filter(usable);
  const top = best(succeeded.map((r) => ({ ...r, value: r.value! })), node.goal) ?? null;
  let status: NodeStatus;
  let reason: string | undefined;
  if (succeeded.length > 0) status = "succeeded";
  else if (interrupted || o.signal.aborted) status = "interrupted";
  else {
    status = "failed";
    const failures = finals.filter((r) => r.status === "failed" || r.value === null);
    reason =
      runHere || failures.length
        ? [`0 of ${total} trials succeeded`, ...failures.map((r) => `  #${r.index}: ${(r.reason ?? "failed").split("\n")[0]}`)].join("\n")
        : `no cached results (the node is outside this run's --only/--from set: run it first)`;
  }
  emit({
    type: "node-end",
    node: node.name,
    status: status === "interrupted" ? "failed" : status,
    selected: top ? [top.index] : [],
    best: top?.value ?? null,
    reason,
  });
  return { node: node.name, status, trials: finals, succeeded, best: top as TrialRow | null, reason };
}

/** Per node, how many of its trials are already cached in `store` (read-only; for `plan`). */
export async function cachedCounts(
  pipeline: Pipeline,
  store: Store,
  datasets: DatasetDigests,
  deps?: RunOptions["deps"],
): Promise<Record<string, number>> {
  const none: Executor = {
    concurrency: 1,
    pending: 0,
    slot: () => Promise.reject(new Error("probe runs nothing")),
    run: () => Promise.reject(new Error("probe runs nothing")),
  };
  const r = await runPipeline({
    pipeline,
    store,
    executor: none,
    backend: "auto",
    argv: [],
    signal: new AbortController().signal,
    emit: () => {},
    datasets,
    workerPath: "",
    probe: true,
    deps,
  });
  return Object.fromEntries(Object.values(r.nodes).map((n) => [n.node, n.trials.filter((t) => t.status === "cached").length]));
}
