/**
 * Data loading for ctr.* tasks: readers (RecBole atomic files, CSV, synthetic), labelling,
 * feature selection, train-only vocabularies, encoding to (id, weight) slots, seeded split,
 * layout and dataset digests. See docs/data.md.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { DatasetSpec } from "../../spec/types.js";
import { parseCsv } from "./csv.js";
import { digestOf, hashBytes } from "./digest.js";
import { encode } from "./encode.js";
import { DataError, E } from "./errors.js";
import { applyLabel, effectiveLabel, type Labelled } from "./label.js";
import { checkOptionNames, COMMON, commonOptions, csvOptions, recboleOptions, whereOf } from "./options.js";
import { locateRecbole, readBytes, recboleSource } from "./recbole.js";
import { defaultFeatures, selectFeatures, type Source } from "./source.js";
import { splitIndex } from "./split.js";
import { generateSynthetic, syntheticOptions } from "./synthetic.js";
import type { EncodedDataset } from "./types.js";

export type { EncodedDataset, EncodedSplit, FeatureLayout, FieldInfo } from "./types.js";
export { DataError, E as DataErrorCode } from "./errors.js";
export { generateSynthetic, syntheticOptions, syntheticDefaults, type SyntheticOptions, type SyntheticData } from "./synthetic.js";

/**
 * Load, label, split (seeded) and encode a dataset. Bad data throws DataError.
 * The split seed is `seed`, unless dataset.options.split_seed is set (the engine sets it).
 */
export async function loadDataset(spec: DatasetSpec, seed: number): Promise<EncodedDataset> {
  checkOptionNames(spec);
  const common = commonOptions(spec, seed);
  seed = common.splitSeed;
  let src: Source;
  let labelled: Labelled;
  let digest: string;
  switch (spec.format) {
    case "synthetic": {
      const o = syntheticOptions(spec.options ? withoutCommon(spec.options) : undefined, whereOf(spec));
      const g = generateSynthetic(o, `synthetic(seed ${o.seed})`);
      const columns = new Map(g.columns.map((c) => [c.name, c]));
      src = { file: `synthetic(seed ${o.seed})`, n: o.rows, lines: new Int32Array(o.rows), mainColumns: new Map(), columns, defaultFields: [...columns.keys()], name: `synthetic ${o.fields} fields` };
      labelled = { rows: Int32Array.from({ length: o.rows }, (_, i) => i), labels: g.labels, dropped: 0 };
      digest = digestOf(spec, seed, null, o);
      break;
    }
    case "recbole": {
      const path = requirePath(spec);
      const files = await locateRecbole(path);
      const bytes = await readBytes(files);
      digest = digestOf(spec, seed, { inter: hashBytes(bytes.inter), user: hashBytes(bytes.user), item: hashBytes(bytes.item) });
      src = recboleSource(files, bytes, recboleOptions(spec), spec.label?.field ?? "label");
      labelled = applyLabel(src, effectiveLabel(src, spec.label));
      break;
    }
    case "csv": {
      const path = requirePath(spec);
      const bytes = await readSource(path);
      digest = digestOf(spec, seed, { data: hashBytes(bytes) });
      src = csvSource(path, bytes, spec);
      labelled = applyLabel(src, effectiveLabel(src, spec.label));
      break;
    }
    case "libfm":
      throw unsupportedLibfm(spec);
    default:
      throw new DataError({ code: E.UNSUPPORTED, file: whereOf(spec), what: `unknown dataset format '${String((spec as DatasetSpec).format)}'`, hint: "use recbole, csv or synthetic" });
  }
  const label = spec.format === "synthetic" ? undefined : effectiveLabel(src, spec.label).field;
  const columns = selectFeatures(src, spec.fields, label);
  const split = splitIndex(labelled.rows.length, seed, common.split);
  const enc = encode(columns, labelled.rows, labelled.labels, split, { maxSeqLen: common.maxSeqLen });
  const dropped = labelled.dropped > 0 ? `, ${labelled.dropped} dropped` : "";
  return {
    ...enc,
    digest,
    description: `${src.name} (${labelled.rows.length} rows${dropped}; train/valid/test ${enc.train.n}/${enc.valid.n}/${enc.test.n})`,
  };
}

/**
 * Cheap digest of a dataset as loadDataset(spec, seed) would use it: source bytes (not paths),
 * label/fields/options/format, split seed (as in loadDataset). No parsing. Throws DataError if a file is missing.
 */
export async function datasetDigest(spec: DatasetSpec, seed: number): Promise<string> {
  checkOptionNames(spec);
  seed = commonOptions(spec, seed).splitSeed;
  switch (spec.format) {
    case "synthetic":
      return digestOf(spec, seed, null, syntheticOptions(spec.options ? withoutCommon(spec.options) : undefined, whereOf(spec)));
    case "recbole": {
      const bytes = await readBytes(await locateRecbole(requirePath(spec)));
      return digestOf(spec, seed, { inter: hashBytes(bytes.inter), user: hashBytes(bytes.user), item: hashBytes(bytes.item) });
    }
    case "csv":
      return digestOf(spec, seed, { data: hashBytes(await readSource(requirePath(spec))) });
    case "libfm":
      throw unsupportedLibfm(spec);
    default:
      throw new DataError({ code: E.UNSUPPORTED, file: whereOf(spec), what: `unknown dataset format '${String((spec as DatasetSpec).format)}'`, hint: "use recbole, csv or synthetic" });
  }
}

function withoutCommon(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !COMMON.includes(k)));
}

function requirePath(spec: DatasetSpec): string {
  if (!spec.path) throw new DataError({ code: E.MISSING_FILE, file: `dataset (${spec.format})`, what: `dataset.path is required for format ${spec.format}`, hint: "set dataset.path (relative to the pipeline file), or use format: synthetic" });
  return spec.path;
}

async function readSource(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataError({ code: E.MISSING_FILE, file: path, what: code === "EISDIR" ? "is a folder, not a CSV file" : "cannot read the file", hint: code === "EISDIR" ? "use format: recbole for a folder of atomic files" : "check dataset.path (relative to the pipeline file)" });
  }
}

function csvSource(path: string, bytes: Buffer, spec: DatasetSpec): Source {
  const t = parseCsv(bytes.toString("utf8"), path, csvOptions(spec));
  const columns = new Map(t.columns.map((c) => [c.name, c]));
  const label = spec.label?.field ?? "label";
  return {
    file: path, n: t.n, lines: t.lines, mainColumns: columns, columns,
    defaultFields: defaultFeatures([{ columns: t.columns, rows: t.n }], label, []),
    name: `csv ${basename(path)}`,
  };
}

function unsupportedLibfm(spec: DatasetSpec): DataError {
  return new DataError({ code: E.UNSUPPORTED, file: whereOf(spec), what: "the libfm format is not supported yet", hint: "convert the data to CSV with a header, or to RecBole atomic files" });
}
