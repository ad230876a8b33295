import * as path from "node:path";
import type { Command } from "commander";
import { openStore } from "../store/index.js";
import { finalRows } from "../engine/inspect.js";
import type { Pipeline } from "../spec/types.js";
import { UsageError, existingStore, storeDir, parseConcurrency } from "./common.js";
import { executeRun, type RunFlags } from "./run.js";

interface Flags {
  failed?: boolean;
  store?: string;
  concurrency?: number;
  json?: boolean;
  verbose?: boolean;
}

/** Parse the recorded `run FILE [--only N] [--from N] [--set k=v] [--backend B]` argv back into flags. */
function recordedFlags(argv: string[]): { file: string; flags: RunFlags } {
  const [, file, ...rest] = argv;
  const flags: RunFlags = {};
  for (let i = 0; i < rest.length; i += 2) {
    const [k, v] = [rest[i], rest[i + 1]!];
    if (k === "--only") flags.only = [...(flags.only ?? []), v];
    else if (k === "--from") flags.from = v;
    else if (k === "--set") flags.set = [...(flags.set ?? []), v];
    else if (k === "--backend") flags.backend = v;
  }
  return { file: file!, flags };
}

export function register(program: Command): void {
  program
    .command("rerun")
    .description("rerun the failed (and interrupted) trials of the last run, reuse everything else, and re-select")
    .argument("[file]", "pipeline file: its store is artifacts/ beside it (the run itself is replayed as recorded)")
    .option("--failed", "rerun the failed trials (required: the only mode so far)")
    .option("--store <dir>", "store folder (default: artifacts/ beside FILE, or ./artifacts)")
    .option("--concurrency <n>", "trials running at once", parseConcurrency)
    .option("--json", "print one JSON event per line")
    .option("--verbose", "print stack traces of internal errors")
    .action(async (pipelineFile: string | undefined, f: Flags) => {
      if (!f.failed) throw new UsageError("say what to rerun: dagtune rerun --failed");
      const store = openStore(existingStore(storeDir(f.store, pipelineFile)));
      let file: string;
      let flags: RunFlags;
      let recorded: Pipeline;
      try {
        const run = store.lastRun(pipelineFile ? path.resolve(pipelineFile) : undefined);
        if (!run) throw new UsageError(`no runs in the store ${store.root}`, "start one with dagtune run FILE");
        ({ file, flags } = recordedFlags(run.argv));
        recorded = JSON.parse(run.declaration) as Pipeline;
        const rows = store.trialsOfRun(run.id);
        const again = recorded.nodes
          .flatMap((n) => finalRows(rows, n.name))
          .filter((r) => r.status === "failed" || r.status === "interrupted" || r.status === "running" || r.value === null);
        const unfinished = run.status !== "succeeded";
        if (!again.length && !unfinished) {
          process.stderr.write(`nothing to rerun: run ${run.id} (${file}) succeeded\n`);
          return;
        }
        process.stderr.write(
          `rerunning run ${run.id} (${file}) as recorded: ${again.length} failed or interrupted trial(s)` +
            `${unfinished ? " and the trials it did not reach" : ""}; successful trials are reused\n`,
        );
      } finally {
        store.close();
      }
      process.exitCode = await executeRun(file, { ...flags, store: store.root, concurrency: f.concurrency, json: f.json, verbose: f.verbose }, recorded);
    });
}
