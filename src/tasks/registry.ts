import type { TaskDecl, ParamDecl } from "./types.js";

const common: Record<string, ParamDecl> = {
  learning_rate: { type: "number", default: 0.001, exclusiveMin: 0, description: "Adam learning rate" },
  epochs: { type: "integer", default: 30, min: 1, description: "maximum epochs" },
  batch_size: { type: "integer", default: 2048, min: 1, description: "training batch size" },
  l2: { type: "number", default: 0, min: 0, description: "L2 penalty on weights" },
  patience: { type: "integer", default: 3, min: 0, description: "early stopping: epochs without improvement of the node's metric" },
};

const student: Record<string, ParamDecl> = {
  type: { type: "string", default: "inner", choices: ["inner", "outer"], description: "DAGFM interaction type" },
  depth: { type: "integer", default: 3, min: 1, description: "DAGFM depth (layers)" },
};

export const TASKS: Record<string, TaskDecl> = {
  shell: {
    name: "shell",
    version: "1",
    description: "run a command (sh string or argv list); params belong to the script",
    params: null,
    carries: [],
    carriesLayout: false,
    usesDataset: false,
    inputs: null,
  },
  "ctr.train": {
    name: "ctr.train",
    version: "1",
    description: "train a CTR model (CrossNet teacher, or a DAGFM student alone)",
    params: {
      model: { type: "string", default: "crossnet", choices: ["crossnet", "dagfm"], description: "model" },
      embedding_size: { type: "integer", default: 16, min: 1, description: "field embedding size" },
      depth: { type: "integer", default: 3, min: 1, description: "CrossNet / DAGFM depth" },
      type: student.type!,
      ...common,
    },
    carries: ["embedding_size", "model", "depth"],
    carriesLayout: true,
    usesDataset: true,
    inputs: [],
  },
  "ctr.distill": {
    name: "ctr.distill",
    version: "1",
    description: "distill a frozen teacher into a DAGFM student: alpha*BCE + beta*MSE(teacher logit, student logit)",
    params: {
      ...student,
      embedding_size: { type: "integer", default: 16, min: 1, description: "embedding size (received from the teacher: embeddings are shared)" },
      teacher_model: { type: "string", description: "the teacher's model (received)" },
      teacher_depth: { type: "integer", min: 1, description: "the teacher's depth (received)" },
      alpha: { type: "number", default: 1, min: 0, description: "weight of BCE on labels" },
      beta: { type: "number", default: 1, min: 0, description: "weight of MSE between teacher and student logits" },
      ...common,
    },
    carries: ["embedding_size", "type", "depth"],
    carriesLayout: true,
    usesDataset: true,
    inputs: [
      {
        name: "teacher",
        description: "a ctr.train artifact (the teacher)",
        receiveAs: { model: "teacher_model", depth: "teacher_depth" },
      },
    ],
  },
  "ctr.finetune": {
    name: "ctr.finetune",
    version: "1",
    description: "finetune a distilled student on BCE alone",
    params: {
      ...student,
      embedding_size: { type: "integer", default: 16, min: 1, description: "embedding size (received from the student)" },
      ...common,
    },
    carries: ["embedding_size", "type", "depth"],
    carriesLayout: true,
    usesDataset: true,
    inputs: [{ name: "student", description: "a ctr.distill (or ctr.train dagfm) artifact" }],
  },
};

export function getTask(name: string): TaskDecl | undefined {
  return Object.prototype.hasOwnProperty.call(TASKS, name) ? TASKS[name] : undefined;
}

export const taskNames = (): string[] => Object.keys(TASKS);

/**
 * The name under which a task receives carried param `carried` through its input `inputName`
 * (its `receiveAs`, else the same name), or null when it does not receive it: built-in tasks
 * receive only params they declare; shell tasks receive all. One rule for the static checks
 * (spec/carried.ts) and the engine (engine/carry.ts).
 */
export function receivedAs(task: TaskDecl, inputName: string, carried: string): string | null {
  const as = task.inputs?.find((i) => i.name === inputName)?.receiveAs?.[carried] ?? carried;
  return task.params && !Object.prototype.hasOwnProperty.call(task.params, as) ? null : as;
}
