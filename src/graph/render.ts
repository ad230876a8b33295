import type { Pipeline } from "../spec/types.js";
import type { Plan, PlanCarried, PlanNode } from "./plan.js";
import { selectText } from "./plan.js";

const fmt = (v: unknown): string => (typeof v === "string" ? v : String(v));
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;

/** `grid 3 x 2 = 6 trials`, `tpe, 8 trials`, `tpe, 8 trials x 2 (best_per [embedding_size] of teacher) = up to 16 trials`. */
export function trialsText(n: PlanNode): string {
  let s: string;
  if (n.sampler === "grid") {
    const sizes = n.gridSizes ?? [];
    s = sizes.length === 0 ? `grid (no dimensions) = ${plural(1, "trial")}` : sizes.length === 1 ? `grid ${plural(sizes[0]!, "trial")}` : `grid ${sizes.join(" x ")} = ${plural(n.searchTrials, "trial")}`;
  } else if (n.sampler === "tpe")
    s =
      n.startup! < n.searchTrials
        ? `tpe, ${plural(n.searchTrials, "trial")} (${n.startup} random, then model-guided)`
        : `tpe, ${plural(n.searchTrials, "trial")} (all random startup: set search.startup below trials)`;
  else if (n.sampler) s = `${n.sampler}, ${plural(n.searchTrials, "trial")}`;
  else s = `no search, ${plural(1, "trial")}`;
  if (n.multipliers.length) {
    const ms = n.multipliers.map((m) => `x ${m.exact ? "" : "up to "}${m.factor} (${m.kind === "top" ? `top ${m.factor}` : `best_per [${(m.params ?? []).join(", ")}]`} of ${m.node})`);
    s += ` ${ms.join(" ")} = ${n.upTo ? "up to " : ""}${plural(n.trials, "trial")}`;
  }
  return s;
}

function carriedText(c: PlanCarried): string {
  const where = `from ${c.origin}${c.originParam !== c.name ? `.${c.originParam}` : ""}${c.from !== c.origin ? ` via ${c.from}` : ""}`;
  if (c.value !== undefined) return `${c.name} = ${fmt(c.value)}  (${where}${c.source === "default" ? ", task default" : ""})`;
  if (c.source === "searched") return `${c.name}  (${where}, searched: ${c.perTrial ? "one value per selected trial" : "the selected trial's value"})`;
  return `${c.name}  (${where}, unset)`;
}

export interface RenderPlanOptions {
  /** node -> trials already cached (from the store); shown when given. */
  cached?: Readonly<Record<string, number>>;
  /** Path to show for the file (default: plan.file). */
  file?: string;
}

/** Plain-text plan (no colours). */
export function renderPlan(plan: Plan, opts: RenderPlanOptions = {}): string {
  const lines: string[] = [];
  const cached = opts.cached;
  const totalCached = cached ? plan.nodes.reduce((a, n) => a + Math.min(cached[n.name] ?? 0, n.trials), 0) : 0;
  const upTo = plan.nodes.some((n) => n.upTo) ? "up to " : "";
  lines.push(`pipeline ${plan.name} (${opts.file ?? plan.file}): ${plural(plan.nodes.length, "node")}, ${upTo}${plural(plan.totalTrials, "trial")}${cached ? `, ${totalCached} cached` : ""}`);
  const w = 10;
  const row = (label: string, text: string) => lines.push(`   ${(label + ":").padEnd(w)}${text}`);
  const more = (text: string) => lines.push(`   ${"".padEnd(w)}${text}`);
  plan.nodes.forEach((n, i) => {
    lines.push("");
    lines.push(`${i + 1}. ${n.name}  [${n.task}]`);
    if (n.inputs.length) {
      n.inputs.forEach((inp, j) => (j === 0 ? row : (_: string, t: string) => more(t))("inputs", `${inp.name} <- ${inp.node} (${inp.selectText})`));
    }
    row("trials", trialsText(n) + (cached ? ` (${Math.min(cached[n.name] ?? 0, n.trials)} cached)` : ""));
    n.searched.forEach((s, j) => (j === 0 ? row : (_: string, t: string) => more(t))("search", `${s.name} ${s.text}`));
    const own = n.fixed.filter((f) => f.source === "param");
    const defs = n.fixed.filter((f) => f.source === "default");
    if (own.length) row("fixed", own.map((f) => `${f.name}=${fmt(f.value)}`).join(" "));
    if (defs.length) row("defaults", defs.map((f) => `${f.name}=${fmt(f.value)}`).join(" "));
    n.carried.forEach((c, j) => (j === 0 ? row : (_: string, t: string) => more(t))("carried", carriedText(c)));
    row("metric", `${n.metric} (${n.goal})${n.retries ? `, retries ${n.retries}` : ""}${n.timeout !== undefined ? `, timeout ${n.timeout}s` : ""}`);
  });
  lines.push("");
  lines.push(`total: ${upTo}${plural(plan.totalTrials, "trial")} (${plan.nodes.map((n) => `${n.name} ${n.trials}`).join(", ")})${cached ? `, ${totalCached} cached` : ""}`);
  return lines.join("\n") + "\n";
}

const edgeLabel = (inputName: string, s: Parameters<typeof selectText>[0]) => `${inputName}: ${selectText(s)}`;

/** Mermaid flowchart: nodes labelled name + task, edges labelled `input: selection`. */
export function toMermaid(pipeline: Pipeline): string {
  const id = new Map(pipeline.nodes.map((n, i) => [n.name, `n${i}`]));
  const esc = (s: string) => s.replace(/"/g, "#quot;");
  const lines = ["flowchart LR"];
  for (const n of pipeline.nodes) lines.push(`  ${id.get(n.name)}["${esc(n.name)}<br/>${esc(n.task)}"]`);
  for (const n of pipeline.nodes)
    for (const i of n.inputs) lines.push(`  ${id.get(i.node)} -->|"${esc(edgeLabel(i.name, i.select))}"| ${id.get(n.name)}`);
  return lines.join("\n") + "\n";
}

/** Graphviz dot. */
export function toDot(pipeline: Pipeline): string {
  const q = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
  const lines = [`digraph ${q(pipeline.name)} {`, "  rankdir=LR;", "  node [shape=box];"];
  for (const n of pipeline.nodes) lines.push(`  ${q(n.name)} [label=${q(`${n.name}\n${n.task}`)}];`);
  for (const n of pipeline.nodes) for (const i of n.inputs) lines.push(`  ${q(i.node)} -> ${q(n.name)} [label=${q(edgeLabel(i.name, i.select))}];`);
  lines.push("}");
  return lines.join("\n") + "\n";
}
