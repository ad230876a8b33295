import type { DatasetSpec } from "../../spec/types.js";
import { DataError, E } from "./errors.js";
import { DEFAULT_MAX_SEQ_LEN } from "./encode.js";
import { DEFAULT_RATIOS } from "./split.js";
import { COLUMN_KINDS, type ColumnKind } from "./table.js";

/** Options every format accepts under dataset.options. */
export interface CommonOptions {
  split: [number, number, number];
  maxSeqLen: number;
  /** The split seed: options.split_seed when set (the engine sets it to the pipeline seed), else the caller's seed. */
  splitSeed: number;
}

export const COMMON = ["split", "max_seq_len", "split_seed"];
const BY_FORMAT: Record<string, string[]> = {
  recbole: ["user_id_field", "item_id_field"],
  csv: ["separator", "types", "seq_separator"],
  synthetic: ["rows", "fields", "vocab", "seed", "noise", "pairs", "triples"],
  libfm: [],
};

/** Where option errors point: the data path, else "dataset". */
export function whereOf(spec: DatasetSpec): string {
  return spec.path ?? `dataset (${spec.format})`;
}

function bad(spec: DatasetSpec, what: string, hint?: string): never {
  throw new DataError({ code: E.BAD_OPTION, file: whereOf(spec), what, ...(hint ? { hint } : {}) });
}

export function checkOptionNames(spec: DatasetSpec): void {
  const allowed = [...COMMON, ...(BY_FORMAT[spec.format] ?? [])];
  for (const k of Object.keys(spec.options ?? {})) {
    if (!allowed.includes(k)) bad(spec, `unknown dataset option '${k}' for format ${spec.format}`, `known options: ${allowed.join(", ")}`);
  }
}

export function commonOptions(spec: DatasetSpec, seed: number): CommonOptions {
  const o = spec.options ?? {};
  let splitSeed = seed;
  if (o.split_seed !== undefined) {
    if (typeof o.split_seed !== "number" || !Number.isInteger(o.split_seed)) bad(spec, `dataset option split_seed must be an integer, got ${JSON.stringify(o.split_seed)}`);
    splitSeed = o.split_seed as number;
  }
  let split: [number, number, number] = [...DEFAULT_RATIOS];
  if (o.split !== undefined) {
    const s = o.split;
    if (!Array.isArray(s) || s.length !== 3 || !s.every((x) => typeof x === "number" && x >= 0 && Number.isFinite(x)) || (s[0] as number) <= 0) {
      bad(spec, `dataset option split must be three non-negative numbers [train, valid, test] with train > 0, got ${JSON.stringify(s)}`, "e.g. split: [0.8, 0.1, 0.1]");
    }
    split = s as [number, number, number];
  }
  let maxSeqLen = DEFAULT_MAX_SEQ_LEN;
  if (o.max_seq_len !== undefined) {
    const m = o.max_seq_len;
    if (typeof m !== "number" || !Number.isInteger(m) || m < 1 || m > 1024) bad(spec, `dataset option max_seq_len must be an integer in [1, 1024], got ${JSON.stringify(m)}`);
    maxSeqLen = m as number;
  }
  return { split, maxSeqLen, splitSeed };
}

export function recboleOptions(spec: DatasetSpec): { userIdField: string; itemIdField: string } {
  const o = spec.options ?? {};
  const str = (k: string, d: string): string => {
    const v = o[k];
    if (v === undefined) return d;
    if (typeof v !== "string" || v === "") bad(spec, `dataset option ${k} must be a column name, got ${JSON.stringify(v)}`);
    return v as string;
  };
  return { userIdField: str("user_id_field", "user_id"), itemIdField: str("item_id_field", "item_id") };
}

export function csvOptions(spec: DatasetSpec): { separator: string; types: Record<string, ColumnKind>; seqSeparator: string } {
  const o = spec.options ?? {};
  let separator = ",";
  if (o.separator !== undefined) {
    if (typeof o.separator !== "string" || o.separator === "") bad(spec, `dataset option separator must be a non-empty string, got ${JSON.stringify(o.separator)}`, 'e.g. separator: ";" or separator: tab');
    separator = o.separator === "tab" ? "\t" : (o.separator as string);
  }
  let seqSeparator = " ";
  if (o.seq_separator !== undefined) {
    if (typeof o.seq_separator !== "string" || o.seq_separator === "") bad(spec, `dataset option seq_separator must be a non-empty string`);
    seqSeparator = o.seq_separator as string;
  }
  const types: Record<string, ColumnKind> = {};
  if (o.types !== undefined) {
    if (typeof o.types !== "object" || o.types === null || Array.isArray(o.types)) bad(spec, "dataset option types must map column names to types", `e.g. types: {age: float, genres: token_seq}`);
    for (const [k, v] of Object.entries(o.types as Record<string, unknown>)) {
      if (typeof v !== "string" || !(COLUMN_KINDS as readonly string[]).includes(v)) bad(spec, `dataset option types.${k} is ${JSON.stringify(v)}`, `use one of ${COLUMN_KINDS.join(", ")}`);
      types[k] = v as ColumnKind;
    }
  }
  return { separator, types, seqSeparator };
}
