#!/usr/bin/env node
import { createRequire } from "node:module";
import { Command, CommanderError } from "commander";
import { EXIT_INVALID } from "./loadForCommand.js";
import * as validate from "./validate.js";
import * as plan from "./plan.js";
import * as graph from "./graph.js";
import * as schema from "./schema.js";
import * as run from "./run.js";
import * as rerun from "./rerun.js";
import * as status from "./status.js";
import * as show from "./show.js";

/** Each command lives in its own file and exports register(program). */
const COMMANDS: { register(program: Command): void }[] = [validate, plan, graph, run, rerun, status, show, schema];

function version(): string {
  try {
    return (createRequire(import.meta.url)("../../../package.json") as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

export function createProgram(): Command {
  const program = new Command("dagtune")
    .description("multi-stage ML experiments as one YAML DAG, with per-node hyperparameter search")
    .version(version())
    .option("--verbose", "print stack traces of internal errors")
    .showHelpAfterError("(run dagtune --help for usage)")
    .exitOverride();
  for (const c of COMMANDS) c.register(program);
  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  // `dagtune run ... | head`: once the reader is gone, drop further output but let the command
  // (a run with trials in flight) finish and record everything, with its real exit code.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.stdout.write = (() => true) as typeof process.stdout.write;
  });
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander already printed the message (or the help / version).
      process.exitCode = e.code === "commander.helpDisplayed" || e.code === "commander.version" ? 0 : EXIT_INVALID;
      return;
    }
    const verbose = argv.includes("--verbose");
    const err = e as Error & { hint?: string };
    if (err?.name === "UsageError") {
      // A user error thrown by a command: one line, a hint, exit 2, no stack.
      process.stderr.write(`dagtune: error: ${err.message}\n${err.hint ? `  hint: ${err.hint}\n` : ""}`);
      process.exitCode = EXIT_INVALID;
      return;
    }
    process.stderr.write(`dagtune: internal error: ${err?.message ?? String(e)}${verbose ? "" : " (run with --verbose for the stack trace)"}\n`);
    if (verbose && err?.stack) process.stderr.write(err.stack + "\n");
    process.exitCode = 1;
  }
}

await main();
