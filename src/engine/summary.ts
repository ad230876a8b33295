import type { Pipeline } from "../spec/types.js";
import type { RunResult } from "./run.js";
import type { RunSummary } from "../report/summary.js";

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
      selected: b ? { index: b.index, value: b.value!, params: b.params, carried: b.carried } : null,
      ran: res.trials.filter((t) => t.status !== "cached").length,
      cached: res.trials.filter((t) => t.status === "cached").length,
      failed,
      total: res.trials.length,
      testMetrics: testMetrics && Object.keys(testMetrics).length ? testMetrics : undefined,
      reason: res.reason,
    };
  });
  return {
    nodes,
    lockFile: r.lockFile,
    storeDir,
    durationMs,
    failedTrials,
    rerunCommand: failedTrials > 0 || r.status !== "succeeded" ? rerunCommand : undefined,
  } as RunSummary;
}
