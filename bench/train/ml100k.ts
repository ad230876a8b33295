/**
 * The ml-100k quality bar: teacher (ctr.train crossnet) -> ctr.distill -> ctr.finetune with the task
 * defaults of src/tasks/registry.ts (embedding_size 16, depth 3), label rating>=4 (3 dropped),
 * random 0.8/0.1/0.1 split. Prints each stage's metrics.
 *
 *   node dist/bench/train/ml100k.js [--data ../shared/data/ml-100k] [--type inner|outer] [--seed 2023] [--backend auto]
 *        [--set key=value ...]   (override a param on every stage, e.g. --set learning_rate=0.002)
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TASKS } from "../../src/tasks/registry.js";
import { ctrRunners } from "../../src/tasks/ctr/index.js";
import type { TrialContext } from "../../src/tasks/types.js";
import type { Params } from "../../src/spec/types.js";

const argv = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : def;
};
const sets: Params = {};
argv.forEach((a, i) => {
  if (a === "--set" && argv[i + 1]) {
    const [k, v] = argv[i + 1]!.split("=");
    sets[k!] = Number.isNaN(Number(v)) ? v! : Number(v);
  }
});
const dataDir = path.resolve(opt("--data", path.join(process.cwd(), "..", "shared", "data", "ml-100k")));
const seed = Number(opt("--seed", "2023"));
const backend = opt("--backend", "auto");
const type = opt("--type", "inner");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "dagtune-ml100k-"));

function defaults(task: string): Params {
  const p: Params = {};
  for (const [k, d] of Object.entries(TASKS[task]!.params!)) if (d.default !== undefined) p[k] = d.default;
  return p;
}

async function stage(task: string, node: string, params: Params, inputs: Record<string, string>): Promise<Record<string, number>> {
  const out = path.join(root, node);
  fs.mkdirSync(out);
  const t0 = Date.now();
  const ctx: TrialContext = {
    node,
    index: 0,
    trial: `${node}@0`,
    params: { ...defaults(task), ...params, ...sets },
    inputs,
    out,
    seed,
    dataset: { format: "recbole", path: dataDir, label: { field: "rating", threshold: 4, drop: [3] }, options: { split_seed: seed } },
    metric: "valid.auc",
    goal: "maximize",
    backend,
    report: (p) => process.stdout.write(`  ${node} epoch ${p.epoch}/${p.epochs} valid.auc ${p.metrics["valid.auc"]!.toFixed(4)} loss ${p.metrics["train.loss"]!.toFixed(4)}\n`),
  };
  const m = await ctrRunners[task]!(ctx);
  console.log(`${node}: ${JSON.stringify(m)}  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return m;
}

const teacher = await stage("ctr.train", "teacher", { model: "crossnet" }, {});
const distill = await stage("ctr.distill", "distill", { type, teacher_model: "crossnet", teacher_depth: 3 }, { teacher: path.join(root, "teacher") });
const finetune = await stage("ctr.finetune", "finetune", { type }, { student: path.join(root, "distill") });
console.log(
  `ml-100k test AUC: teacher ${teacher["test.auc"]!.toFixed(4)} (bar >= 0.842), distilled student ${distill["test.auc"]!.toFixed(4)}, ` +
    `finetuned student ${finetune["test.auc"]!.toFixed(4)} (gap to teacher ${(teacher["test.auc"]! - finetune["test.auc"]!).toFixed(4)}, bar <= 0.005)`,
);
fs.rmSync(root, { recursive: true, force: true });
