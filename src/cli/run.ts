import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import type { Pipeline } from "../spec/types.js";
import { runPipeline } from "../engine/run.js";
import { summarize } from "../engine/summary.js";
import { openStore } from "../store/index.js";
import { StoreLockedError } from "../store/types.js";
import { LocalExecutor } from "../executors/local.js";
import { probeBackend } from "../executors/backend.js";
import { shellQuote } from "../tasks/shell.js";
import { DepError, depDigests } from "../engine/deps.js";
import { createReporter, chooseMode, renderSummary, useColor } from "../report/index.js";
import { fromSelection } from "../graph/graph.js";
import { didYouMean } from "../spec/suggest.js";
import { EXIT_INTERRUPTED, UsageError, parseBackend, parseConcurrency, storeDir } from "./common.js";
import { EXIT_FAILED, EXIT_INVALID, EXIT_OK, collect, loadForCommand } from "./loadForCommand.js";
import { DataError, datasetDigest } from "../ml/data/index.js";
import { renderDiagnostics } from "../report/diagnostics.js";
import { digestDatasets, type DatasetDigests } from "../engine/datasets.js";
import type { Diagnostic } from "../spec/diagnostic.js";

/** Input found invalid after loading (a dataset that cannot be read): exit 2, nothing run. */
class InvalidInput extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join("; "));
  }
}

export interface RunFlags {
  only?: string[];
  from?: string;
  concurrency?: number;
  store?: string;
  force?: string[];
  set?: string[];
  backend?: string;
  json?: boolean;
  verbose?: boolean;
}

const workerPath = fileURLToPath(new URL("../executors/worker.js", import.meta.url));

function checkNodeName(p: Pipeline, name: string, flag: string): void {
  if (!p.nodes.some((n) => n.name === name)) {
    throw new UsageError(`${flag} ${name}: no such node in ${p.file}${didYouMean(name, p.nodes.map((n) => n.name))}`, `nodes: ${p.nodes.map((n) => n.name).join(", ")}`);
  }
}

/** The argv to record for `rerun --failed`: everything but --force. */
function rerunArgv(file: string, f: RunFlags): string[] {
  const a = ["run", file];
  for (const o of f.only ?? []) a.push("--only", o);
  if (f.from) a.push("--from", f.from);
  for (const s of f.set ?? []) a.push("--set", s);
  if (f.backend) a.push("--backend", f.backend);
  return a;
}

/** Run a pipeline file; returns the process exit code. */
export async function executeRun(file: string, f: RunFlags, recorded?: Pipeline): Promise<number> {
  // `rerun` hands over the pipeline a run recorded (overrides applied), not the file as it is now.
  const pipeline = recorded ?? (await loadForCommand(file, { set: f.set ?? [] }));
  if (!pipeline) return EXIT_INVALID;
  for (const o of f.only ?? []) checkNodeName(pipeline, o, "--only");
  if (f.from) checkNodeName(pipeline, f.from, "--from");
  const force = new Set(f.force ?? []);
  for (const o of force) if (o !== "all") checkNodeName(pipeline, o, "--force");

  let runSet: Set<string> | undefined;
  if (f.only?.length) runSet = new Set(f.only);
  if (f.from) runSet = new Set([...(runSet ?? []), ...fromSelection(pipeline, f.from)]);

  // Every dataset must be readable before anything runs (a bad path is exit 2, not N failed trials).
  let datasets: DatasetDigests;
  try {
    datasets = await digestDatasets(pipeline, datasetDigest, (e, node) => {
      if (!(e instanceof DataError)) throw e;
      const message = `dataset ${e.file}${e.line ? `:${e.line}` : ""}: ${e.what}`;
      const loc = pipeline.datasetLocs?.[node.dataset ? node.name : ""];
      throw new InvalidInput([{ severity: "error", code: e.code, message, loc, hint: e.hint }]);
    });
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e;
    process.stderr.write(renderDiagnostics(e.diagnostics, { color: useColor(process.stderr), sources: {} }));
    return EXIT_INVALID;
  }

  let deps: Record<string, Record<string, string>>;
  try {
    deps = depDigests(pipeline);
  } catch (e) {
    if (!(e instanceof DepError)) throw e;
    const loc = pipeline.nodes.find((n) => n.name === e.node)?.loc;
    process.stderr.write(renderDiagnostics([{ severity: "error", code: "E_DEP_MISSING", message: e.message, loc, hint: "deps are files or folders relative to the pipeline file" }], { color: useColor(process.stderr), sources: {} }));
    return EXIT_INVALID;
  }

  const dir = storeDir(f.store, file);
  let store: ReturnType<typeof openStore>;
  try {
    store = openStore(dir);
  } catch (e) {
    throw new UsageError(`cannot use ${dir} as a store: ${(e as Error).message}`, "--store names a folder (it is created if missing)");
  }
  const stream = process.stdout;
  const mode = chooseMode(stream, { json: f.json });
  const color = useColor(stream);
  const reporter = createReporter({ mode, color, stream, verbose: !!f.verbose });
  let lock;
  try {
    lock = store.lock((pid) => reporter.event({ type: "warning", message: `cleared a stale store lock of pid ${pid} (that process is gone)` }));
  } catch (e) {
    store.close();
    if (e instanceof StoreLockedError) {
      throw new UsageError(`another dagtune run (pid ${e.pid}) is using the store ${dir}`, `wait for it to finish, or stop it (kill ${e.pid}); its lock is ${e.lockPath}`);
    }
    throw e;
  }
  const recovered = store.recoverCrashed();
  if (recovered.length) {
    reporter.event({
      type: "warning",
      message: `${recovered.length} trial(s) left running by a crashed run were marked interrupted and will run again: ${recovered.map((t) => `${t.node}@${t.index}`).join(", ")}`,
    });
  }

  const ac = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      reporter.event({ type: "warning", message: "interrupted: stopping running trials (Ctrl-C again to quit at once)" });
      ac.abort();
    } else process.exit(EXIT_INTERRUPTED);
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigint);

  const t0 = Date.now();
  let backend = f.backend ?? "auto";
  if (pipeline.nodes.some((n) => n.task.startsWith("ctr."))) {
    try {
      backend = await probeBackend(workerPath, backend);
    } catch (e) {
      lock.release();
      store.close();
      throw new UsageError(`backend ${backend} cannot be used: ${(e as Error).message}`, "choose another with --backend wasm (or cpu)");
    }
  }
  try {
    const result = await runPipeline({
      pipeline,
      store,
      executor: new LocalExecutor(f.concurrency ?? os.availableParallelism()),
      runSet,
      force: force.has("all") ? "all" : force,
      backend,
      argv: rerunArgv(path.resolve(file), f),
      signal: ac.signal,
      emit: (e) => reporter.event(e),
      datasets,
      workerPath,
      deps,
    });
    reporter.close();
    if (mode !== "json") {
      const rerun = `dagtune rerun --failed --store ${shellQuote(dir)}`;
      stream.write(renderSummary(summarize(pipeline, result, dir, Date.now() - t0, rerun), color) + "\n");
    }
    if (result.status === "interrupted") return EXIT_INTERRUPTED;
    return result.status === "succeeded" ? EXIT_OK : EXIT_FAILED;
  } finally {
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigint);
    lock.release();
    store.close();
  }
}

export function register(program: Command): void {
  program
    .command("run")
    .description("run a pipeline: every node's trials, best selection, carried params downstream; cached trials are reused")
    .argument("<file>", "pipeline YAML file")
    .option("--only <node>", "run only this node (repeatable); other nodes reuse cached results", collect)
    .option("--from <node>", "run this node and everything downstream of it; upstream nodes reuse cached results")
    .option("--concurrency <n>", "trials running at once, across all nodes (default: number of cores)", parseConcurrency)
    .option("--store <dir>", "store folder (default: artifacts/ beside the pipeline file, or $DAGTUNE_STORE)")
    .option("--force <node>", "rerun this node's trials even if cached (repeatable; `all` for every node)", collect)
    .option("--set <key=value>", "override a pipeline value before validation, e.g. dataset.path=data/x (repeatable)", collect)
    .option("--backend <name>", "TensorFlow.js backend for ctr tasks: auto | tensorflow | wasm | cpu", parseBackend)
    .option("--json", "print one JSON event per line instead of progress")
    .option("--verbose", "print stack traces of internal errors")
    .action(async (file: string, flags: RunFlags) => {
      process.exitCode = await executeRun(file, flags);
    });
}
