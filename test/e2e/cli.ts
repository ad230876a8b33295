/** Helpers for end-to-end tests that drive the real CLI (dist/src/cli/main.js). */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** dist/test/e2e -> repo root */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const CLI = path.join(ROOT, "dist/src/cli/main.js");
/** The stand-in training script (a source file, not compiled). */
export const STAGE = path.join(ROOT, "test/e2e/fixtures/stage.mjs");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Plain (non-TTY) output, no colour. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...extra };
  delete e.FORCE_COLOR;
  return e;
}

export function dagtune(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: env(opts.env), encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function dagtuneAsync(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: env(opts.env), stdio: ["ignore", "pipe", "pipe"] });
}

export function exited(child: ChildProcess): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => (stdout += d));
  child.stderr?.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** A fresh project folder (removed by the caller's cleanup). */
export function project(prefix = "dagtune-e2e-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Lines of the CALLS_LOG the stage script appends to: what really executed. */
export interface Call {
  trial: string;
  params: Record<string, unknown>;
  argv: string[];
  seed: string;
  pid: number;
  out: string;
  /** ckpt.json of each input, by lower-cased input name */
  inputs: Record<string, { trial: string; params: Record<string, unknown> }>;
}

export function calls(file: string): Call[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** The run's lock file (the newest in the store). */
export function lastLock(store: string): any {
  const dir = path.join(store, "locks");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".lock.json"));
  files.sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  return JSON.parse(fs.readFileSync(path.join(dir, files.at(-1)!), "utf8"));
}

export async function waitFor(pred: () => boolean, ms = 90_000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
