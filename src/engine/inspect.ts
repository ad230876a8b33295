import type { Pipeline } from "../spec/types.js";
import type { RunRow, Store, TrialRow } from "../store/types.js";
import type { ShowTrial, ShowView, StatusNode, StatusView } from "../report/views.js";
import { best, usable } from "./select.js";
import { pidExists } from "../store/proc.js";
import { plannedTrials } from "./run.js";

/** The final row of each trial index of a node in a run: its last attempt (or its cache hit). */
export function finalRows(rows: readonly TrialRow[], node: string): TrialRow[] {
  const byIndex = new Map<number, TrialRow>();
  for (const r of rows) {
    if (r.node !== node) continue;
    const prev = byIndex.get(r.index);
    if (!prev || r.attempt > prev.attempt || (r.attempt === prev.attempt && r.id > prev.id)) byIndex.set(r.index, r);
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}


function declared(run: RunRow): Pipeline {
  return JSON.parse(run.declaration) as Pipeline;
}

/** `dagtune status`: the last run, per node trials done / failed / cached / running, best so far. */
export function statusView(store: Store, run: RunRow): StatusView {
  const p = declared(run);
  // A run still marked running whose orchestrator is gone (kill -9, power loss) crashed; the next
  // `dagtune run` records that. Its "running" trials are not running any more.
  const crashed = run.status === "running" && !pidExists(run.pid);
  if (crashed) run = { ...run, status: "crashed" };
  const rows = store.trialsOfRun(run.id);
  const nodes: StatusNode[] = p.nodes.map((n) => {
    const fin = finalRows(rows, n.name);
    const succ = fin.filter(usable);
    const b = best(succ.map((r) => ({ ...r, value: r.value! })), n.goal);
    const count = (s: string) => fin.filter((r) => (crashed && r.status === "running" ? "interrupted" : r.status) === s).length;
    const running = count("running");
    const failed = count("failed");
    let status: string;
    if (running) status = "running";
    else if (fin.length === 0) status = run.status === "running" ? "waiting" : "blocked";
    else if (succ.length) status = "succeeded";
    else if (count("interrupted")) status = "interrupted";
    else status = "failed";
    return {
      name: n.name,
      status,
      metric: n.metric,
      goal: n.goal,
      // Known up front unless an input selects several upstream trials (top N / best_per).
      total: n.inputs.every((i) => i.select.kind === "best") ? Math.max(plannedTrials(n), fin.length) : fin.length || null,
      done: fin.length - running,
      succeeded: count("succeeded"),
      failed,
      cached: count("cached"),
      running,
      best: b ? { index: b.index, value: b.value } : null,
      reason: status === "failed" ? `0 of ${fin.length} trials succeeded` : undefined,
    };
  });
  return {
    runId: run.id,
    pipeline: run.pipelineFile,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    store: store.root,
    lockFile: run.lockFile,
    nodes,
  };
}

function showTrial(store: Store, r: TrialRow): ShowTrial {
  const from = r.cachedFrom !== null ? store.getTrial(r.cachedFrom) : undefined;
  return {
    index: r.index,
    value: r.value,
    status: r.status,
    seed: r.seed,
    params: r.params,
    carried: r.carried,
    metrics: r.metrics ?? {},
    artifact: r.artifact ? store.artifactPath(r.artifact) : null,
    cachedFrom: from ? `run ${from.runId}, ${from.node}@${from.index}` : undefined,
    logs: store.logPaths(from?.id ?? r.id),
  };
}

/** `dagtune show NODE`: the node's selected trial(s) in a run, or undefined if the run has no such node. */
export function showView(store: Store, run: RunRow, node: string): ShowView | undefined {
  const p = declared(run);
  const n = p.nodes.find((x) => x.name === node);
  if (!n) return undefined;
  const rows = finalRows(store.trialsOfRun(run.id), node);
  const sel = store.selectionsOfRun(run.id).find((s) => s.node === node);
  const selected = (sel?.trialIds ?? []).map((id) => store.getTrial(id)).filter((r): r is TrialRow => !!r);
  const st = statusView(store, run).nodes.find((x) => x.name === node)!;
  return {
    runId: run.id,
    node,
    task: n.task,
    status: st.status,
    metric: n.metric,
    goal: n.goal,
    selected: selected.map((r) => showTrial(store, r)),
    reason: rows.length && !rows.some(usable) ? st.reason : undefined,
  };
}
