/**
 * The end-of-run summary. Its input is plain data the CLI builds from the run result, so the
 * summary renders the same from a live run or from the ledger.
 */
import type { CarriedParam } from "../engine/events.js";
import type { Params } from "../spec/types.js";
import { formatDuration, formatMetric, formatScalar, splitReason, visibleWidth, wrapWords } from "./format.js";
import { carriedMark, makeStyle, type Style } from "./style.js";
import { renderTable, keyValues, type Cell, type Column } from "./table.js";

/** Narrowest params column; below it, params go on lines under each node's row. */
const PARAMS_MIN = 30;

export type SummaryNodeStatus = "succeeded" | "failed" | "blocked" | "interrupted" | "skipped";

export interface SelectedTrial {
  index: number;
  /** The node metric's value. */
  value: number | null;
  /** All params of the trial (sampled, fixed and carried). */
  params: Params;
  /** Which params are carried, from which upstream trial (`node@index`) and origin node. */
  carried: Record<string, CarriedParam>;
}

export interface SummaryNode {
  name: string;
  status: SummaryNodeStatus;
  metric: string;
  goal: "maximize" | "minimize";
  /** The (first) selected trial, null if none. */
  selected: SelectedTrial | null;
  /** Trials executed in this run (incl. failed ones), reused from the cache, failed for good; planned. */
  ran: number;
  cached: number;
  failed: number;
  total: number;
  /** test.* metrics of the selected trial. */
  testMetrics?: Record<string, number>;
  /** Why the node failed or was blocked. */
  reason?: string;
  /** More selected trials (select: {top: N} / {best_per: ...}); shown as a count. */
  moreSelected?: number;
}

export interface RunSummary {
  runId?: number;
  status?: "succeeded" | "failed" | "interrupted";
  nodes: SummaryNode[];
  lockFile: string | null;
  storeDir: string;
  durationMs: number;
  /** Trials that failed for good in this run. */
  failedTrials: number;
  /** e.g. `dagtune rerun --failed --store artifacts`; shown when there are failures. */
  rerunCommand?: string;
}

export interface RenderOptions {
  /** Columns available; default: the terminal's width when stdout is one, else 100. */
  width?: number;
}

/** Default width for tables: the terminal's, or 100 for pipes and files. */
export function defaultWidth(): number {
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 100;
}

/** `name=value`, with the carried marker after a carried param: `embedding_size=16 ⟵teacher`. */
export function paramWords(params: Params, carried: Record<string, CarriedParam>, s: Style): string[] {
  const names = Object.keys(params);
  // Carried params last: they are inherited, the rest is what this node chose.
  const own = names.filter((k) => !(k in carried));
  const inherited = names.filter((k) => k in carried);
  for (const k of Object.keys(carried)) if (!(k in params)) inherited.push(k);
  return [
    ...own.map((k) => `${k}=${formatScalar(params[k]!, { short: true })}`),
    ...inherited.map((k) => `${k}=${formatScalar(params[k] ?? carried[k]!.value, { short: true })} ${carriedMark(s, carried[k]!.origin)}`),
  ];
}

function statusWord(st: string, s: Style): string {
  switch (st) {
    case "succeeded":
      return s.ok(st);
    case "failed":
      return s.bad(st);
    default:
      return s.warn(st);
  }
}

export function renderSummary(summary: RunSummary, color: boolean, opts: RenderOptions = {}): string {
  const s = makeStyle(color);
  const width = opts.width ?? defaultWidth();
  const out: string[] = [];
  const status = summary.status ?? (summary.nodes.every((n) => n.status === "succeeded") ? "succeeded" : "failed");
  const title = `Run${summary.runId !== undefined ? " " + summary.runId : ""} ${status} in ${formatDuration(summary.durationMs)}`;
  out.push(s.bold(status === "succeeded" ? s.ok(title) : status === "failed" ? s.bad(title) : s.warn(title)));
  out.push("");

  const rows: Cell[][] = summary.nodes.map((n) => {
    const sel = n.selected;
    const trial = sel ? `#${sel.index}${n.moreSelected ? ` +${n.moreSelected}` : ""}` : "-";
    const metric = sel && sel.value !== null ? `${n.metric}=${formatMetric(sel.value)}` : n.metric;
    return [
      s.bold(n.name),
      statusWord(n.status, s),
      trial,
      metric,
      String(n.ran),
      String(n.cached),
      n.failed ? s.bad(String(n.failed)) : "0",
      sel ? paramWords(sel.params, sel.carried, s) : [],
    ];
  });
  const cols: Column[] = [
    { header: "node" },
    { header: "status" },
    { header: "trial" },
    { header: "metric" },
    { header: "ran", align: "right" },
    { header: "cached", align: "right" },
    { header: "failed", align: "right" },
  ];
  const tableOpts = { width, indent: "  ", ellipsis: s.g.ellipsis, header: (h: string) => s.dim(h) };
  const narrow = renderTable(cols, rows.map((r) => r.slice(0, 7)), tableOpts);
  const used = Math.max(...narrow.map((l) => visibleWidth(l)));
  if (width - used - 2 >= PARAMS_MIN) {
    out.push(...renderTable([...cols, { header: "params", wrap: true }], rows, tableOpts));
  } else {
    // Not enough room for a params column: each node's params go on indented lines under its row.
    out.push(narrow[0]!);
    rows.forEach((r, i) => {
      out.push(narrow[i + 1]!);
      const words = r[7] as string[];
      if (words.length) out.push(...wrapWords(words, Math.max(PARAMS_MIN, width - 6), "  ", s.g.ellipsis).map((l) => `      ${l}`));
    });
  }

  const withTest = summary.nodes.filter((n) => n.testMetrics && Object.keys(n.testMetrics).length);
  if (withTest.length) {
    out.push("", s.bold("Test metrics (selected trials)"));
    out.push(
      ...keyValues(
        withTest.map((n) => [
          n.name,
          Object.entries(n.testMetrics!)
            .map(([k, v]) => `${k}=${formatMetric(v)}`)
            .join("  "),
        ]),
      ),
    );
  }

  out.push("");
  out.push(...keyValues([["Lock file", summary.lockFile ?? "(none written)"], ["Store", summary.storeDir]], ""));

  const troubled = summary.nodes.filter((n) => n.status !== "succeeded" && n.status !== "skipped");
  if (troubled.length || summary.failedTrials > 0) {
    out.push("");
    if (troubled.length) {
      out.push(s.bold("Problems"));
      for (const n of troubled) {
        const { head, rest } = splitReason(n.reason ?? (n.status === "blocked" ? "an input did not succeed" : "no trial succeeded"));
        out.push(`  ${s.bold(n.name)} ${statusWord(n.status, s)}: ${head}`);
        for (const l of rest) out.push(`      ${l}`);
      }
    }
    if (summary.failedTrials > 0) {
      const t = `${summary.failedTrials} trial${summary.failedTrials === 1 ? "" : "s"} failed.`;
      out.push(summary.rerunCommand ? `${t} Rerun ${summary.failedTrials === 1 ? "it" : "them"} with:` : t);
      if (summary.rerunCommand) out.push(`  ${s.accent(summary.rerunCommand)}`);
    } else if (summary.rerunCommand && status !== "succeeded") {
      out.push("To resume:", `  ${s.accent(summary.rerunCommand)}`);
    }
  }
  return out.join("\n") + "\n";
}
