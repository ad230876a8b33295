import type { NodeSpec, Params, Pipeline } from "../spec/types.js";
import type { RunResult } from "./run.js";
import type { RunSummary } from "../report/summary.js";

function shownParams(n: NodeSpec, params: Params, carried: Record<string, unknown>): Params {
  const searched = new Set(n.search?.space.map((e) => e.name) ?? []);
  return Object.fromEntries(Object.entries(params).filter(([k]) => searched.has(k) || k in carried));
}

/** Plain data for the end-of-run summary, from the run's result. */
export function summarize(p: Pipeline, r: RunResult, storeDir: string, durationMs: number, rerunCommand: string): RunSummary {
  let failedTrials = 0;
  const nodes = p.nodes.map((n) => {
    const res = r.nodes[n.name]!;
    const failed = res.trials.filter((t) => t.status === "failed").length;
    failedTrials += failed;
    const b = res.best;
    const testMetrics = b?.metrics ? Object.fromEntries(Object.entries(b.metrics).filter(([k]) => k.startsWith("test."))) : undefined;
    return {
      name: n.name,
      status: res.status,
      metric: n.metric,
      goal: n.goal,
      // The params that tell trials apart (searched) and the carried ones; fixed params are in the file.
      selected: b ? { index: b.index, value: b.value!, params: shownParams(n, b.params, b.carried), carried: b.carried } : null,
      ran: res.trials.filter((t) => t.status !== "cached").length,
      cached: res.trials.filter((t) => t.status === "cached").length,
      failed,
      total: res.trials.length,
      testMetrics: testMetrics && Object.keys(testMetrics).length ? testMetrics : undefined,
      reason: res.reason,
    };
  });
  return {
    runId: r.runId,
    status: r.status,
    nodes,
    lockFile: r.lockFile,
    storeDir,
    durationMs,
    failedTrials,
    // Only where rerunning can help: failed or interrupted trials (not e.g. --only without a cache).
    rerunCommand: failedTrials > 0 || r.status === "interrupted" ? rerunCommand : undefined,
  };
}
