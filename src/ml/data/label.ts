import type { LabelSpec } from "../../spec/types.js";
import { DataError, E } from "./errors.js";
import type { Source } from "./source.js";

export interface Labelled {
  /** Kept source rows, in file order. */
  rows: Int32Array;
  /** 0/1 label per kept row. */
  labels: Uint8Array;
  dropped: number;
}

/** The label used when dataset.label is not given: a column named `label`, threshold 0.5. */
export function effectiveLabel(src: Source, label: LabelSpec | undefined): LabelSpec {
  if (label) return label;
  if (src.mainColumns.has("label")) return { field: "label", threshold: 0.5 };
  throw new DataError({
    code: E.MISSING_LABEL, file: src.file,
    what: "no label: dataset.label is not set and there is no column named 'label'",
    hint: `set dataset.label, e.g. {field: rating, threshold: 4, drop: [3]}; columns: ${[...src.mainColumns.keys()].join(", ")}`,
  });
}

/** value >= threshold -> 1, else 0; rows whose value is in `drop` are removed. */
export function applyLabel(src: Source, label: LabelSpec): Labelled {
  const col = src.mainColumns.get(label.field);
  if (!col) {
    throw new DataError({
      code: E.MISSING_LABEL, file: src.file, line: 1,
      what: `the label field '${label.field}' is not a column of this file`,
      hint: `columns: ${[...src.mainColumns.keys()].join(", ")}`,
    });
  }
  if (typeof label.threshold !== "number" || !Number.isFinite(label.threshold)) {
    throw new DataError({ code: E.BAD_OPTION, file: src.file, what: `dataset.label.threshold must be a number, got ${JSON.stringify(label.threshold)}` });
  }
  const drop = (label.drop ?? []).map((d) => {
    const x = typeof d === "number" ? d : typeof d === "string" && d.trim() !== "" ? Number(d) : NaN;
    if (!Number.isFinite(x)) {
      throw new DataError({ code: E.BAD_OPTION, file: src.file, what: `dataset.label.drop value ${JSON.stringify(d)} is not a number`, hint: "the label field is numeric; list the numeric values to drop" });
    }
    return x;
  });
  const n = src.n;
  const values = new Float64Array(n);
  if (col.kind === "float") {
    values.set(col.values);
  } else if (col.kind === "token") {
    const num = col.dict.map((s) => Number(s));
    for (let i = 0; i < n; i++) { const c = col.codes[i]!; values[i] = c < 0 ? NaN : num[c]!; }
  } else {
    throw new DataError({ code: E.BAD_LABEL, file: src.file, line: 1, what: `the label field '${label.field}' is ${col.kind}; it must be float or token`, hint: `declare it as '${label.field}:float'` });
  }
  const rows = new Int32Array(n);
  const labels = new Uint8Array(n);
  let k = 0;
  const t = label.threshold;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      const raw = col.kind === "token" && col.codes[i]! >= 0 ? `'${col.dict[col.codes[i]!]}'` : "missing";
      throw new DataError({ code: E.BAD_LABEL, file: src.file, line: src.lines[i]!, what: `label '${label.field}' is ${raw}, not a number`, hint: "every row needs a numeric label value" });
    }
    if (drop.length > 0 && drop.includes(v)) continue;
    rows[k] = i;
    labels[k] = v >= t ? 1 : 0;
    k++;
  }
  if (k === 0) {
    throw n === 0
      ? new DataError({ code: E.NO_ROWS, file: src.file, line: 2, what: "the file has a header but no data rows", hint: "add rows, or point dataset.path at the right file" })
      : new DataError({ code: E.NO_ROWS, file: src.file, what: `no rows left after dropping ${label.field} in [${drop.join(", ")}]`, hint: "check dataset.label.drop" });
  }
  return { rows: rows.slice(0, k), labels: labels.slice(0, k), dropped: n - k };
}
