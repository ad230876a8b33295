/** Small durable-filesystem helpers used by the store (and by the engine for lock files). */
import fs from "node:fs";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";

/**
 * Write `value` as pretty JSON to `file` atomically: the content goes to a temporary
 * file in the same folder, is fsync'ed, then renamed over `file`. A reader (or a crash)
 * sees either the old file or the whole new one, never a torn write. Creates the folder.
 */
export function writeJsonAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = JSON.stringify(value, null, 2);
  if (text === undefined) throw new Error(`writeJsonAtomic: value for ${file} has no JSON representation`);
  writeFileAtomic.sync(file, text + "\n", { fsync: true, encoding: "utf8" });
  fsyncDir(path.dirname(file));
}

/** fsync a directory so a rename/create inside it survives power loss. Best effort on platforms that refuse. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Windows cannot open directories; some filesystems reject fsync on them.
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL" && code !== "EBADF") throw e;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** rm -rf that never throws for a missing path and makes read-only entries removable. */
export function removeTree(p: string): void {
  fs.rmSync(p, { recursive: true, force: true, maxRetries: 3 });
}

export function isErrno(e: unknown, ...codes: string[]): boolean {
  return typeof e === "object" && e !== null && codes.includes((e as NodeJS.ErrnoException).code ?? "");
}
