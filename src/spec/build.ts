import * as nodePath from "node:path";
import type { TaskDecl } from "../tasks/types.js";
import type { Dimension, SamplerKind } from "../search/space.js";
import { cycleDiagnostics, topoOrder } from "../graph/graph.js";
import { analyzeCarried, nodeVaries, type CarriedOut } from "./carried.js";
import { Ctx, isObj, isScalarValue } from "./ctx.js";
import { hasErrors, type Loc } from "./diagnostic.js";
import { buildPlan } from "../graph/plan.js";
import type { Path } from "./locs.js";
import { checkParamValue } from "./params.js";
import { NODE_NAME_MAX, NODE_NAME_PATTERN } from "./schemaObject.js";
import { countText, dimSize, GRID_MAX, gridSize, parseDimension } from "./spaceParse.js";
import { closest, didYouMean } from "./suggest.js";
import { inputEnvName, placeholders } from "../tasks/shell.js";
import type { Received } from "./carried.js";
import type { DatasetSpec, Goal, InputSpec, NodeSpec, Params, Pipeline, SearchSpec, Select } from "./types.js";

const NAME_RE = new RegExp(NODE_NAME_PATTERN, "u");
const GOALS = ["maximize", "minimize"];
const SAMPLERS = ["grid", "random", "tpe"];
const SELECT_FORMS = "best, {top: N} or {best_per: [param, ...]}";

/** Built-in values when neither the node nor `defaults` sets them. */
export const BUILTIN_DEFAULTS = { metric: "valid.auc", goal: "maximize" as Goal, retries: 0 };

/** Key under which two node names collide on case-insensitive / normalising file systems. */
export function nameFoldKey(name: string): string {
  return name.normalize("NFC").toLowerCase().normalize("NFC");
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

const nameSets = new WeakMap<string[], Set<string>>();
function nameSet(names: string[]): Set<string> {
  let s = nameSets.get(names);
  if (!s) nameSets.set(names, (s = new Set(names)));
  return s;
}

interface Defaults {
  metric?: string;
  goal?: Goal;
  retries?: number;
  timeout?: number;
}

/**
 * Build the typed Pipeline from the (schema-checked) plain document, running every
 * semantic check. Returns undefined when the document's shape is too broken to build.
 * All problems go to `ctx`; the caller decides (errors => no pipeline for the user).
 */
export function buildPipeline(doc: Record<string, unknown>, ctx: Ctx, absFile: string): Pipeline {
  const baseDir = nodePath.dirname(absFile);
  const name = typeof doc.name === "string" && doc.name ? doc.name : nodePath.basename(absFile).replace(/\.ya?ml$/i, "");
  const seed = typeof doc.seed === "number" && Number.isInteger(doc.seed) && doc.seed >= 0 ? doc.seed : 0;

  const dataset = isObj(doc.dataset) ? parseDataset(doc.dataset, ["dataset"], ctx, baseDir) : undefined;
  const defaults = parseDefaults(doc.defaults, ctx);

  const rawNodes = isObj(doc.nodes) ? doc.nodes : {};
  const names = Object.keys(rawNodes);
  checkNames(names, ctx);

  const nodes: NodeSpec[] = [];
  for (const n of names) {
    const spec = buildNode(n, rawNodes[n], names, ctx, baseDir, defaults, dataset ?? has(doc, "dataset"));
    if (spec) nodes.push(spec);
  }
  const datasetLocs: Record<string, Loc> = {};
  if (dataset) datasetLocs[""] = ctx.locs.value(["dataset", "path"]);
  for (const n of nodes) if (n.dataset) datasetLocs[n.name] = ctx.locs.value(["nodes", n.name, "dataset", "path"]);
  const pipeline: Pipeline = { file: absFile, version: 1, name, seed, ...(dataset ? { dataset } : {}), nodes, datasetLocs };

  // Graph: cycles first; carried params need an order.
  const cycles = cycleDiagnostics(pipeline);
  ctx.diagnostics.push(...cycles);
  if (cycles.length === 0) checkCarried(pipeline, doc, ctx);
  if (!hasErrors(ctx.diagnostics)) checkTopCounts(pipeline, ctx);
  return pipeline;
}

function parseDefaults(raw: unknown, ctx: Ctx): Defaults {
  const d: Defaults = {};
  if (!isObj(raw)) return d;
  if (typeof raw.metric === "string") d.metric = raw.metric;
  if (has(raw, "goal")) {
    const g = checkGoal(raw.goal, ["defaults", "goal"], ctx);
    if (g) d.goal = g;
  }
  if (typeof raw.retries === "number" && Number.isInteger(raw.retries) && raw.retries >= 0) d.retries = raw.retries;
  if (typeof raw.timeout === "number" && raw.timeout > 0) d.timeout = raw.timeout;
  return d;
}

function checkGoal(v: unknown, path: Path, ctx: Ctx): Goal | undefined {
  if (v === "maximize" || v === "minimize") return v;
  ctx.error(
    "E_BAD_GOAL",
    `goal must be maximize or minimize, got ${typeof v === "string" ? JSON.stringify(v) : String(v)}${typeof v === "string" ? didYouMean(v, GOALS) : ""}`,
    ctx.locs.value(path),
    "goal: maximize (higher metric is better) or goal: minimize (lower is better)",
  );
  return undefined;
}

function checkNames(names: string[], ctx: Ctx): void {
  const L = ctx.locs;
  const seen = new Map<string, string>();
  for (const n of names) {
    const at = L.key(["nodes", n]);
    if (!NAME_RE.test(n) || n.length > NODE_NAME_MAX) {
      ctx.error(
        "E_BAD_NODE_NAME",
        `invalid node name ${JSON.stringify(n)}`,
        at,
        `a node name starts with a letter or _, then letters, digits, _ or - (at most ${NODE_NAME_MAX} characters)`,
      );
    }
    const k = nameFoldKey(n);
    const prev = seen.get(k);
    if (prev !== undefined) {
      ctx.error(
        "E_NAME_COLLISION",
        `node name ${JSON.stringify(n)} collides with ${JSON.stringify(prev)} (${prev.toLowerCase() === n.toLowerCase() ? "they differ only in case" : "they are the same after Unicode normalisation and case folding"})`,
        at,
        "node names become folder names, which collide on macOS and Windows: rename one",
        [{ message: `${JSON.stringify(prev)} declared here`, loc: L.key(["nodes", prev]) }],
      );
    } else seen.set(k, n);
  }
}

function parseDataset(raw: Record<string, unknown>, path: Path, ctx: Ctx, baseDir: string): DatasetSpec | undefined {
  const fmt = raw.format;
  if (fmt !== "recbole" && fmt !== "csv" && fmt !== "libfm" && fmt !== "synthetic") return undefined;
  const ds: DatasetSpec = { format: fmt };
  if (typeof raw.path === "string" && raw.path) ds.path = nodePath.resolve(baseDir, raw.path);
  else if (fmt !== "synthetic" && !has(raw, "path")) {
    ctx.error("E_MISSING_FIELD", `dataset of format ${fmt} needs a "path"`, ctx.locs.key(path), "path: a file or folder, relative to the pipeline file");
  }
  if (isObj(raw.label) && typeof raw.label.field === "string" && typeof raw.label.threshold === "number") {
    ds.label = { field: raw.label.field, threshold: raw.label.threshold };
    if (Array.isArray(raw.label.drop)) ds.label.drop = raw.label.drop.filter(isScalarValue);
  }
  if (Array.isArray(raw.fields)) ds.fields = raw.fields.filter((f): f is string => typeof f === "string");
  if (isObj(raw.options)) ds.options = { ...raw.options };
  return ds;
}

function buildNode(
  name: string,
  raw: unknown,
  names: string[],
  ctx: Ctx,
  baseDir: string,
  defaults: Defaults,
  /** The pipeline's dataset (or true when one is written but invalid: reported already). */
  pipelineDataset: DatasetSpec | boolean,
): NodeSpec | undefined {
  const L = ctx.locs;
  const base: Path = ["nodes", name];
  const nodeLoc = L.key(base);
  if (!isObj(raw)) return undefined; // schema reported it
  const taskName = typeof raw.task === "string" ? raw.task : undefined;
  const task = taskName ? ctx.task(taskName) : undefined;
  if (taskName !== undefined && !task) {
    ctx.error(
      "E_UNKNOWN_TASK",
      `unknown task ${JSON.stringify(taskName)}${didYouMean(taskName, ctx.taskNames)}`,
      L.value([...base, "task"]),
      `tasks: ${ctx.taskNames.join(", ")}`,
    );
  }

  // command
  let command: string | string[] | undefined;
  if (has(raw, "command")) {
    if (task && task.name !== "shell") {
      ctx.error("E_COMMAND_NOT_SHELL", `"command" is only for shell tasks; node "${name}" runs ${task.name}`, L.key([...base, "command"]), "remove command, or use task: shell");
    }
    if (typeof raw.command === "string") command = raw.command;
    else if (Array.isArray(raw.command) && raw.command.every((c) => typeof c === "string")) command = raw.command as string[];
  } else if (task?.name === "shell") {
    ctx.error("E_MISSING_COMMAND", `shell node "${name}" needs a "command"`, nodeLoc, "command: python train.py --lr {params.lr} --out {out}   (a string for sh, or an argv list)");
  }

  const inputs = parseInputs(name, raw.inputs, names, task, ctx);
  const params = parseParams(name, raw.params, task, ctx);
  const search = isObj(raw.search) ? parseSearch(name, raw.search, params, task, ctx) : undefined;

  // metric / goal / retries / timeout, merged with defaults
  const metric = typeof raw.metric === "string" ? raw.metric : defaults.metric ?? BUILTIN_DEFAULTS.metric;
  let goal: Goal = defaults.goal ?? BUILTIN_DEFAULTS.goal;
  if (has(raw, "goal")) {
    const g = checkGoal(raw.goal, [...base, "goal"], ctx);
    if (g) goal = g;
  } else if (typeof raw.metric === "string" && raw.metric !== (defaults.metric ?? BUILTIN_DEFAULTS.metric)) {
    ctx.warn(
      "W_GOAL_INHERITED",
      `node "${name}" sets metric "${raw.metric}" but inherits goal "${goal}" from ${defaults.goal ? "defaults" : "the built-in default"}`,
      L.key([...base, "metric"]),
      `say which way is better: add goal: ${goal} (or minimize) to node "${name}"`,
    );
  }
  const retries = typeof raw.retries === "number" && Number.isInteger(raw.retries) && raw.retries >= 0 ? raw.retries : defaults.retries ?? BUILTIN_DEFAULTS.retries;
  const timeout = typeof raw.timeout === "number" && raw.timeout > 0 ? raw.timeout : defaults.timeout;

  // carries
  const carries: string[] = [];
  if (Array.isArray(raw.carries)) {
    raw.carries.forEach((c, i) => {
      if (typeof c !== "string") return;
      if (task?.params && !has(task.params, c)) {
        ctx.error("E_UNKNOWN_PARAM", `node "${name}" carries unknown param "${c}" of task ${task.name}${didYouMean(c, Object.keys(task.params))}`, L.value([...base, "carries", i]), `params of ${task.name}: ${Object.keys(task.params).join(", ")}`);
        return;
      }
      carries.push(c);
    });
  }

  // dataset
  let dataset: DatasetSpec | undefined;
  if (isObj(raw.dataset)) {
    dataset = parseDataset(raw.dataset, [...base, "dataset"], ctx, baseDir);
    if (task && !task.usesDataset) {
      ctx.warn("W_DATASET_UNUSED", `node "${name}" sets a dataset but task ${task.name} does not read one`, L.key([...base, "dataset"]), "remove it");
    }
  }
  if (task?.usesDataset && !has(raw, "dataset") && !pipelineDataset) {
    ctx.error("E_NO_DATASET", `node "${name}" (${task.name}) needs a dataset and the pipeline has none`, nodeLoc, "add a top-level `dataset:` (e.g. {format: synthetic}) or one on the node");
  }

  if (!taskName) return undefined;
  const spec: NodeSpec = { name, task: taskName, inputs, params, metric, goal, retries, carries, loc: nodeLoc };
  if (search) spec.search = search;
  if (timeout !== undefined) spec.timeout = timeout;
  if (command !== undefined) spec.command = command;
  if (dataset) spec.dataset = dataset;
  if (Array.isArray(raw.deps)) {
    const deps = raw.deps.filter((d): d is string => typeof d === "string" && d.length > 0);
    if (deps.length) spec.deps = deps;
  }
  return spec;
}

function parseSelect(raw: unknown, path: Path, ctx: Ctx): Select | undefined {
  const L = ctx.locs;
  const bad = (msg: string, at: Loc = L.value(path)) => {
    ctx.error("E_BAD_SELECT", msg, at, `select is one of: ${SELECT_FORMS}`);
    return undefined;
  };
  if (raw === undefined || raw === "best") return { kind: "best" };
  if (typeof raw === "string") return bad(`unknown select ${JSON.stringify(raw)}${didYouMean(raw, ["best", "top", "best_per"])}`);
  if (!isObj(raw)) return bad(`select must be ${SELECT_FORMS}; got ${raw === null ? "nothing" : JSON.stringify(raw)}`);
  const keys = Object.keys(raw);
  if (keys.length !== 1 || (keys[0] !== "top" && keys[0] !== "best_per")) {
    const k = keys.find((x) => x !== "top" && x !== "best_per") ?? keys[1];
    return bad(
      keys.length === 0 ? "empty select" : `unknown select form "${k}"${k ? didYouMean(k, ["top", "best_per"]) : ""}${keys.length > 1 ? " (use one form)" : ""}`,
      k ? L.key([...path, k]) : L.value(path),
    );
  }
  if (keys[0] === "top") {
    const n = raw.top;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1) return bad(`top must be a positive integer, got ${JSON.stringify(n)}`, L.value([...path, "top"]));
    return n === 1 ? { kind: "best" } : { kind: "top", n };
  }
  const bp = raw.best_per;
  if (!Array.isArray(bp) || bp.length === 0 || !bp.every((p) => typeof p === "string")) {
    return bad("best_per must be a non-empty list of param names, e.g. {best_per: [embedding_size]}", L.value([...path, "best_per"]));
  }
  const firstAt = new Map<string, number>();
  let repeated = false;
  (bp as string[]).forEach((p, i) => {
    const j = firstAt.get(p);
    if (j === undefined) return void firstAt.set(p, i);
    repeated = true;
    ctx.error("E_BAD_SELECT", `best_per repeats the param "${p}"`, L.value([...path, "best_per", i]), `list each param once: {best_per: [${[...firstAt.keys()].join(", ")}]}`, [
      { message: `"${p}" first listed here`, loc: L.value([...path, "best_per", j]) },
    ]);
  });
  if (repeated) return undefined;
  return { kind: "best_per", params: [...firstAt.keys()] };
}

function parseInputs(name: string, raw: unknown, names: string[], task: TaskDecl | undefined, ctx: Ctx): InputSpec[] {
  const L = ctx.locs;
  const base: Path = ["nodes", name, "inputs"];
  const out: InputSpec[] = [];
  const known = nameSet(names);
  const given = isObj(raw) ? Object.keys(raw) : [];
  const envFirst = new Map<string, string>();
  for (const inName of given) {
    const p = [...base, inName];
    const env = inputEnvName(inName);
    const prevEnv = envFirst.get(env);
    if (prevEnv !== undefined) {
      ctx.error(
        "E_INPUT_ENV_COLLISION",
        `inputs "${prevEnv}" and "${inName}" of node "${name}" both map to the environment variable ${env}`,
        L.key(p),
        `rename one: input names are upper-cased and other characters than A-Z and 0-9 become "_" in DAGTUNE_INPUT_<NAME>`,
        [{ message: `"${prevEnv}" is here`, loc: L.key([...base, prevEnv]) }],
      );
    } else envFirst.set(env, inName);
    const v = (raw as Record<string, unknown>)[inName];
    let target: string | undefined;
    let select: Select | undefined = { kind: "best" };
    let targetPath: Path = p;
    if (typeof v === "string") target = v;
    else if (isObj(v)) {
      for (const k of Object.keys(v)) {
        if (k !== "node" && k !== "select") ctx.error("E_UNKNOWN_FIELD", `unknown field "${k}" in input "${inName}"${didYouMean(k, ["node", "select"])}`, L.key([...p, k]), "an input is a node name or {node, select}");
      }
      if (typeof v.node === "string") {
        target = v.node;
        targetPath = [...p, "node"];
      } else ctx.error("E_MISSING_FIELD", `input "${inName}" of node "${name}" needs "node"`, L.key(p), `write ${inName}: {node: <upstream node>, select: best}`);
      select = parseSelect(v.select, [...p, "select"], ctx);
    } else {
      ctx.error("E_BAD_INPUT", `input "${inName}" of node "${name}" must be a node name or {node, select}`, L.value(p), `write ${inName}: <upstream node>`);
    }
    if (task && task.inputs !== null && !task.inputs.some((d) => d.name === inName)) {
      const allowed = task.inputs.map((d) => d.name);
      ctx.error(
        "E_UNKNOWN_INPUT",
        `task ${task.name} has no input "${inName}"${didYouMean(inName, allowed)}`,
        L.key(p),
        allowed.length ? `inputs of ${task.name}: ${allowed.join(", ")}` : `${task.name} takes no inputs`,
      );
    }
    if (target === undefined) continue;
    const tl = L.value(targetPath);
    if (target === name) {
      ctx.error("E_SELF_INPUT", `node "${name}" takes its own output as input "${inName}"`, tl, "a node cannot read its own artifact: name an upstream node");
    } else if (!known.has(target)) {
      ctx.error("E_UNKNOWN_NODE", `input "${inName}" of node "${name}" names unknown node ${JSON.stringify(target)}${didYouMean(target, names.filter((n) => n !== name))}`, tl, `nodes: ${names.join(", ")}`);
    }
    if (select) out.push({ name: inName, node: target, select, loc: tl });
  }
  if (task?.inputs) {
    for (const d of task.inputs) {
      if (!given.includes(d.name)) {
        ctx.error(
          "E_MISSING_INPUT",
          `node "${name}" (${task.name}) needs input "${d.name}": ${d.description}`,
          L.key(isObj(raw) ? base : ["nodes", name]),
          `inputs: {${d.name}: <upstream node>}`,
        );
      }
    }
  }
  return out;
}

function parseParams(name: string, raw: unknown, task: TaskDecl | undefined, ctx: Ctx): Params {
  const L = ctx.locs;
  const params: Params = {};
  if (!isObj(raw)) return params;
  for (const [k, v] of Object.entries(raw)) {
    const p: Path = ["nodes", name, "params", k];
    if (!isScalarValue(v)) {
      ctx.error("E_TYPE", `param "${k}" of node "${name}" must be a single value, got ${Array.isArray(v) ? "a list" : "a mapping"}`, L.value(p), Array.isArray(v) ? `to try several values, put it in search.space: ${k}: [...]` : undefined);
      continue;
    }
    if (task?.params) {
      const decl = task.params[k];
      if (!decl || !has(task.params, k)) {
        ctx.error("E_UNKNOWN_PARAM", `unknown param "${k}" for task ${task.name}${didYouMean(k, Object.keys(task.params))}`, L.key(p), `params of ${task.name}: ${Object.keys(task.params).join(", ")}`);
        continue;
      }
      const pr = checkParamValue(decl, v, k);
      if (pr) {
        ctx.error(pr.code, pr.message, L.value(p), pr.hint);
        continue;
      }
    }
    params[k] = v;
  }
  return params;
}

function parseSearch(name: string, raw: Record<string, unknown>, params: Params, task: TaskDecl | undefined, ctx: Ctx): SearchSpec | undefined {
  const L = ctx.locs;
  const base: Path = ["nodes", name, "search"];
  const sampler = typeof raw.sampler === "string" && SAMPLERS.includes(raw.sampler) ? (raw.sampler as SamplerKind) : undefined;
  const trials = typeof raw.trials === "number" && Number.isInteger(raw.trials) && raw.trials >= 1 ? raw.trials : undefined;
  const space: { name: string; dim: Dimension }[] = [];
  let ok = sampler !== undefined;
  const rawSpace = isObj(raw.space) ? raw.space : {};
  for (const [k, v] of Object.entries(rawSpace)) {
    const p: Path = [...base, "space", k];
    let decl;
    if (task?.params) {
      decl = has(task.params, k) ? task.params[k] : undefined;
      if (!decl) {
        ctx.error("E_UNKNOWN_PARAM", `unknown param "${k}" for task ${task.name}${didYouMean(k, Object.keys(task.params))}`, L.key(p), `params of ${task.name}: ${Object.keys(task.params).join(", ")}`);
        ok = false;
        continue;
      }
    }
    if (isObj(raw.space) && has(params, k)) {
      ctx.error("E_PARAM_TWICE", `param "${k}" of node "${name}" is both fixed (params) and searched (search.space)`, L.key(p), "keep one: remove it from params or from the space", [
        { message: "fixed here", loc: L.key(["nodes", name, "params", k]) },
      ]);
      ok = false;
      continue;
    }
    const dim = parseDimension(v, p, k, ctx, decl);
    if (!dim) {
      ok = false;
      continue;
    }
    if (sampler === "grid" && dimSize(dim) === Infinity) {
      ctx.error(
        "E_GRID_CONTINUOUS",
        `grid search cannot enumerate the continuous dimension "${k}" (${dim.kind})`,
        L.key(p),
        `list the values to try (${k}: [a, b, c]), or use sampler: random or tpe with trials: N`,
      );
      ok = false;
    }
    space.push({ name: k, dim });
  }
  if (ok && sampler === "grid") {
    const sizes = space.map((e) => dimSize(e.dim));
    const total = gridSize(space.map((e) => e.dim));
    if (total > GRID_MAX) {
      ctx.error(
        "E_GRID_TOO_LARGE",
        `grid search of node "${name}" has ${countText(total)} points (${sizes.join(" x ")}), more than the limit of ${GRID_MAX.toLocaleString("en-US")}`,
        L.value([...base, "sampler"]),
        `use sampler: random or tpe with trials: N (how many points to try), or list fewer values`,
      );
      ok = false;
    }
  }
  if ((sampler === "random" || sampler === "tpe") && trials === undefined && !has(raw, "trials")) {
    ctx.error("E_TRIALS_REQUIRED", `${sampler} search of node "${name}" needs "trials"`, L.value([...base, "sampler"]), `add trials: N (how many ${sampler} trials to run)`);
    ok = false;
  }
  if (sampler === "grid" && has(raw, "trials")) {
    ctx.warn("W_GRID_TRIALS", `grid search of node "${name}" ignores "trials": it runs every point of the grid`, L.key([...base, "trials"]), "remove trials, or use random/tpe");
  }
  if (!ok || !sampler) return undefined;
  const startup = typeof raw.startup === "number" && Number.isInteger(raw.startup) && raw.startup >= 1 ? raw.startup : undefined;
  if (has(raw, "startup") && sampler !== "tpe") {
    ctx.warn("W_STARTUP_IGNORED", `"startup" only applies to sampler: tpe`, L.key([...base, "startup"]), "remove it");
  }
  return { sampler, ...(trials !== undefined && sampler !== "grid" ? { trials } : {}), ...(startup !== undefined && sampler === "tpe" ? { startup } : {}), space };
}

function sameDataset(a: DatasetSpec | undefined, b: DatasetSpec | undefined): boolean {
  return canonical(a) === canonical(b);
}
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

/** Carried-param conflicts, best_per checks, dataset/layout mismatches. */
function checkCarried(pipeline: Pipeline, doc: Record<string, unknown>, ctx: Ctx): void {
  const L = ctx.locs;
  const order = topoOrder(pipeline);
  const an = analyzeCarried(pipeline, order, ctx.task);
  const byName = new Map(pipeline.nodes.map((n) => [n.name, n]));
  const defLoc = (c: CarriedOut): { message: string; loc: Loc } => {
    if (c.source === "param") return { message: `"${c.originParam}" is set here in node "${c.origin}" and carried by its artifact`, loc: L.key(["nodes", c.origin, "params", c.originParam]) };
    if (c.source === "searched") return { message: `"${c.originParam}" is searched here in node "${c.origin}" and carried by its artifact`, loc: L.key(["nodes", c.origin, "search", "space", c.originParam]) };
    return { message: `node "${c.origin}" carries "${c.originParam}" (${c.source === "default" ? `task default ${String(c.value)}` : "unset"})`, loc: L.key(["nodes", c.origin]) };
  };
  const nodesRaw = isObj(doc.nodes) ? doc.nodes : {};
  for (const n of pipeline.nodes) {
    const rec = an.received.get(n.name) ?? [];
    const raw = isObj(nodesRaw[n.name]) ? (nodesRaw[n.name] as Record<string, unknown>) : {};
    // Two inputs delivering the same param.
    const firstBy = new Map<string, string>();
    for (const r of rec) {
      const prev = firstBy.get(r.name);
      if (prev !== undefined && prev !== r.input) {
        const inp = n.inputs.find((i) => i.name === r.input)!;
        ctx.error("E_CARRIED_PARAM", `node "${n.name}" receives "${r.name}" from two inputs ("${prev}" and "${r.input}")`, inp.loc, "a param can be carried in by one input only");
      } else firstBy.set(r.name, r.input);
    }
    const seen = new Set<string>();
    for (const r of rec) {
      if (seen.has(r.name)) continue;
      seen.add(r.name);
      const inp = n.inputs.find((i) => i.name === r.input)!;
      const perHint = inp.select.kind === "best_per" && inp.select.params.includes(r.originParam);
      const renamed = r.originParam !== r.name ? ` as "${r.name}" (its "${r.originParam}")` : "";
      const fromTxt = `input "${r.input}" (node "${r.from}"${r.origin !== r.from ? `, which got it from "${r.origin}"` : ""})${renamed}`;
      const hint = perHint
        ? `remove it: with select: {best_per: [${r.originParam}]} each trial of "${n.name}" already loads the matching "${r.from}" trial`
        : r.origin !== r.from
          ? `remove it: it comes with "${r.from}"'s artifact. To vary it, search it in "${r.origin}" and select {best_per: [${r.originParam}]} on the inputs from there to "${n.name}"`
          : `remove it: it comes with "${r.from}"'s artifact. To vary it, search it in "${r.from}" and write ${r.input}: {node: ${r.from}, select: {best_per: [${r.originParam}]}}`;
      for (const [section, where] of [
        ["params", "sets"],
        ["space", "searches"],
      ] as const) {
        const present = section === "params" ? has(n.params, r.name) || (isObj(raw.params) && has(raw.params, r.name)) : isObj(raw.search) && isObj(raw.search.space) && has(raw.search.space, r.name);
        if (!present) continue;
        const at = section === "params" ? L.key(["nodes", n.name, "params", r.name]) : L.key(["nodes", n.name, "search", "space", r.name]);
        ctx.error(
          "E_CARRIED_PARAM",
          `node "${n.name}" ${where} "${r.name}", but "${r.name}" is carried in from ${fromTxt}: the upstream artifact fixes its value`,
          at,
          hint,
          [defLoc(r)],
        );
      }
    }
    if (n.command !== undefined) checkPlaceholders(n, raw, rec, ctx);
    // carries: [p] of a task without declared params: p must be a param the node has.
    if (Array.isArray(raw.carries) && ctx.task(n.task)?.params === null) {
      const mine = nodeParamNames(n, raw, rec);
      raw.carries.forEach((c, i) => {
        if (typeof c !== "string" || mine.has(c)) return;
        ctx.error(
          "E_UNKNOWN_CARRIED",
          `node "${n.name}" carries "${c}", but it has no param "${c}"${didYouMean(c, mine)}`,
          L.value(["nodes", n.name, "carries", i]),
          mine.size
            ? `a carried param is one the node sets (params), searches (search.space) or receives from an input: ${[...mine].join(", ")}`
            : `a carried param is one the node sets (params), searches (search.space) or receives from an input: add "${c}" to its params or search.space`,
        );
      });
    }
    // best_per params must vary upstream.
    for (const inp of n.inputs) {
      if (inp.select.kind !== "best_per") continue;
      const up = byName.get(inp.node);
      if (!up) continue;
      const varying = [...(up.search?.space.map((e) => e.name) ?? []), ...(an.received.get(up.name) ?? []).filter((r) => r.varies).map((r) => r.name)];
      inp.select.params.forEach((p, i) => {
        if (nodeVaries(an, up, p)) return;
        ctx.error(
          "E_BEST_PER_NOT_SEARCHED",
          `best_per param "${p}" is not searched by node "${up.name}"${didYouMean(p, varying)}`,
          L.value(["nodes", n.name, "inputs", inp.name, "select", "best_per", i]),
          `best_per groups "${up.name}"'s trials by a param it searches: add "${p}" to its search.space, or use select: best`,
          [{ message: `node "${up.name}"`, loc: up.loc }],
        );
      });
    }
    // dataset / feature layout
    const task = ctx.task(n.task);
    if (task?.usesDataset) {
      const mine = n.dataset ?? pipeline.dataset;
      for (const inp of n.inputs) {
        const up = byName.get(inp.node);
        const ut = up ? ctx.task(up.task) : undefined;
        if (!up || !ut?.carriesLayout) continue;
        const theirs = up.dataset ?? pipeline.dataset;
        if (sameDataset(mine, theirs)) continue;
        ctx.error(
          "E_DATASET_MISMATCH",
          `node "${n.name}" uses a different dataset than its input "${inp.name}" (node "${up.name}"), whose artifact carries a feature layout built on its own dataset`,
          n.dataset ? L.key(["nodes", n.name, "dataset"]) : inp.loc,
          `use the same dataset in both nodes (remove the node-level dataset override)`,
          [{ message: `"${up.name}" dataset`, loc: up.dataset ? L.key(["nodes", up.name, "dataset"]) : L.key(["dataset"]) }],
        );
      }
    }
  }
}

/** Params a node has: set, searched, or received from an input (raw names too, so one bad value does not cascade). */
function nodeParamNames(n: NodeSpec, raw: Record<string, unknown>, received: readonly Received[]): Set<string> {
  return new Set<string>([
    ...Object.keys(n.params),
    ...(isObj(raw.params) ? Object.keys(raw.params) : []),
    ...(n.search?.space.map((e) => e.name) ?? []),
    ...(isObj(raw.search) && isObj(raw.search.space) ? Object.keys(raw.search.space) : []),
    ...received.map((r) => r.name),
  ]);
}

/** A `{word}` or `{dotted.word}` not preceded by `$` (shell's `${var}`): maybe a misspelt placeholder. */
const BRACE_WORD = /(?<!\$)\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*)\}/g;
const SIMPLE_PLACEHOLDERS = ["out", "seed", "trial"];
const PLACEHOLDER_FORMS = "{out}, {seed}, {trial}, {params.NAME}, {inputs.NAME}";

/**
 * `{params.X}` / `{inputs.X}` of a shell command must name a param the node has (own,
 * searched or carried in) / one of its inputs; brace words close to a placeholder warn.
 */
function checkPlaceholders(n: NodeSpec, raw: Record<string, unknown>, received: readonly Received[], ctx: Ctx): void {
  const L = ctx.locs;
  const base: Path = ["nodes", n.name, "command"];
  const params = nodeParamNames(n, raw, received);
  const inputs = new Set<string>([...n.inputs.map((i) => i.name), ...(isObj(raw.inputs) ? Object.keys(raw.inputs) : [])]);
  const parts: [string, Path][] = typeof n.command === "string" ? [[n.command, base]] : (n.command ?? []).map((c, i) => [c, [...base, i]]);
  const list = (xs: Set<string>) => (xs.size ? [...xs].join(", ") : "none");
  for (const [text, path] of parts) {
    const at = L.value(path);
    const valid = new Set<string>();
    for (const ph of placeholders(text)) {
      valid.add(ph);
      const body = ph.slice(1, -1);
      const dot = body.indexOf(".");
      if (dot < 0) continue;
      const ns = body.slice(0, dot);
      const name = body.slice(dot + 1);
      if (ns === "params" && !params.has(name)) {
        ctx.error(
          "E_UNKNOWN_PLACEHOLDER",
          `command of node "${n.name}" uses ${ph}, but the node has no param "${name}"${didYouMean(name, params)}`,
          at,
          `params the command can use: ${list(params)} (the node's params, its search.space, and params carried in from its inputs)`,
        );
      } else if (ns === "inputs" && !inputs.has(name)) {
        ctx.error(
          "E_UNKNOWN_PLACEHOLDER",
          `command of node "${n.name}" uses ${ph}, but the node has no input "${name}"${didYouMean(name, inputs)}`,
          at,
          `inputs of node "${n.name}": ${list(inputs)}`,
        );
      }
    }
    const candidates = [...SIMPLE_PLACEHOLDERS, ...[...params].map((p) => `params.${p}`), ...[...inputs].map((i) => `inputs.${i}`)];
    for (const m of text.matchAll(BRACE_WORD)) {
      const word = m[1]!;
      if (valid.has(m[0])) continue;
      let suggestion = closest(word, candidates);
      const dot = word.indexOf(".");
      if (!suggestion && dot > 0) {
        const ns = closest(word.slice(0, dot), ["params", "inputs"]);
        if (ns) suggestion = `${ns}.${word.slice(dot + 1)}`;
      }
      if (!suggestion) continue;
      ctx.warn(
        "W_SUSPICIOUS_PLACEHOLDER",
        `command of node "${n.name}" has ${m[0]}, which is not a placeholder and is passed on as written (did you mean "{${suggestion}}"?)`,
        at,
        `placeholders are ${PLACEHOLDER_FORMS}`,
      );
    }
  }
}

/** `select: {top: N}` beyond the upstream node's planned trial count: it selects them all. */
function checkTopCounts(pipeline: Pipeline, ctx: Ctx): void {
  const plan = buildPlan(pipeline, ctx.task);
  const planned = new Map(plan.nodes.map((n) => [n.name, n]));
  for (const n of pipeline.nodes) {
    for (const inp of n.inputs) {
      if (inp.select.kind !== "top") continue;
      const up = planned.get(inp.node);
      if (!up || inp.select.n <= up.trials) continue;
      ctx.warn(
        "W_TOP_EXCEEDS_TRIALS",
        `input "${inp.name}" of node "${n.name}" selects the top ${inp.select.n} trials of "${up.name}", which runs ${up.upTo ? "at most " : ""}${up.trials} trial${up.trials === 1 ? "" : "s"}: all of them are selected`,
        ctx.locs.value(["nodes", n.name, "inputs", inp.name, "select", "top"]),
        `use {top: ${up.trials}} (or fewer), or give "${up.name}" more trials`,
        [{ message: `node "${up.name}"`, loc: ctx.locs.key(["nodes", up.name]) }],
      );
    }
  }
}
