import type { Loc } from "./diagnostic.js";
import type { Goal, Params, SamplerKind, Scalar, Space } from "../search/space.js";

export type { Goal, Params, Scalar, Space };

export type Select =
  | { kind: "best" }
  | { kind: "top"; n: number }
  | { kind: "best_per"; params: string[] };

/** An artifact edge: input `name` of this node takes the selected trial(s) of `node`. */
export interface InputSpec {
  name: string;
  node: string;
  select: Select;
  loc: Loc;
}

export interface LabelSpec {
  field: string;
  threshold: number;
  drop?: Scalar[];
}

/** Dataset for ctr.* tasks. `path` is resolved relative to the pipeline file. */
export interface DatasetSpec {
  format: "recbole" | "csv" | "libfm" | "synthetic";
  path?: string;
  label?: LabelSpec;
  /** Fields to use (default: all user and item features). */
  fields?: string[];
  /** Extra format-specific options (synthetic generator settings, csv separator, ...). */
  options?: Record<string, unknown>;
}

export interface SearchSpec {
  sampler: SamplerKind;
  trials?: number;
  /** tpe: random trials before the model takes over (default 10). */
  startup?: number;
  space: Space;
}

export interface NodeSpec {
  name: string;
  task: string;
  inputs: InputSpec[];
  /** Fixed params written by the user (defaults of the task type are NOT merged here). */
  params: Params;
  search?: SearchSpec;
  metric: string;
  goal: Goal;
  retries: number;
  /** Seconds; undefined = no limit. */
  timeout?: number;
  /** Params the node's artifact carries beyond its task type's declaration. */
  carries: string[];
  /** shell: string run by sh, or argv list. */
  command?: string | string[];
  /**
   * Files or folders, as written (relative to the pipeline file), whose contents go into every
   * trial's cache key: editing the training script reruns the node.
   */
  deps?: string[];
  /** Node-level dataset override (ctr.* tasks), else the pipeline's. */
  dataset?: DatasetSpec;
  loc: Loc;
}

export interface Pipeline {
  /** Absolute path of the pipeline file. */
  file: string;
  version: 1;
  name: string;
  seed: number;
  dataset?: DatasetSpec;
  /** Nodes in declaration order. */
  nodes: NodeSpec[];
  /** Where each dataset's path is written: "" for the pipeline's, else the node's name. */
  datasetLocs?: Record<string, Loc>;
}
