/**
 * One event → its plain log line(s). Used verbatim by the plain reporter (CI, pipes) and, for
 * failures, warnings and node ends, by the live reporter above its progress area.
 *
 * Every line about a node starts with `[node]`, so `grep '^\[teacher\]'` follows one node.
 */
import type { EngineEvent } from "../engine/events.js";
import type { Params } from "../spec/types.js";
import { formatDuration, formatMetric, formatScalar, splitReason } from "./format.js";
import type { RunProgress } from "./state.js";
import type { Style } from "./style.js";

/** Most stderr-tail lines shown under a failure without --verbose. */
export const TAIL_LINES = 12;

export function metricLabel(st: RunProgress, node: string): string {
  return st.nodes.get(node)?.metric ?? "value";
}

export function formatParams(params: Params): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${formatScalar(v, { short: true })}`)
    .join(" ");
}

/** The reason's first line, then its remaining lines (e.g. a stderr tail) indented by 4. */
export function reasonLines(reason: string, verbose: boolean, indent = "    "): { head: string; body: string[] } {
  const { head, rest } = splitReason(reason);
  let body = rest;
  if (!verbose && body.length > TAIL_LINES) {
    body = [`... (${body.length - TAIL_LINES} earlier lines; --verbose shows all)`, ...body.slice(-TAIL_LINES)];
  }
  return { head, body: body.map((l) => indent + l) };
}

export function metricText(st: RunProgress, node: string, value: number | null): string {
  return value === null ? "" : ` ${metricLabel(st, node)}=${formatMetric(value)}`;
}

/**
 * Lines for one event. `st` must already include the event (applyEvent first), so node-end
 * lines carry the final counts.
 */
export function eventLines(e: EngineEvent, st: RunProgress, s: Style, verbose: boolean): string[] {
  const tag = (node: string) => `[${node}]`;
  switch (e.type) {
    case "run-start": {
      const trials = e.nodes.reduce((a, n) => a + n.trials, 0);
      const backend = e.backend ? `, backend ${e.backend}` : "";
      return [
        `run ${e.runId} started: ${e.pipeline} (${e.nodes.length} node${e.nodes.length === 1 ? "" : "s"}, ${trials} trial${trials === 1 ? "" : "s"}, concurrency ${e.concurrency}${backend}, store ${e.store})`,
      ];
    }
    case "node-start":
      return [`${tag(e.node)} started: ${e.trials} trial${e.trials === 1 ? "" : "s"}`];
    case "trial-start": {
      const p = formatParams(e.params);
      const retry = e.attempt > 0 ? ` (attempt ${e.attempt + 1})` : "";
      return [`${tag(e.node)} trial ${e.index} started${retry}${p ? " " + p : ""}`];
    }
    case "trial-progress": {
      const m = Object.entries(e.progress.metrics)
        .map(([k, v]) => ` ${k}=${formatMetric(v)}`)
        .join("");
      return [`${tag(e.node)} trial ${e.index} epoch ${e.progress.epoch}/${e.progress.epochs}${m}`];
    }
    case "trial-end": {
      const dur = e.outcome === "cached" ? "" : ` (${formatDuration(e.durationMs)})`;
      switch (e.outcome) {
        case "succeeded":
          return [`${tag(e.node)} trial ${e.index} ${s.ok("succeeded")}${metricText(st, e.node, e.value)}${dur}`];
        case "cached":
          return [`${tag(e.node)} trial ${e.index} ${s.cached("cached")}${metricText(st, e.node, e.value)}`];
        case "interrupted":
          return [`${tag(e.node)} trial ${e.index} ${s.warn("interrupted")}${dur}`];
        case "failed": {
          const att = e.willRetry
            ? ` (attempt ${e.attempt + 1}, retrying)`
            : e.attempt > 0
              ? ` (attempt ${e.attempt + 1}, giving up)`
              : "";
          const r = reasonLines(e.reason ?? "no reason given", verbose);
          return [`${tag(e.node)} trial ${e.index} ${s.bad("failed")}${att}${dur}: ${r.head}`, ...r.body.map((l) => s.dim(l))];
        }
      }
      return [];
    }
    case "node-end": {
      const n = st.nodes.get(e.node);
      const counts = n ? ` (${n.succeeded} succeeded, ${n.cached} cached, ${n.failed} failed${n.retried ? `, ${n.retried} retried` : ""})` : "";
      const dur = n?.startedAt !== undefined && n.endedAt !== undefined ? ` in ${formatDuration(n.endedAt - n.startedAt)}` : "";
      if (e.status === "succeeded") {
        const sel =
          e.selected.length === 1
            ? `selected trial ${e.selected[0]}`
            : `selected trials ${e.selected.join(", ")}`;
        return [`${tag(e.node)} ${s.ok("succeeded")}${dur}: ${sel}${metricText(st, e.node, e.best)}${counts}`];
      }
      if (e.status === "blocked") return [`${tag(e.node)} ${s.warn("blocked")}: ${e.reason ?? "an input did not succeed"}`];
      if (e.status === "skipped") return [`${tag(e.node)} ${s.dim("skipped")}: ${e.reason ?? "not selected"}`];
      const r = reasonLines(e.reason ?? "no trial succeeded", verbose);
      return [`${tag(e.node)} ${s.bad("failed")}${dur}: ${r.head}${counts}`, ...r.body];
    }
    case "warning": {
      const r = reasonLines(e.message, true);
      return [`${s.warn("warning")}: ${r.head}`, ...r.body];
    }
    case "run-end": {
      const st2 = e.status === "succeeded" ? s.ok(e.status) : e.status === "failed" ? s.bad(e.status) : s.warn(e.status);
      return [`run ${e.runId} ${st2} in ${formatDuration(e.durationMs)}; lock file: ${e.lockFile}`];
    }
  }
}
