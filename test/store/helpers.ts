/** Shared helpers for store tests: temp dirs and child processes that use the compiled store. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Absolute path of the compiled store module (dist/src/store/index.js). */
export const storeModule = fileURLToPath(new URL("../../src/store/index.js", import.meta.url));

export function tempDir(prefix = "dagtune-store-"): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

/**
 * Run an ESM script (body gets `store` = the compiled store module, `root`, `say(obj)` which
 * prints one JSON line) in a child node process. Resolves with the first JSON line it prints.
 */
export function spawnStoreScript(
  dir: string,
  body: string,
  root: string,
): { child: ChildProcess; first: Promise<Record<string, unknown>>; exited: Promise<number | null> } {
  const script = path.join(dir, `child-${Math.random().toString(36).slice(2)}.mjs`);
  fs.writeFileSync(
    script,
    `import * as store from ${JSON.stringify(storeModule)};\n` +
      `const root = ${JSON.stringify(root)};\n` +
      `const say = (o) => process.stdout.write(JSON.stringify(o) + "\\n");\n` +
      body,
  );
  const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const first = new Promise<Record<string, unknown>>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)) as Record<string, unknown>);
    });
    void exited.then((code) => reject(new Error(`child exited (${code}) before printing: ${err}`)));
  });
  return { child, first, exited };
}

/** Resolve once the process is gone or a zombie (a container's PID 1 may not reap orphans). */
export async function waitGone(pid: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    let state: string | null = null;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] ?? null;
    } catch {
      state = null;
    }
    if (state === null || state === "Z" || state === "X") return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`process ${pid} is still alive`);
}

export function procState(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] ?? null;
  } catch {
    return null;
  }
}
