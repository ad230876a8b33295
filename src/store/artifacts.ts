/**
 * Content-addressed artifact folders.
 *
 * Digest of a folder = sha256 over its sorted entries (relative POSIX paths, byte order):
 *   "D <path>\n"                         for every sub-folder (so empty folders count)
 *   "F <path> <size> <sha256(bytes)>\n"  for every regular file
 * The digest therefore depends only on names and bytes — not on where the folder lives,
 * mtimes, owners or permission bits. Symlinks and special files are rejected
 * (ArtifactError): a link's meaning depends on what lies outside the artifact.
 */
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { isErrno } from "./fsutil.js";

export const MANIFEST_VERSION = 1;

export interface ManifestEntry {
  /** Relative POSIX path inside the artifact. */
  path: string;
  type: "file" | "dir";
  /** Bytes (files only). */
  size?: number;
  /** sha256 hex of the file's bytes (files only). */
  sha256?: string;
}

export interface Manifest {
  version: number;
  digest: string;
  files: number;
  bytes: number;
  entries: ManifestEntry[];
}

export class ArtifactError extends Error {}

const CHUNK = 1 << 20;

/** Walk `root`, returning entries sorted by path bytes. Throws ArtifactError on links/special files. */
export function listEntries(root: string): { path: string; abs: string; type: "file" | "dir"; size: number }[] {
  const out: { path: string; abs: string; type: "file" | "dir"; size: number }[] = [];
  const walk = (absDir: string, relDir: string): void => {
    for (const d of fs.readdirSync(absDir, { withFileTypes: true })) {
      const rel = relDir ? `${relDir}/${d.name}` : d.name;
      const abs = path.join(absDir, d.name);
      if (d.isSymbolicLink()) {
        let target = "?";
        try { target = fs.readlinkSync(abs); } catch { /* keep "?" */ }
        throw new ArtifactError(
          `artifact contains a symbolic link: ${rel} -> ${target}; dagtune stores artifacts by content and does not follow links — write a real copy of the file instead`,
        );
      }
      if (d.isDirectory()) {
        out.push({ path: rel, abs, type: "dir", size: 0 });
        walk(abs, rel);
      } else if (d.isFile()) {
        out.push({ path: rel, abs, type: "file", size: fs.statSync(abs).size });
      } else {
        throw new ArtifactError(`artifact contains ${rel}, which is neither a regular file nor a folder (socket, FIFO or device)`);
      }
    }
  };
  walk(root, "");
  out.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  return out;
}

/** sha256 of one file's bytes; optionally fsync it while it is open. */
export function hashFile(abs: string, fsync = false): { sha256: string; size: number } {
  const h = createHash("sha256");
  const fd = fs.openSync(abs, "r");
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let size = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      h.update(n === CHUNK ? buf : buf.subarray(0, n));
      size += n;
    }
    if (fsync) fs.fsyncSync(fd);
    return { sha256: h.digest("hex"), size };
  } finally {
    fs.closeSync(fd);
  }
}

/** Hash a folder (see the module comment) and build its manifest. */
export function hashDir(root: string, opts: { fsync?: boolean } = {}): Manifest {
  const top = createHash("sha256");
  const entries: ManifestEntry[] = [];
  let files = 0;
  let bytes = 0;
  for (const e of listEntries(root)) {
    if (e.type === "dir") {
      top.update(`D ${e.path}\n`);
      entries.push({ path: e.path, type: "dir" });
      if (opts.fsync) fsyncDirQuiet(e.abs);
    } else {
      const f = hashFile(e.abs, opts.fsync);
      top.update(`F ${e.path} ${f.size} ${f.sha256}\n`);
      entries.push({ path: e.path, type: "file", size: f.size, sha256: f.sha256 });
      files++;
      bytes += f.size;
    }
  }
  if (opts.fsync) fsyncDirQuiet(root);
  return { version: MANIFEST_VERSION, digest: top.digest("hex"), files, bytes, entries };
}

function fsyncDirQuiet(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch (e) {
    if (!isErrno(e, "EISDIR", "EPERM", "EINVAL", "EBADF")) throw e;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Why the folder at `dir` does not match `manifest` (and its digest), or null if it does.
 * Cheap checks first (entry list, sizes), then a full re-hash of every byte.
 */
export function verifyDir(dir: string, manifest: Manifest | null, digest: string): string | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    return "artifact folder is missing";
  }
  if (!st.isDirectory()) return "artifact path is not a folder";
  let listed: ReturnType<typeof listEntries>;
  try {
    listed = listEntries(dir);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (manifest) {
    if (manifest.digest !== digest) return `manifest records digest ${manifest.digest}, expected ${digest}`;
    const want = new Map(manifest.entries.map((e) => [e.path, e]));
    for (const e of listed) {
      const m = want.get(e.path);
      if (!m) return `unexpected ${e.type} ${e.path}`;
      if (m.type !== e.type) return `${e.path} is a ${e.type}, was a ${m.type}`;
      if (e.type === "file" && m.size !== e.size) return `${e.path} has ${e.size} bytes, was ${m.size}`;
      want.delete(e.path);
    }
    const missing = [...want.keys()];
    if (missing.length > 0) return `missing ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ` and ${missing.length - 3} more` : ""}`;
  }
  let now: Manifest;
  try {
    now = hashDir(dir);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (now.digest === digest) return null;
  if (manifest) {
    const byPath = new Map(now.entries.map((e) => [e.path, e]));
    for (const m of manifest.entries) {
      if (m.type === "file" && byPath.get(m.path)?.sha256 !== m.sha256) return `${m.path} was modified`;
    }
  }
  return `content digest is ${now.digest}, expected ${digest}`;
}
