/** `dagtune status`: the last run, one row per node. */
import { formatMetric } from "./format.js";
import { makeStyle } from "./style.js";
import { renderTable, keyValues } from "./table.js";
import { defaultWidth } from "./summary.js";
import type { StatusView } from "./views.js";

export function renderStatus(v: StatusView, color = false, width = defaultWidth()): string {
  const s = makeStyle(color);
  const head = `Run ${v.runId} ${v.status}`;
  const out: string[] = [s.bold(v.status === "succeeded" ? s.ok(head) : v.status === "running" ? s.accent(head) : s.bad(head))];
  out.push(
    ...keyValues(
      [
        ["pipeline", v.pipeline],
        ["started", v.startedAt],
        ["finished", v.finishedAt ?? "-"],
        ["store", v.store],
        ["lock file", v.lockFile ?? "-"],
      ],
      "  ",
    ),
    "",
  );
  const rows = v.nodes.map((n) => [
    s.bold(n.name),
    n.status === "succeeded" ? s.ok(n.status) : n.status === "failed" ? s.bad(n.status) : n.status === "blocked" ? s.warn(n.status) : n.status,
    n.total === null ? String(n.done) : `${n.done}/${n.total}`,
    String(n.running),
    n.failed ? s.bad(String(n.failed)) : "0",
    String(n.cached),
    n.best ? `${n.metric}=${formatMetric(n.best.value)} (#${n.best.index})` : "-",
    n.reason ? [n.reason.split("\n")[0]!] : [],
  ]);
  out.push(
    ...renderTable(
      [
        { header: "node" },
        { header: "status" },
        { header: "done", align: "right" },
        { header: "running", align: "right" },
        { header: "failed", align: "right" },
        { header: "cached", align: "right" },
        { header: "best" },
        { header: "note", wrap: true },
      ],
      rows,
      { width, indent: "  ", ellipsis: s.g.ellipsis, header: (h) => s.dim(h) },
    ),
  );
  return out.join("\n") + "\n";
}
