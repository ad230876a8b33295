/**
 * Search-space dimensions, as parsed from a node's `search.space`.
 * Pure data: the spec module builds these, samplers consume them.
 */
export type Scalar = string | number | boolean | null;

export type Dimension =
  | { kind: "choice"; values: Scalar[] }
  | { kind: "uniform"; low: number; high: number }
  | { kind: "loguniform"; low: number; high: number }
  | { kind: "int"; low: number; high: number; step?: number; log?: boolean };

/** One named dimension; a space keeps declaration order. */
export interface SpaceEntry {
  name: string;
  dim: Dimension;
}
export type Space = SpaceEntry[];

export type SamplerKind = "grid" | "random" | "tpe";
export type Goal = "maximize" | "minimize";

export type Params = Record<string, Scalar>;
