import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document, Node as YNode } from "yaml";
import type { Diagnostic, Loc } from "./diagnostic.js";
import { LocMap, type Path } from "./locs.js";

export interface ParsedSource {
  /** The yaml Document (null when the file could not be parsed into one). */
  doc: Document | null;
  lineCounter: LineCounter;
  diagnostics: Diagnostic[];
}

/** A `<<` key (a YAML 1.1 merge key; an ordinary key in YAML 1.2): where it and its value are. */
export interface MergeKey {
  path: Path;
  key: Loc;
  value: Loc;
}

export const MERGE_HINT =
  "YAML 1.2 has no merge keys: `<<` is read as an ordinary key. Use an anchor and alias on a whole value (params: *base), or write the keys out";

/**
 * Diagnostics about a `<<` key (at the key or its value) get the merge-key hint and point at
 * the key (not into the anchor an alias names); a `<<` nothing else reports is an error itself.
 */
export function explainMergeKeys(ds: Diagnostic[], merges: readonly MergeKey[]): Diagnostic[] {
  const same = (a: Loc | undefined, b: Loc) => a !== undefined && a.file === b.file && a.line === b.line && a.col === b.col;
  const out = [...ds];
  for (const m of merges) {
    let found = false;
    out.forEach((d, i) => {
      if (!same(d.loc, m.key) && !same(d.loc, m.value)) return;
      found = true;
      out[i] = { ...d, loc: m.key, hint: MERGE_HINT };
    });
    if (!found) {
      out.push({ severity: "error", code: "E_MERGE_KEY", message: `"<<" is not a merge key in YAML 1.2: it would be read as a key named "<<"`, loc: m.key, hint: MERGE_HINT });
    }
  }
  return out;
}

/** A YAML 1.2 integer literal (decimal, 0o octal, 0x hex). */
const INT_LITERAL = /^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;

/** Offset -> Loc. */
export function locAt(lc: LineCounter, file: string, offset: number, end?: number): Loc {
  const { line, col } = lc.linePos(offset);
  const loc: Loc = { file, line, col };
  if (end !== undefined && end > offset) {
    const e = lc.linePos(end);
    if (e.line === line) loc.len = e.col - col;
  }
  return loc;
}

const YAML_CODES: Record<string, { code: string; hint?: string }> = {
  TAB_AS_INDENT: { code: "E_TAB_INDENT", hint: "indent with spaces; YAML does not allow tabs in indentation" },
  DUPLICATE_KEY: { code: "E_DUPLICATE_KEY" },
};

/**
 * Parse YAML 1.2 text. Syntax errors, tab indentation and duplicate keys become
 * diagnostics; an empty document or a non-mapping root too.
 */
export function parseSource(text: string, file: string): ParsedSource {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  if (text.trim() === "") {
    diagnostics.push({
      severity: "error",
      code: "E_EMPTY_FILE",
      message: "the pipeline file is empty",
      loc: { file, line: 1, col: 1 },
      hint: "start from pipelines/kd_dagfm.yaml: a pipeline needs at least `version: 1` and `nodes:`",
    });
    return { doc: null, lineCounter, diagnostics };
  }
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, keepSourceTokens: true, prettyErrors: false });
  for (const e of doc.errors) {
    const m = YAML_CODES[e.code];
    diagnostics.push({
      severity: "error",
      code: m?.code ?? "E_YAML_SYNTAX",
      message: yamlMessage(e.message),
      loc: locAt(lineCounter, file, e.pos[0]),
      ...(m?.hint ? { hint: m.hint } : { hint: "fix the YAML syntax at this position" }),
    });
  }
  // Duplicate keys: found ourselves so both positions can be reported.
  if (doc.contents) findDuplicates(doc.contents as YNode, lineCounter, file, diagnostics);
  if (diagnostics.length === 0) {
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
      diagnostics.push({
        severity: "error",
        code: "E_EMPTY_FILE",
        message: "the pipeline file has no content (only comments)",
        loc: { file, line: 1, col: 1 },
        hint: "a pipeline needs at least `version: 1` and `nodes:`",
      });
    } else if (!isMap(doc.contents)) {
      const r = (doc.contents as YNode).range;
      diagnostics.push({
        severity: "error",
        code: "E_NOT_MAPPING",
        message: `the pipeline file must be a mapping (key: value), not a ${isSeq(doc.contents) ? "list" : "scalar"}`,
        loc: r ? locAt(lineCounter, file, r[0]) : { file, line: 1, col: 1 },
        hint: "write top-level keys: version, name, seed, dataset, defaults, nodes",
      });
    }
  }
  return { doc, lineCounter, diagnostics };
}

function yamlMessage(m: string): string {
  const first = m.split("\n")[0] ?? m;
  return first.replace(/ at line \d+, column \d+:?$/, "");
}

function findDuplicates(node: YNode, lc: LineCounter, file: string, out: Diagnostic[]): void {
  if (isMap(node)) {
    const seen = new Map<string, YNode>();
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const k = item.key as YNode | null;
      if (k && isScalar(k)) {
        const name = String(k.value);
        const prev = seen.get(name);
        if (prev && k.range) {
          out.push({
            severity: "error",
            code: "E_DUPLICATE_KEY",
            message: `duplicate key "${name}"`,
            loc: locAt(lc, file, k.range[0], k.range[1]),
            hint: `keep one "${name}" entry: YAML 1.2 mapping keys must be unique`,
            related: prev.range ? [{ message: `first "${name}" here`, loc: locAt(lc, file, prev.range[0], prev.range[1]) }] : [],
          });
        } else seen.set(name, k);
      }
      if (item.value) findDuplicates(item.value as YNode, lc, file, out);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) findDuplicates(item as YNode, lc, file, out);
  }
}

/**
 * Convert the (valid) document to plain JS values, recording every node's
 * position under its JSON pointer. `diagnostics` make the document unusable; `checks` are
 * value problems (integer literals too large to be exact) reported with the other checks.
 */
export function toPlain(
  doc: Document,
  lc: LineCounter,
  file: string,
): { value: unknown; locs: LocMap; diagnostics: Diagnostic[]; checks: Diagnostic[]; merges: MergeKey[] } {
  const locs = new LocMap(file);
  const diagnostics: Diagnostic[] = [];
  const loc = (n: YNode | null | undefined): Loc | undefined =>
    n?.range ? locAt(lc, file, n.range[0], n.range[1]) : undefined;

  // Aliases are expanded: cap the work so a "billion laughs" file cannot hang validation.
  const unsafeIntegers: { path: Path; source: string }[] = [];
  const merges: MergeKey[] = [];
  let budget = 100_000;
  const resolved = new Map<object, YNode | null>();
  let exhausted = false;
  const walk = (node: unknown, path: Path, keyLoc: Loc | undefined, depth: number): unknown => {
    const n = node as YNode | null;
    if (--budget < 0) {
      if (!exhausted) {
        exhausted = true;
        diagnostics.push({
          severity: "error",
          code: "E_YAML_SYNTAX",
          message: "the document expands to too many values (aliases nested too deeply?)",
          ...(loc(n) ? { loc: loc(n)! } : {}),
          hint: "write the values out instead of nesting aliases",
        });
      }
      return null;
    }
    const vl = loc(n) ?? keyLoc;
    if (vl) locs.set(path, keyLoc ? { key: keyLoc, value: vl } : { value: vl });
    if (n === null || n === undefined) return null;
    if (depth > 64) return null;
    if (isAlias(n)) {
      let target = resolved.get(n);
      if (target === undefined) {
        target = n.resolve(doc) ?? null;
        resolved.set(n, target);
      }
      if (!target) {
        diagnostics.push({
          severity: "error",
          code: "E_YAML_SYNTAX",
          message: `unresolved alias *${n.source}`,
          ...(vl ? { loc: vl } : {}),
          hint: `define the anchor &${n.source} before using it`,
        });
        return null;
      }
      return walk(target, path, keyLoc, depth + 1);
    }
    if (isScalar(n)) {
      const v = n.value;
      const num = typeof v === "bigint" ? Number(v) : v;
      // An integer literal too large for a double: the value we keep is rounded.
      if (typeof num === "number" && Number.isInteger(num) && !Number.isSafeInteger(num) && typeof n.source === "string" && INT_LITERAL.test(n.source.trim())) {
        unsafeIntegers.push({ path, source: n.source.trim() });
      }
      return num as unknown;
    }
    if (isSeq(n)) return n.items.map((it, i) => walk(it, [...path, i], undefined, depth + 1));
    if (isMap(n)) {
      const obj: Record<string, unknown> = {};
      for (const item of n.items) {
        if (!isPair(item)) continue;
        const rawKey = item.key as unknown;
        // Keys added by --set overrides are plain JS values, not nodes.
        const k = (rawKey !== null && typeof rawKey !== "object" ? { value: rawKey } : rawKey) as YNode | null;
        if (k && typeof rawKey === "object" && !isScalar(k)) {
          diagnostics.push({
            severity: "error",
            code: "E_YAML_SYNTAX",
            message: "complex (non-scalar) mapping keys are not supported",
            ...(loc(k) ? { loc: loc(k)! } : {}),
          });
          continue;
        }
        const name = k ? String((k as { value?: unknown }).value) : "";
        const kl = (typeof rawKey === "object" ? loc(k) : undefined) ?? vl;
        Object.defineProperty(obj, name, {
          value: walk(item.value, [...path, name], kl, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        if (name === "<<" && typeof rawKey === "object" && isScalar(k) && k.type === "PLAIN" && kl) {
          merges.push({ path: [...path, name], key: kl, value: locs.value([...path, name]) });
        }
      }
      return obj;
    }
    return null;
  };
  const value = walk(doc.contents, [], undefined, 0);
  const checks: Diagnostic[] = [];
  for (const u of unsafeIntegers) {
    checks.push({
      severity: "error",
      code: "E_UNSAFE_INTEGER",
      message: `integer ${u.source} is beyond the largest exact integer (${Number.MAX_SAFE_INTEGER}): it would be rounded to ${String(Number(u.source))}`,
      loc: locs.value(u.path),
      hint: `integers are exact up to ${Number.MAX_SAFE_INTEGER} (2^53-1): use a smaller one, or quote it to pass a string`,
    });
  }
  return { value, locs, diagnostics, checks, merges };
}
