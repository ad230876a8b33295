/**
 * TensorFlow.js backend choice.
 *
 * auto = @tensorflow/tfjs-node when installed (optional dependency, loaded with a dynamic import so
 * a missing native build is not an error), else @tensorflow/tfjs-backend-wasm, else the pure-JS cpu
 * backend. Ops come from @tensorflow/tfjs-core (shared by every backend package).
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { registerGradients } from "./gradients.js";

// tfjs-core's node bundle registers no gradients: register those our models need.
registerGradients();
import { createRequire } from "node:module";
import path from "node:path";

export type BackendRequest = "auto" | "tensorflow" | "wasm" | "cpu";

export class BackendError extends Error {
  constructor(
    message: string,
    readonly requested: string,
  ) {
    super(message);
    this.name = "BackendError";
  }
}

const require = createRequire(import.meta.url);

async function tryTensorflow(): Promise<string | null> {
  try {
    // A variable specifier keeps TypeScript (and bundlers) from resolving the optional package.
    const name = "@tensorflow/tfjs-node";
    await import(name);
    if (tf.findBackend("tensorflow") === null) return "tfjs-node loaded but registered no 'tensorflow' backend";
    if (!(await tf.setBackend("tensorflow"))) return "tfjs-node backend failed to initialise";
    return null;
  } catch (e) {
    return (e as Error).message.split("\n")[0] ?? "cannot load @tensorflow/tfjs-node";
  }
}

let wasmPathsSet = false;
async function tryWasm(): Promise<string | null> {
  try {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    if (!wasmPathsSet) {
      const dir = path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep;
      wasm.setWasmPaths(dir);
      wasmPathsSet = true;
    }
    if (!(await tf.setBackend("wasm"))) return "wasm backend failed to initialise";
    return null;
  } catch (e) {
    return (e as Error).message.split("\n")[0] ?? "cannot load @tensorflow/tfjs-backend-wasm";
  }
}

/**
 * Select and initialise a backend; returns the chosen backend's name ("tensorflow" | "wasm" | "cpu").
 * An explicit request that cannot be honoured throws BackendError (no silent fallback);
 * "auto" falls back down the chain.
 */
export async function initBackend(requested: BackendRequest | string = "auto"): Promise<string> {
  // PROD silences the cpu backend's "install tfjs-node" banner and skips debug-only checks.
  tf.env().set("PROD", true);
  switch (requested) {
    case "tensorflow": {
      const err = await tryTensorflow();
      if (err !== null) throw new BackendError(`backend "tensorflow" is not available: ${err} (install @tensorflow/tfjs-node, or use --backend wasm)`, requested);
      break;
    }
    case "wasm": {
      const err = await tryWasm();
      if (err !== null) throw new BackendError(`backend "wasm" is not available: ${err}`, requested);
      break;
    }
    case "cpu":
      await tf.setBackend("cpu");
      break;
    case "auto":
      if ((await tryTensorflow()) !== null && (await tryWasm()) !== null) await tf.setBackend("cpu");
      break;
    default:
      throw new BackendError(`unknown backend "${requested}" (expected auto, tensorflow, wasm or cpu)`, requested);
  }
  await tf.ready();
  return tf.getBackend();
}

export { tf };
