/**
 * Checkpoints: `model.json` (metadata + param table) and `weights.bin` (float32 little-endian, the
 * params concatenated in table order), written into a trial's output folder.
 *
 * Loading checks the metadata against what the loading trial expects and each param's shape against
 * the model it is loaded into; any difference is a CheckpointMismatchError naming the param and both
 * values, never a raw tensor shape error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";
import type { Variable } from "@tensorflow/tfjs-core";
import { tf } from "./backend.js";
import type { DagfmType, ModelKind } from "./models/types.js";

export const CHECKPOINT_FORMAT = "dagtune.ctr-checkpoint";
export const CHECKPOINT_VERSION = 1;
export const META_FILE = "model.json";
export const WEIGHTS_FILE = "weights.bin";

export interface ParamEntry {
  name: string;
  shape: number[];
  /** Offset in float32 elements into weights.bin. */
  offset: number;
}

/** What a checkpoint is; these are also the fields a loader can check. */
export interface CheckpointInfo {
  task: string;
  model: ModelKind;
  embedding_size: number;
  depth: number;
  /** DAGFM type; null for crossnet. */
  type: DagfmType | null;
  fields: number;
  feature_layout_digest: string;
  dataset_digest: string;
  /** TF.js backend the checkpoint was trained on. */
  backend: string;
}

export interface CheckpointMeta extends CheckpointInfo {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  params: ParamEntry[];
  /** sha256 hex of weights.bin. */
  weights_sha256: string;
}

export class CheckpointError extends Error {
  constructor(
    message: string,
    readonly dir: string,
  ) {
    super(message);
    this.name = "CheckpointError";
  }
}

/** A checkpoint does not fit the loading trial: `param` differs (checkpoint has `actual`, the trial `expected`). */
export class CheckpointMismatchError extends Error {
  constructor(
    readonly role: string,
    readonly param: string,
    readonly actual: string | number | null,
    readonly expected: string | number | null,
    hint = "",
  ) {
    super(`${role} checkpoint has ${param} ${fmt(actual)}, this trial has ${fmt(expected)}${hint ? ` (${hint})` : ""}`);
    this.name = "CheckpointMismatchError";
  }
}

const fmt = (v: string | number | null): string => (v === null ? "none" : typeof v === "string" && /^[0-9a-f]{40,}$/.test(v) ? v.slice(0, 12) : String(v));

/** Write model.json + weights.bin into `dir` (created if needed). */
export function saveCheckpoint(dir: string, info: CheckpointInfo, params: Map<string, Variable>): CheckpointMeta {
  fs.mkdirSync(dir, { recursive: true });
  const entries: ParamEntry[] = [];
  let total = 0;
  for (const [name, v] of params) {
    entries.push({ name, shape: [...v.shape], offset: total });
    total += v.size;
  }
  const all = new Float32Array(total);
  for (const [i, v] of [...params.values()].entries()) all.set(v.dataSync() as Float32Array, entries[i]!.offset);
  const bytes = Buffer.from(all.buffer, all.byteOffset, all.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error("big-endian hosts are not supported for checkpoints");
  fs.writeFileSync(path.join(dir, WEIGHTS_FILE), bytes);
  const meta: CheckpointMeta = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    ...info,
    params: entries,
    weights_sha256: createHash("sha256").update(bytes).digest("hex"),
  };
  fs.writeFileSync(path.join(dir, META_FILE), JSON.stringify(meta, null, 2) + "\n");
  return meta;
}

export interface Checkpoint {
  dir: string;
  meta: CheckpointMeta;
  weights: Map<string, Float32Array>;
}

/** Read and verify a checkpoint folder (format, digest of the weights, param table bounds). */
export function readCheckpoint(dir: string, role = "input"): Checkpoint {
  const metaPath = path.join(dir, META_FILE);
  const wPath = path.join(dir, WEIGHTS_FILE);
  if (!fs.existsSync(metaPath) || !fs.existsSync(wPath))
    throw new CheckpointError(`${role} artifact ${dir} is not a ctr checkpoint (missing ${!fs.existsSync(metaPath) ? META_FILE : WEIGHTS_FILE})`, dir);
  let meta: CheckpointMeta;
  try {
    meta = JSON.parse(fs.readFileSync(metaPath, "utf8")) as CheckpointMeta;
  } catch (e) {
    throw new CheckpointError(`${role} checkpoint ${metaPath}: invalid JSON (${(e as Error).message})`, dir);
  }
  if (meta.format !== CHECKPOINT_FORMAT || meta.version !== CHECKPOINT_VERSION)
    throw new CheckpointError(`${role} checkpoint ${metaPath}: unsupported format ${String(meta.format)} v${String(meta.version)}`, dir);
  const buf = fs.readFileSync(wPath);
  if (createHash("sha256").update(buf).digest("hex") !== meta.weights_sha256)
    throw new CheckpointError(`${role} checkpoint ${wPath}: weights do not match their recorded sha256 (corrupted artifact)`, dir);
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const weights = new Map<string, Float32Array>();
  for (const p of meta.params) {
    const n = p.shape.reduce((a, b) => a * b, 1);
    if (p.offset + n > all.length) throw new CheckpointError(`${role} checkpoint ${wPath}: param ${p.name} lies outside the weights file`, dir);
    weights.set(p.name, all.subarray(p.offset, p.offset + n));
  }
  return { dir, meta, weights };
}

/** Fields of CheckpointInfo a loader checks, in the order they are checked. */
export type Expectation = Partial<Pick<CheckpointInfo, "model" | "type" | "embedding_size" | "depth" | "fields" | "feature_layout_digest" | "dataset_digest">>;

const HINTS: Record<string, string> = {
  feature_layout_digest: "the checkpoint was built on different features or vocabularies",
  dataset_digest: "the checkpoint was trained on a different dataset or split",
};

/** Throw CheckpointMismatchError on the first expected field the checkpoint does not match. */
export function checkCheckpoint(ck: Checkpoint, expect: Expectation, role: string): void {
  for (const key of ["model", "type", "embedding_size", "depth", "fields", "feature_layout_digest", "dataset_digest"] as const) {
    if (!(key in expect) || expect[key] === undefined) continue;
    const want = expect[key] ?? null;
    const have = ck.meta[key] ?? null;
    if (want !== have) throw new CheckpointMismatchError(role, key, have, want, HINTS[key]);
  }
}

/** Assign checkpoint weights to `params` (every param must exist with the same shape). */
export function loadParams(ck: Checkpoint, params: Map<string, Variable>, role: string): void {
  const shapes = new Map(ck.meta.params.map((p) => [p.name, p.shape]));
  for (const [name, v] of params) {
    const shape = shapes.get(name);
    if (shape === undefined) throw new CheckpointMismatchError(role, `param ${name}`, null, `shape [${v.shape.join(", ")}]`);
    if (shape.length !== v.shape.length || shape.some((d, i) => d !== v.shape[i]))
      throw new CheckpointMismatchError(role, `shape of ${name}`, `[${shape.join(", ")}]`, `[${v.shape.join(", ")}]`);
  }
  for (const [name, v] of params) {
    const vals = ck.weights.get(name)!;
    tf.tidy(() => v.assign(tf.tensor(vals, v.shape, "float32")));
  }
}
