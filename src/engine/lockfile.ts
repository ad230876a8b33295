import * as path from "node:path";
import type { Pipeline } from "../spec/types.js";
import type { Store, TrialRow } from "../store/types.js";
import { writeJsonAtomic } from "../store/fsutil.js";
import type { NodeResult } from "./run.js";
import { packageVersions } from "./versions.js";

export const LOCK_VERSION = 1;

function trialEntry(store: Store, r: TrialRow) {
  const logs = store.logPaths(r.cachedFrom ?? r.id);
  return {
    index: r.index,
    status: r.status,
    attempt: r.attempt,
    seed: r.seed,
    key: r.key,
    params: r.params,
    carried: r.carried,
    inputs: r.inputs,
    metrics: r.metrics,
    value: r.value,
    reason: r.reason,
    artifact: r.artifact,
    /** relative to the store */
    logs: { stdout: path.relative(store.root, logs.stdout), stderr: path.relative(store.root, logs.stderr) },
  };
}

/**
 * The run's lock file: the resolved declaration, every trial (params sampled and carried,
 * seed, status, metrics), each node's selection, dataset digests, backend, package versions.
 * Paths inside are relative to the pipeline file, so the lock file does not depend on where
 * the project folder lives.
 */
export function buildLock(
  store: Store,
  runId: number,
  p: Pipeline,
  nodes: Record<string, NodeResult>,
  extra: { backend: string; datasets: Record<string, string> },
) {
  const dir = path.dirname(p.file);
  const rel = (f: string) => path.relative(dir, f) || ".";
  const declaration = JSON.parse(JSON.stringify(p)) as Pipeline & { file: string };
  declaration.file = rel(p.file);
  if (declaration.dataset?.path) declaration.dataset.path = rel(declaration.dataset.path);
  for (const n of declaration.nodes) if (n.dataset?.path) n.dataset.path = rel(n.dataset.path);
  return {
    lockVersion: LOCK_VERSION,
    run: runId,
    pipeline: declaration,
    backend: extra.backend,
    datasets: Object.entries(extra.datasets).map(([spec, digest]) => {
      const ds = JSON.parse(spec) as { path?: string };
      if (ds.path) ds.path = rel(ds.path);
      return { spec: ds, digest };
    }),
    versions: packageVersions(),
    nodes: Object.fromEntries(
      Object.entries(nodes).map(([name, r]) => [
        name,
        {
          status: r.status,
          reason: r.reason ?? null,
          selected: r.best ? { index: r.best.index, value: r.best.value, artifact: r.best.artifact } : null,
          trials: r.trials.map((t) => trialEntry(store, t)),
        },
      ]),
    ),
  };
}

export function writeLockFile(
  store: Store,
  runId: number,
  p: Pipeline,
  nodes: Record<string, NodeResult>,
  extra: { backend: string; datasets: Record<string, string> },
): string {
  const file = path.join(store.locksDir(), `run-${runId}.lock.json`);
  writeJsonAtomic(file, buildLock(store, runId, p, nodes, extra));
  return file;
}
