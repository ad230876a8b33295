import type { Command } from "commander";
import { buildPlan } from "../graph/plan.js";
import { renderPlan } from "../graph/render.js";
import { collect, loadForCommand } from "./loadForCommand.js";

interface Opts {
  set: string[];
  json?: boolean;
}

/** `dagtune plan FILE`: nodes in execution order, trials, fixed / searched / carried params. */
export function register(program: Command): void {
  program
    .command("plan")
    .description("show what a run would do: nodes in order, trial counts, fixed, searched and carried params")
    .argument("<file>", "pipeline YAML file")
    .option("--set <key=value>", "override a value (repeatable)", collect, [])
    .option("--json", "print the plan as JSON")
    .action(async (file: string, opts: Opts) => {
      const pipeline = await loadForCommand(file, { set: opts.set });
      if (!pipeline) return;
      const plan = buildPlan(pipeline);
      process.stdout.write(opts.json ? JSON.stringify(plan, null, 2) + "\n" : renderPlan(plan, { file }));
    });
}
