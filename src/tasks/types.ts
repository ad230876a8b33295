import type { DatasetSpec, Goal, Params, Scalar } from "../spec/types.js";

export interface ParamDecl {
  type: "number" | "integer" | "string" | "boolean";
  default?: Scalar;
  /** Allowed values for a string param. */
  choices?: Scalar[];
  /** Numbers: inclusive lower bound (the task's runner rejects smaller values). */
  min?: number;
  /** Numbers: inclusive upper bound. */
  max?: number;
  /** Numbers: exclusive lower bound (value > exclusiveMin), e.g. 0 for a learning rate. */
  exclusiveMin?: number;
  description: string;
}

/** A named artifact input a task type expects (e.g. ctr.distill's `teacher`). */
export interface InputDecl {
  name: string;
  description: string;
  /**
   * How carried params of the upstream artifact arrive in this task:
   * carried name -> param name here. Unlisted carried params keep their name.
   * E.g. ctr.distill receives the teacher's `depth` as `teacher_depth`, so the student's
   * own `depth` is free, while `embedding_size` (shared embeddings) keeps its name and
   * cannot be set downstream.
   */
  receiveAs?: Record<string, string>;
}

/** Declaration of a task type: what the spec checks, what plan shows, what the engine keys. */
export interface TaskDecl {
  name: string;
  /** Bump when results change for the same params: part of every trial key. */
  version: string;
  description: string;
  /** null = any params (they belong to a script: shell). */
  params: Record<string, ParamDecl> | null;
  /** Params whose values the artifact carries downstream. */
  carries: string[];
  /** The artifact embeds a feature layout built on the node's dataset. */
  carriesLayout: boolean;
  /** Reads `dataset` (pipeline default or node override). */
  usesDataset: boolean;
  /** Required inputs; null = any inputs (shell). */
  inputs: InputDecl[] | null;
}

/** Progress a running trial reports (ctr tasks: once per epoch). */
export interface TrialProgress {
  epoch: number;
  epochs: number;
  metrics: Record<string, number>;
}

/** What a built-in task's runner gets, inside the trial's child process. */
export interface TrialContext {
  node: string;
  index: number;
  /** `node@index` */
  trial: string;
  /** All params: task defaults + fixed + carried + sampled. */
  params: Params;
  /** input name -> absolute artifact folder of the selected upstream trial. */
  inputs: Record<string, string>;
  /** Output folder (a temporary folder; becomes the artifact on success). */
  out: string;
  seed: number;
  /** Resolved dataset (absolute path), for tasks with usesDataset. */
  dataset?: DatasetSpec;
  metric: string;
  goal: Goal;
  /** Requested TF.js backend ("auto" | "tensorflow" | "wasm" | "cpu"). */
  backend: string;
  report(progress: TrialProgress): void;
}

/** A built-in runner returns the trial's metrics; the worker writes metrics.json. */
export type TaskRunner = (ctx: TrialContext) => Promise<Record<string, number>>;
