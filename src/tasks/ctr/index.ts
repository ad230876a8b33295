/** The built-in ctr.* task runners, keyed by task name (the worker looks them up here). */
import type { TaskRunner } from "../types.js";
import { runTrain } from "./train.js";
import { runDistill } from "./distill.js";
import { runFinetune } from "./finetune.js";

export const ctrRunners: Record<string, TaskRunner> = {
  "ctr.train": runTrain,
  "ctr.distill": runDistill,
  "ctr.finetune": runFinetune,
};

export { runTrain, runDistill, runFinetune };
export { setDatasetLoader, splitSeed, DEFAULT_SPLIT_SEED } from "./common.js";
