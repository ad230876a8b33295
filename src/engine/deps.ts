import * as fs from "node:fs";
import * as path from "node:path";
import type { Pipeline } from "../spec/types.js";
import { hashDir, hashFile } from "../store/artifacts.js";

export class DepError extends Error {
  constructor(
    readonly node: string,
    readonly dep: string,
    message: string,
  ) {
    super(message);
    this.name = "DepError";
  }
}

/**
 * Content digests of every node's declared `deps` (files or folders relative to the pipeline
 * file), keyed by the path as written, so moving the project keeps them and editing a script
 * changes them. Throws DepError for a dep that does not exist.
 */
export function depDigests(p: Pipeline): Record<string, Record<string, string>> {
  const dir = path.dirname(p.file);
  const memo = new Map<string, string>();
  const out: Record<string, Record<string, string>> = {};
  for (const n of p.nodes) {
    if (!n.deps?.length) continue;
    out[n.name] = {};
    for (const dep of n.deps) {
      const abs = path.resolve(dir, dep);
      if (!memo.has(abs)) {
        let st: fs.Stats;
        try {
          st = fs.statSync(abs);
        } catch {
          throw new DepError(n.name, dep, `deps of node "${n.name}": ${dep} does not exist (looked for ${abs})`);
        }
        try {
          memo.set(abs, st.isDirectory() ? `dir:${hashDir(abs).digest}` : `file:${hashFile(abs).sha256}`);
        } catch (e) {
          throw new DepError(n.name, dep, `deps of node "${n.name}": cannot hash ${dep}: ${(e as Error).message}`);
        }
      }
      out[n.name]![dep] = memo.get(abs)!;
    }
  }
  return out;
}
