import * as fs from "node:fs";
import * as path from "node:path";
import { InvalidArgumentError } from "commander";

/** Ctrl-C: the run stopped its trials and recorded them as interrupted. */
export const EXIT_INTERRUPTED = 130;

/** A user error (bad flag, unknown node, no store): one line + hint, exit 2, no stack. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

export function parseConcurrency(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number >= 1");
  return n;
}

export const BACKENDS = ["auto", "tensorflow", "wasm", "cpu"] as const;

export function parseBackend(v: string): string {
  if (!(BACKENDS as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected one of ${BACKENDS.join(", ")}`);
  return v;
}

/** The store folder: --store, else $DAGTUNE_STORE, else artifacts/ beside the pipeline file (or in the cwd). */
export function storeDir(opt: string | undefined, pipelineFile?: string): string {
  if (opt) return path.resolve(opt);
  if (process.env.DAGTUNE_STORE) return path.resolve(process.env.DAGTUNE_STORE);
  return pipelineFile ? path.join(path.dirname(path.resolve(pipelineFile)), "artifacts") : path.resolve("artifacts");
}

/** Whether `dir` holds a dagtune store (without creating one). */
export const hasStore = (dir: string): boolean => fs.existsSync(path.join(dir, "ledger.sqlite"));

/** An existing store, or a UsageError that says how to get one. */
export function existingStore(dir: string): string {
  if (!hasStore(dir)) {
    throw new UsageError(`no dagtune store at ${dir}`, "run a pipeline first (dagtune run FILE), or point at its store with --store DIR");
  }
  return dir;
}
