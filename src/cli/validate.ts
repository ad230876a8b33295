import type { Command } from "commander";
import { loadPipeline } from "../index.js";
import { buildPlan } from "../graph/plan.js";
import { renderDiagnostics, useColor } from "../report/diagnostics.js";
import { collect, EXIT_INVALID } from "./loadForCommand.js";

interface Opts {
  set: string[];
  json?: boolean;
}

/** `dagtune validate FILE`: exit 0 with a one-line summary, or the diagnostics and exit 2. */
export function register(program: Command): void {
  program
    .command("validate")
    .description("check a pipeline file; report every problem with file:line:col")
    .argument("<file>", "pipeline YAML file")
    .option("--set <key=value>", "override a value before validation (repeatable), e.g. dataset.path=data/ml-100k", collect, [])
    .option("--json", "print the result as JSON")
    .action(async (file: string, opts: Opts) => {
      const r = await loadPipeline(file, { set: opts.set });
      const diagnostics = r.ok ? r.warnings : r.diagnostics;
      if (!r.ok) process.exitCode = EXIT_INVALID;
      if (opts.json) {
        const out: Record<string, unknown> = { ok: r.ok, file, diagnostics };
        if (r.ok) {
          const plan = buildPlan(r.pipeline);
          Object.assign(out, { name: r.pipeline.name, nodes: plan.order, trials: plan.totalTrials });
        }
        process.stdout.write(JSON.stringify(out, null, 2) + "\n");
        return;
      }
      const sources = r.source !== undefined ? { [file]: r.source } : {};
      if (diagnostics.length) process.stderr.write(renderDiagnostics(diagnostics, { color: useColor(process.stderr), sources }));
      if (r.ok) {
        const plan = buildPlan(r.pipeline);
        const w = r.warnings.length;
        process.stdout.write(
          `${file}: ok: pipeline ${r.pipeline.name}, ${plan.nodes.length} node${plan.nodes.length === 1 ? "" : "s"}, ${plan.nodes.some((n) => n.upTo) ? "up to " : ""}${plan.totalTrials} trial${plan.totalTrials === 1 ? "" : "s"}${w ? `, ${w} warning${w === 1 ? "" : "s"}` : ""}\n`,
        );
      }
    });
}
