import { tf } from "../backend.js";
import type { Variable } from "@tensorflow/tfjs-core";

let counter = 0;

/** A variable with a process-unique engine name (the stable param name is the key of Net.params). */
export function makeVar(name: string, values: Float32Array, shape: number[]): Variable {
  counter += 1;
  const init = tf.tensor(values, shape, "float32");
  const v = tf.variable(init, true, `${name}#${counter}`);
  init.dispose(); // the variable holds its own reference to the data
  return v;
}

/**
 * How a compact parameter (flattened) expands into a structured [rows, cols] matrix: cell
 * target[e] (row-major) is a copy of parameter entry index[e]; every other cell is 0.
 */
export interface Expansion {
  index: Int32Array;
  target: Int32Array;
  /** All ones (gatherSum's scale). */
  scale: Float32Array;
  rows: number;
  cols: number;
}

/** Build an Expansion from (cell, param index) pairs. */
export function expansion(rows: number, cols: number, pairs: [number, number][]): Expansion {
  return {
    index: Int32Array.from(pairs.map((p) => p[1])),
    target: Int32Array.from(pairs.map((p) => p[0])),
    scale: new Float32Array(pairs.length).fill(1),
    rows,
    cols,
  };
}
