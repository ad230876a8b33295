/**
 * Trial cache keys: sha256 of the RFC 8785 (JSON Canonicalization Scheme) form of
 * everything that determines a trial's result. Canonical JSON sorts object keys and
 * prints numbers in their shortest round-trip form, so `1.0e-3` and `0.001` (both the
 * number 0.001 once parsed) and any key order give the same key.
 */
import type { Params } from "../spec/types.js";
import { canonicalJson, sha256Hex } from "../util/digest.js";

export { canonicalJson, sha256Hex };

/** Bumped when the key recipe changes, so old ledger rows stop matching instead of lying. */
export const KEY_SCHEME = 1;

export interface TrialKeyParts {
  /** Task type, e.g. "shell", "ctr.train". */
  task: string;
  /** Task implementation version (from the task registry). */
  taskVersion: string;
  /** All resolved params, sampled and carried. */
  params: Params;
  /** Input name -> digest of the upstream artifact it reads. Never a path. */
  inputs: Record<string, string>;
  /** Digest of the dataset the trial reads, or null. */
  datasetDigest: string | null;
  seed: number;
  /** For shell tasks: the command template (before placeholder substitution). */
  command?: string | string[] | null;
  /** Declared dependencies: path as written -> content digest. Absent/empty = none. */
  deps?: Record<string, string>;
}

/** The trial's cache key: a 64-char lowercase sha256 hex digest. */
export function trialKey(parts: TrialKeyParts): string {
  checkFinite(parts.params, "params");
  if (!Number.isFinite(parts.seed)) throw new Error(`trial key: seed is not a finite number (${parts.seed})`);
  const doc = {
    scheme: KEY_SCHEME,
    task: parts.task,
    taskVersion: parts.taskVersion,
    params: parts.params,
    inputs: parts.inputs,
    datasetDigest: parts.datasetDigest,
    seed: parts.seed,
    // `undefined` and null are the same thing here: "no command".
    command: parts.command ?? null,
    // Only present when declared, so keys of nodes without deps are unchanged.
    ...(parts.deps && Object.keys(parts.deps).length ? { deps: parts.deps } : {}),
  };
  return sha256Hex(canonicalJson(doc));
}

function checkFinite(params: Params, where: string): void {
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === "number" && !Number.isFinite(v)) {
      throw new Error(`trial key: ${where}.${k} is ${v}; only finite numbers can be part of a cache key`);
    }
  }
}
