/** ctr.finetune: load a DAGFM student checkpoint (ctx.inputs.student) and train all of it on BCE alone. */
import type { TaskRunner } from "../types.js";
import { CtrModel, bceTrainable } from "../../ml/ctr.js";
import { fit } from "../../ml/train.js";
import { checkCheckpoint, loadParams, readCheckpoint, saveCheckpoint } from "../../ml/checkpoint.js";
import { subSeed } from "../../ml/rng.js";
import { TYPES, ensureBackend, info, loadData, num, str, trainOptions } from "./common.js";

export const runFinetune: TaskRunner = async (ctx) => {
  const backend = await ensureBackend(ctx.backend);
  const studentDir = ctx.inputs["student"];
  if (!studentDir) throw new Error(`${ctx.trial}: ctr.finetune needs an input named student`);
  const type = str(ctx, "type", TYPES);
  const depth = num(ctx, "depth", { int: true, min: 1 });
  const embeddingSize = num(ctx, "embedding_size", { int: true, min: 1 });
  const opts = trainOptions(ctx);
  const data = await loadData(ctx);
  const ck = readCheckpoint(studentDir, "student");
  checkCheckpoint(
    ck,
    {
      model: "dagfm",
      type,
      embedding_size: embeddingSize,
      depth,
      fields: data.layout.fields.length,
      feature_layout_digest: data.layout.digest,
      dataset_digest: data.digest,
    },
    "student",
  );
  const m = CtrModel.create(data.layout, { model: "dagfm", type, depth, embeddingSize }, subSeed(ctx.seed, "init"));
  try {
    loadParams(ck, m.params(), "student");
    const r = fit(bceTrainable(m), data, opts);
    saveCheckpoint(ctx.out, info("ctr.finetune", backend, data, { model: "dagfm", embedding_size: embeddingSize, depth, type }), m.params());
    return r.metrics;
  } finally {
    m.dispose();
  }
};
