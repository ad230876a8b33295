import { readFile } from "node:fs/promises";
import { canonicalJson, sha256Hex as sha256 } from "../../util/digest.js";
import type { DatasetSpec } from "../../spec/types.js";
import { ENCODING_VERSION } from "./encode.js";
import type { SyntheticOptions } from "./synthetic.js";

/** Role of a source file -> sha256 of its bytes (null = absent). Names and paths are not part. */
export type FileHashes = Record<string, string | null>;

export function hashBytes(b: Buffer | null): string | null {
  return b ? sha256(b) : null;
}

/** Drop undefined members so canonical JSON is well defined. */
function plain(x: unknown): unknown {
  return x === undefined ? null : JSON.parse(JSON.stringify(x));
}

/**
 * Dataset digest: sha256 of the canonical JSON (RFC 8785) of the format, label, fields,
 * options, split seed, encoding version and the source files' content hashes
 * (synthetic: the generator's resolved options instead of files).
 */
export function digestOf(spec: DatasetSpec, seed: number, files: FileHashes | null, synthetic?: SyntheticOptions): string {
  const doc = {
    dagtune_dataset: 1,
    encoding: ENCODING_VERSION,
    format: spec.format,
    label: spec.format === "synthetic" ? null : plain(spec.label),
    fields: plain(spec.fields),
    options: synthetic ? plain({ ...(spec.options ?? {}), ...synthetic }) : plain(spec.options ?? {}),
    split_seed: seed,
    files,
  };
  return sha256(canonicalJson(doc));
}

export async function readAndHash(path: string): Promise<{ bytes: Buffer; hash: string }> {
  const bytes = await readFile(path);
  return { bytes, hash: sha256(bytes) };
}
