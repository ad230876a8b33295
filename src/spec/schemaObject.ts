/**
 * The pipeline file's JSON Schema (2020-12). Source of truth for
 * schema/pipeline.schema.json (`dagtune schema > schema/pipeline.schema.json`;
 * a test keeps the two identical). Editors use the file; the validator uses this object.
 */

/** Node names: a letter or `_`, then letters, marks, digits, `_`, `-` (Unicode allowed). */
export const NODE_NAME_PATTERN = "^[\\p{L}_][\\p{L}\\p{M}\\p{N}_-]*$";
export const NODE_NAME_MAX = 64;

const scalar = { type: ["string", "number", "boolean", "null"] };
const bounds = {
  type: "array",
  prefixItems: [{ type: "number" }, { type: "number" }],
  items: false,
  minItems: 2,
  maxItems: 2,
  description: "[low, high] (values, not exponents)",
};

export const PIPELINE_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://github.com/dagtune/dagtune/schema/pipeline.schema.json",
  title: "dagtune pipeline",
  description: "A multi-stage ML experiment: a DAG of nodes, each with an optional hyperparameter search.",
  type: "object",
  additionalProperties: false,
  required: ["version", "nodes"],
  properties: {
    version: { const: 1, description: "format version; always 1" },
    name: { type: "string", minLength: 1, description: "pipeline name (default: the file's base name)" },
    seed: { type: "integer", minimum: 0, description: "root seed; trial seeds derive from it, the node and the params (default 0)" },
    dataset: { $ref: "#/$defs/dataset" },
    defaults: { $ref: "#/$defs/defaults" },
    nodes: {
      type: "object",
      minProperties: 1,
      description: "the DAG's nodes, by name",
      propertyNames: { pattern: NODE_NAME_PATTERN, maxLength: NODE_NAME_MAX },
      additionalProperties: { $ref: "#/$defs/node" },
    },
  },
  $defs: {
    scalar,
    goal: { enum: ["maximize", "minimize"], description: "whether a higher or lower metric is better" },
    dataset: {
      type: "object",
      additionalProperties: false,
      required: ["format"],
      description: "dataset for ctr.* tasks; path relative to the pipeline file",
      properties: {
        format: { enum: ["recbole", "csv", "libfm", "synthetic"] },
        path: { type: "string", minLength: 1, description: "file or folder, relative to the pipeline file" },
        label: {
          type: "object",
          additionalProperties: false,
          required: ["field", "threshold"],
          properties: {
            field: { type: "string", minLength: 1 },
            threshold: { type: "number", description: "value >= threshold is a positive" },
            drop: { type: "array", items: scalar, description: "rows whose label field has one of these values are dropped" },
          },
        },
        fields: { type: "array", items: { type: "string" }, description: "features to use (default: all user and item features)" },
        options: { type: "object", description: "format-specific options (synthetic generator settings, csv separator, ...)" },
      },
    },
    defaults: {
      type: "object",
      additionalProperties: false,
      description: "merged into every node",
      properties: {
        metric: { type: "string", minLength: 1 },
        goal: { $ref: "#/$defs/goal" },
        retries: { type: "integer", minimum: 0 },
        timeout: { type: "number", exclusiveMinimum: 0, description: "seconds per trial" },
      },
    },
    node: {
      type: "object",
      additionalProperties: false,
      required: ["task"],
      properties: {
        task: { type: "string", minLength: 1, description: "shell, ctr.train, ctr.distill or ctr.finetune" },
        description: { type: "string" },
        inputs: { type: "object", additionalProperties: { $ref: "#/$defs/input" }, description: "input name -> upstream node" },
        params: { type: "object", additionalProperties: scalar, description: "fixed params" },
        search: { $ref: "#/$defs/search" },
        metric: { type: "string", minLength: 1, description: "metric to optimise, e.g. valid.auc" },
        goal: { $ref: "#/$defs/goal" },
        retries: { type: "integer", minimum: 0 },
        timeout: { type: "number", exclusiveMinimum: 0, description: "seconds per trial" },
        carries: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true, description: "params the node's artifact carries downstream (beyond its task's)" },
        deps: {
          type: "array",
          items: { type: "string", minLength: 1 },
          uniqueItems: true,
          description: "files or folders (relative to the pipeline file) whose contents are part of every trial's cache key, e.g. the training script",
        },
        command: {
          description: "shell tasks: a string run by sh, or an argv list",
          anyOf: [{ type: "string", minLength: 1 }, { type: "array", items: { type: "string" }, minItems: 1 }],
        },
        dataset: { $ref: "#/$defs/dataset" },
      },
    },
    input: {
      description: "an upstream node name, or {node, select}",
      anyOf: [
        { type: "string" },
        {
          type: "object",
          additionalProperties: false,
          required: ["node"],
          properties: { node: { type: "string" }, select: { $ref: "#/$defs/select" } },
        },
      ],
    },
    select: {
      description: "best | {top: N} | {best_per: [param, ...]}",
      anyOf: [
        { const: "best" },
        { type: "object", additionalProperties: false, required: ["top"], properties: { top: { type: "integer", minimum: 1 } } },
        {
          type: "object",
          additionalProperties: false,
          required: ["best_per"],
          properties: { best_per: { type: "array", items: { type: "string" }, minItems: 1, uniqueItems: true } },
        },
      ],
    },
    search: {
      type: "object",
      additionalProperties: false,
      required: ["sampler"],
      properties: {
        sampler: { enum: ["grid", "random", "tpe"] },
        trials: { type: "integer", minimum: 1, description: "required for random and tpe" },
        startup: { type: "integer", minimum: 1, description: "tpe: random trials before the model takes over (default 10, as Optuna)" },
        space: { type: "object", additionalProperties: { $ref: "#/$defs/dimension" } },
      },
    },
    dimension: {
      description: "a list (choice), {choice: [...]}, {uniform: [lo, hi]}, {loguniform: [lo, hi]}, {int: [lo, hi], step?, log?}",
      anyOf: [
        { type: "array", items: scalar, minItems: 1 },
        { type: "object", additionalProperties: false, required: ["choice"], properties: { choice: { type: "array", items: scalar, minItems: 1 } } },
        { type: "object", additionalProperties: false, required: ["uniform"], properties: { uniform: bounds } },
        { type: "object", additionalProperties: false, required: ["loguniform"], properties: { loguniform: bounds } },
        {
          type: "object",
          additionalProperties: false,
          required: ["int"],
          properties: {
            int: { type: "array", prefixItems: [{ type: "integer" }, { type: "integer" }], items: false, minItems: 2, maxItems: 2 },
            step: { type: "integer", minimum: 1 },
            log: { type: "boolean" },
          },
        },
      ],
    },
  },
} as const;
