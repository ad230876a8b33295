import type { Command } from "commander";
import type { Pipeline } from "../spec/types.js";
import { cachedCounts } from "../engine/run.js";
import { depDigests } from "../engine/deps.js";
import { digestDatasets } from "../engine/datasets.js";
import { openStore } from "../store/index.js";
import { datasetDigest } from "../ml/data/index.js";
import { hasStore, storeDir } from "./common.js";
import { buildPlan } from "../graph/plan.js";
import { renderPlan } from "../graph/render.js";
import { collect, loadForCommand } from "./loadForCommand.js";

interface Opts {
  set: string[];
  json?: boolean;
  store?: string;
}

/** Trials already cached per node, when the pipeline's store exists (read-only). */
async function cached(pipeline: Pipeline, file: string, store?: string): Promise<Record<string, number> | undefined> {
  const dir = storeDir(store, file);
  if (!hasStore(dir)) return undefined;
  const s = openStore(dir);
  try {
    return await cachedCounts(pipeline, s, await digestDatasets(pipeline, datasetDigest), depDigests(pipeline));
  } catch {
    return undefined; // a missing dataset or dep: `run` reports it; the plan shows no cached counts
  } finally {
    s.close();
  }
}

/** `dagtune plan FILE`: nodes in execution order, trials, fixed / searched / carried params. */
export function register(program: Command): void {
  program
    .command("plan")
    .description("show what a run would do: nodes in order, trial counts, fixed, searched and carried params")
    .argument("<file>", "pipeline YAML file")
    .option("--set <key=value>", "override a value (repeatable)", collect, [])
    .option("--json", "print the plan as JSON")
    .option("--store <dir>", "store to count cached trials in (default: artifacts/ beside the file)")
    .action(async (file: string, opts: Opts) => {
      const pipeline = await loadForCommand(file, { set: opts.set });
      if (!pipeline) return;
      const plan = buildPlan(pipeline);
      const counts = await cached(pipeline, file, opts.store);
      process.stdout.write(opts.json ? JSON.stringify({ ...plan, cached: counts ?? null }, null, 2) + "\n" : renderPlan(plan, { file, cached: counts }));
    });
}
