/**
 * ctr.distill: load the teacher checkpoint (ctx.inputs.teacher), freeze it and its embedding table,
 * and train a DAGFM student that reads the teacher's embeddings on alpha*BCE + beta*MSE(teacher logit,
 * student logit) (RecBole KD_DAGFM's distillation phase). The student checkpoint holds the shared
 * embedding table (unchanged) and the student's parameters.
 */
import type { TaskRunner } from "../types.js";
import { CtrModel, distillTrainable } from "../../ml/ctr.js";
import { Embedding } from "../../ml/models/embedding.js";
import { createNet } from "../../ml/models/index.js";
import { fit } from "../../ml/train.js";
import { checkCheckpoint, loadParams, readCheckpoint, saveCheckpoint } from "../../ml/checkpoint.js";
import { subSeed } from "../../ml/rng.js";
import { MODELS, TYPES, ensureBackend, info, loadData, num, str, trainOptions } from "./common.js";

export const runDistill: TaskRunner = async (ctx) => {
  const backend = await ensureBackend(ctx.backend);
  const teacherDir = ctx.inputs["teacher"];
  if (!teacherDir) throw new Error(`${ctx.trial}: ctr.distill needs an input named teacher`);
  const type = str(ctx, "type", TYPES);
  const depth = num(ctx, "depth", { int: true, min: 1 });
  const embeddingSize = num(ctx, "embedding_size", { int: true, min: 1 });
  const teacherModel = str(ctx, "teacher_model", MODELS);
  const teacherDepth = num(ctx, "teacher_depth", { int: true, min: 1 });
  const alpha = num(ctx, "alpha", { min: 0 });
  const beta = num(ctx, "beta", { min: 0 });
  const opts = trainOptions(ctx);
  const data = await loadData(ctx);

  const ck = readCheckpoint(teacherDir, "teacher");
  checkCheckpoint(
    ck,
    {
      model: teacherModel,
      embedding_size: embeddingSize,
      depth: teacherDepth,
      fields: data.layout.fields.length,
      feature_layout_digest: data.layout.digest,
      dataset_digest: data.digest,
    },
    "teacher",
  );
  const teacher = CtrModel.create(
    data.layout,
    { model: teacherModel, embeddingSize, depth: teacherDepth, ...(ck.meta.type ? { type: ck.meta.type } : {}) },
    subSeed(ctx.seed, "teacher"),
  );
  const student = createNet({ model: "dagfm", type, depth, embeddingSize, fields: data.layout.fields.length }, subSeed(ctx.seed, "init"));
  try {
    loadParams(ck, teacher.params(), "teacher");
    const r = fit(distillTrainable(teacher, student, alpha, beta), data, opts);
    const out = new CtrModel(teacher.embedding as Embedding, student);
    saveCheckpoint(ctx.out, info("ctr.distill", backend, data, { model: "dagfm", embedding_size: embeddingSize, depth, type }), out.params());
    return r.metrics;
  } finally {
    student.dispose();
    teacher.dispose();
  }
};
