/** Shared plumbing of the ctr.* runners: params, data, backend, training options, checkpoint info. */
import type { DatasetSpec } from "../../spec/types.js";
import type { TrialContext } from "../types.js";
import type { EncodedDataset } from "../../ml/data/types.js";
import { initBackend } from "../../ml/backend.js";
import type { TrainOptions } from "../../ml/train.js";
import type { CheckpointInfo } from "../../ml/checkpoint.js";
import type { DagfmType, ModelKind } from "../../ml/models/types.js";
import { subSeed } from "../../ml/rng.js";

export class ParamError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = "ParamError";
  }
}

export function num(ctx: TrialContext, name: string, opts: { int?: boolean; min?: number; positive?: boolean } = {}): number {
  const v = ctx.params[name];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ParamError(name, `${ctx.trial}: param ${name} must be a number, got ${JSON.stringify(v)}`);
  if (opts.int && !Number.isInteger(v)) throw new ParamError(name, `${ctx.trial}: param ${name} must be an integer, got ${v}`);
  if (opts.positive && !(v > 0)) throw new ParamError(name, `${ctx.trial}: param ${name} must be > 0, got ${v}`);
  if (opts.min !== undefined && v < opts.min) throw new ParamError(name, `${ctx.trial}: param ${name} must be >= ${opts.min}, got ${v}`);
  return v;
}

export function str<T extends string>(ctx: TrialContext, name: string, choices: readonly T[]): T {
  const v = ctx.params[name];
  if (typeof v !== "string" || !(choices as readonly string[]).includes(v))
    throw new ParamError(name, `${ctx.trial}: param ${name} must be one of ${choices.join(", ")}, got ${JSON.stringify(v)}`);
  return v as T;
}

export const MODELS = ["crossnet", "dagfm"] as const satisfies readonly ModelKind[];
export const TYPES = ["inner", "outer"] as const satisfies readonly DagfmType[];

export function trainOptions(ctx: TrialContext): TrainOptions {
  return {
    learningRate: num(ctx, "learning_rate", { positive: true }),
    epochs: num(ctx, "epochs", { int: true, min: 1 }),
    batchSize: num(ctx, "batch_size", { int: true, min: 1 }),
    l2: num(ctx, "l2", { min: 0 }),
    patience: num(ctx, "patience", { int: true, min: 0 }),
    metric: ctx.metric || "valid.auc",
    goal: ctx.goal || "maximize",
    seed: subSeed(ctx.seed, "shuffle"),
    report: (p) => ctx.report(p),
  };
}

/** Seed of the train/valid/test split: the same for every trial of a pipeline (teacher and student see one split). */
export const DEFAULT_SPLIT_SEED = 2023;
export function splitSeed(spec: DatasetSpec): number {
  const s = spec.options?.["split_seed"];
  return typeof s === "number" && Number.isFinite(s) ? s : DEFAULT_SPLIT_SEED;
}

export type DatasetLoader = (spec: DatasetSpec, seed: number) => Promise<EncodedDataset>;
let loaderOverride: DatasetLoader | null = null;

/** Tests: replace the dataset loader (null restores src/ml/data's loadDataset). */
export function setDatasetLoader(fn: DatasetLoader | null): void {
  loaderOverride = fn;
}

export async function loadData(ctx: TrialContext): Promise<EncodedDataset> {
  if (!ctx.dataset) throw new Error(`${ctx.trial}: no dataset (set \`dataset:\` in the pipeline or on the node)`);
  if (loaderOverride) return loaderOverride(ctx.dataset, splitSeed(ctx.dataset));
  const mod = "../../ml/data/index.js";
  const { loadDataset } = (await import(mod)) as { loadDataset: DatasetLoader };
  return loadDataset(ctx.dataset, splitSeed(ctx.dataset));
}

const backends = new Map<string, Promise<string>>();
/** Initialise the requested backend once per process; returns the chosen backend name. */
export function ensureBackend(requested: string): Promise<string> {
  const key = requested || "auto";
  let p = backends.get(key);
  if (!p) {
    p = initBackend(key);
    backends.set(key, p);
  }
  return p;
}

export function info(task: string, backend: string, data: EncodedDataset, m: { model: ModelKind; embedding_size: number; depth: number; type: DagfmType | null }): CheckpointInfo {
  return {
    task,
    ...m,
    fields: data.layout.fields.length,
    feature_layout_digest: data.layout.digest,
    dataset_digest: data.digest,
    backend,
  };
}
