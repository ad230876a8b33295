import { Option, type Command } from "commander";
import { toDot, toMermaid } from "../graph/render.js";
import { collect, loadForCommand } from "./loadForCommand.js";

interface Opts {
  set: string[];
  format: "mermaid" | "dot";
}

/** `dagtune graph FILE --format mermaid|dot`: edges labelled with input name and selection. */
export function register(program: Command): void {
  program
    .command("graph")
    .description("print the pipeline's DAG as Mermaid or Graphviz dot")
    .argument("<file>", "pipeline YAML file")
    .addOption(new Option("--format <format>", "output format").choices(["mermaid", "dot"]).default("mermaid"))
    .option("--set <key=value>", "override a value (repeatable)", collect, [])
    .action(async (file: string, opts: Opts) => {
      const pipeline = await loadForCommand(file, { set: opts.set });
      if (!pipeline) return;
      process.stdout.write(opts.format === "dot" ? toDot(pipeline) : toMermaid(pipeline));
    });
}
