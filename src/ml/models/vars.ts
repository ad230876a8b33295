import { tf } from "../backend.js";
import type { Variable } from "@tensorflow/tfjs-core";

let counter = 0;

/** A variable with a process-unique engine name (the stable param name is the key of Net.params). */
export function makeVar(name: string, values: Float32Array, shape: number[]): Variable {
  counter += 1;
  return tf.variable(tf.tensor(values, shape, "float32"), true, `${name}#${counter}`);
}

/** Index + 0/1 mask that expand a compact parameter (flattened) into a structured matrix by `lookup`. */
export interface Expansion {
  /** Flat index into the compact parameter for every cell of the expanded matrix (0 where masked). */
  index: Int32Array;
  /** 1 where the cell is a copy of a parameter entry, 0 where it is structurally zero. */
  mask: Float32Array;
  rows: number;
  cols: number;
}

export function newExpansion(rows: number, cols: number): Expansion {
  return { index: new Int32Array(rows * cols), mask: new Float32Array(rows * cols), rows, cols };
}
