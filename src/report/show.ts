/** `dagtune show NODE`: the node's selected trial(s) of the last run. */
import { formatMetric, formatScalar } from "./format.js";
import { carriedMark, makeStyle } from "./style.js";
import { keyValues } from "./table.js";
import type { ShowView } from "./views.js";

export function renderShow(v: ShowView, color = false): string {
  const s = makeStyle(color);
  const out: string[] = [];
  const task = v.task ? ` (${v.task})` : "";
  out.push(`${s.bold(v.node)}${task}: ${v.status} in run ${v.runId}; metric ${v.metric} (${v.goal})`);
  if (v.reason) out.push(`  ${v.reason.split("\n")[0]}`);
  if (!v.selected.length) {
    out.push("  no selected trial");
    return out.join("\n") + "\n";
  }
  for (const t of v.selected) {
    out.push("");
    const val = t.value === null ? "" : `  ${v.metric}=${s.bold(formatMetric(t.value))}`;
    out.push(`${s.bold(`trial ${t.index}`)}  ${t.status}${val}`);
    const info: [string, string][] = [];
    if (t.seed !== undefined) info.push(["seed", String(t.seed)]);
    info.push(["artifact", t.artifact ?? "-"]);
    if (t.cachedFrom) info.push(["cached from", t.cachedFrom]);
    if (t.logs) info.push(["logs", `${t.logs.stdout}  ${t.logs.stderr}`]);
    out.push(...keyValues(info, "  "));
    // The node's own params first, carried ones after (as in the run summary).
    const names = Object.keys(t.params).filter((k) => !(k in t.carried));
    names.push(...Object.keys(t.carried));
    if (names.length) {
      out.push("  params");
      out.push(
        ...keyValues(
          names.map((k) => {
            const c = t.carried[k];
            const value = formatScalar(t.params[k] ?? c?.value ?? null);
            return [k, c ? `${value}  ${carriedMark(s, c.origin)} ${s.dim(`(from ${c.from})`)}` : value];
          }),
          "    ",
        ),
      );
    }
    const ms = Object.entries(t.metrics);
    if (ms.length) {
      out.push("  metrics");
      out.push(...keyValues(ms.map(([k, m]) => [k, formatMetric(m)]), "    "));
    }
  }
  return out.join("\n") + "\n";
}
