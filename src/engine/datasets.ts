import type { DatasetSpec, NodeSpec, Pipeline } from "../spec/types.js";
import { getTask } from "../tasks/registry.js";

/** The dataset a node's trials use: node override or pipeline default, split seeded by the pipeline. */
export function nodeDataset(p: Pipeline, node: NodeSpec): DatasetSpec | undefined {
  const ds = node.dataset ?? p.dataset;
  if (!ds) return undefined;
  return { ...ds, options: { split_seed: p.seed, ...(ds.options ?? {}) } };
}

/** How a resolved dataset is looked up in `DatasetDigests`. */
export const datasetKey = (ds: DatasetSpec): string => JSON.stringify(ds);

/** Resolved dataset (by datasetKey) -> content digest, for every dataset a pipeline's nodes read. */
export type DatasetDigests = Record<string, string>;

/**
 * Digest every dataset the nodes read, once each, before anything runs. `digest` does the I/O
 * (ml/data's datasetDigest); when it throws, `onError` gets the node whose dataset failed.
 */
export async function digestDatasets(
  p: Pipeline,
  digest: (ds: DatasetSpec, seed: number) => Promise<string>,
  onError: (e: unknown, node: NodeSpec) => never = (e) => {
    throw e;
  },
): Promise<DatasetDigests> {
  const out: DatasetDigests = {};
  for (const n of p.nodes) {
    const ds = getTask(n.task)?.usesDataset ? nodeDataset(p, n) : undefined;
    if (!ds || datasetKey(ds) in out) continue;
    try {
      out[datasetKey(ds)] = await digest(ds, p.seed);
    } catch (e) {
      onError(e, n);
    }
  }
  return out;
}
