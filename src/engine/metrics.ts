/**
 * Reading a trial's metrics.json. Python's json writes NaN, Infinity and -Infinity as bare
 * tokens; they are read as non-finite numbers (so the trial fails with "valid.auc is NaN"),
 * never as a parse crash.
 */
export type MetricsRead =
  | { ok: true; metrics: Record<string, number>; ignored: string[] }
  | { ok: false; reason: string };

const NONFINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };

/** Replace bare NaN/Infinity/-Infinity tokens (outside strings) with sentinel strings. */
function protectNonFinite(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9));
    if (m) {
      out += `"\\u0000${m[1]}"`;
      i += m[1]!.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

export function parseMetrics(text: string): MetricsRead {
  let raw: unknown;
  try {
    raw = JSON.parse(protectNonFinite(text));
  } catch (e) {
    return { ok: false, reason: `metrics.json is not valid JSON (${(e as Error).message})` };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: "metrics.json must hold a flat object such as {\"valid.auc\": 0.81}" };
  }
  const metrics: Record<string, number> = {};
  const ignored: string[] = [];
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v === "number") metrics[k] = v;
    else if (typeof v === "string" && v.startsWith("\u0000")) metrics[k] = NONFINITE[v.slice(1)]!;
    else ignored.push(k);
  }
  return { ok: true, metrics, ignored };
}

/** Why `metric` cannot be used (missing, not a number, non-finite), or null when it can. */
export function metricProblem(metric: string, metrics: Record<string, number>, ignored: readonly string[] = []): string | null {
  const reported = Object.keys(metrics);
  const list = reported.length ? reported.join(", ") : "none";
  if (ignored.includes(metric)) return `${metric} is not a number in metrics.json (write {"${metric}": 0.81}, not a string)`;
  if (!(metric in metrics)) return `metric ${metric} is missing (reported: ${list})`;
  const v = metrics[metric]!;
  if (Number.isNaN(v)) return `${metric} is NaN (reported: ${list})`;
  if (!Number.isFinite(v)) return `${metric} is ${v > 0 ? "Infinity" : "-Infinity"} (reported: ${list})`;
  return null;
}
