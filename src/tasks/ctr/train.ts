/** ctr.train: train a CrossNet teacher (or a DAGFM student alone) on BCE; checkpoint into ctx.out. */
import type { TaskRunner } from "../types.js";
import { CtrModel, bceTrainable } from "../../ml/ctr.js";
import { fit } from "../../ml/train.js";
import { saveCheckpoint } from "../../ml/checkpoint.js";
import { subSeed } from "../../ml/rng.js";
import { MODELS, TYPES, ensureBackend, info, loadData, num, str, trainOptions } from "./common.js";

export const runTrain: TaskRunner = async (ctx) => {
  const backend = await ensureBackend(ctx.backend);
  const model = str(ctx, "model", MODELS);
  const embeddingSize = num(ctx, "embedding_size", { int: true, min: 1 });
  const depth = num(ctx, "depth", { int: true, min: 1 });
  const type = model === "dagfm" ? str(ctx, "type", TYPES) : null;
  const opts = trainOptions(ctx);
  const data = await loadData(ctx);
  const m = CtrModel.create(data.layout, { model, embeddingSize, depth, ...(type ? { type } : {}) }, subSeed(ctx.seed, "init"));
  try {
    const r = fit(bceTrainable(m), data, opts);
    saveCheckpoint(ctx.out, info("ctr.train", backend, data, { model, embedding_size: embeddingSize, depth, type }), m.params());
    return r.metrics;
  } finally {
    m.dispose();
  }
};
