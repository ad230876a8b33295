import { readFile, readdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { parseAtomic } from "./atomic.js";
import { DataError, E } from "./errors.js";
import { defaultFeatures, type Source } from "./source.js";
import { gatherColumn, type RawColumn, type RawTable } from "./table.js";

export interface RecboleFiles {
  name: string;
  inter: string;
  user: string | null;
  item: string | null;
}

/**
 * `path` is a folder holding <name>.inter (+ optional .user/.item), where name is the folder's
 * basename (or the folder's only .inter file), or the path of the .inter file itself.
 */
export async function locateRecbole(path: string): Promise<RecboleFiles> {
  let st;
  try {
    st = await stat(path);
  } catch {
    throw new DataError({ code: E.MISSING_FILE, file: path, what: "no such file or folder", hint: "dataset.path (relative to the pipeline file) must name a RecBole folder or its .inter file" });
  }
  let dir: string, name: string;
  if (st.isDirectory()) {
    dir = path;
    name = basename(path);
    if (!(await isFile(join(dir, `${name}.inter`)))) {
      const inters = (await readdir(dir)).filter((f) => f.endsWith(".inter")).sort();
      if (inters.length !== 1) {
        throw new DataError({
          code: E.MISSING_FILE, file: join(dir, `${name}.inter`),
          what: inters.length === 0 ? "no .inter file in the dataset folder" : `no ${name}.inter, and the folder has several .inter files (${inters.join(", ")})`,
          hint: "point dataset.path at the .inter file, or name it after its folder",
        });
      }
      name = inters[0]!.slice(0, -".inter".length);
    }
  } else {
    if (!path.endsWith(".inter")) {
      throw new DataError({ code: E.MISSING_FILE, file: path, what: "a recbole dataset path must be a folder or a .inter file", hint: "use format: csv for other files" });
    }
    dir = dirname(path);
    name = basename(path).slice(0, -".inter".length);
  }
  const user = join(dir, `${name}.user`);
  const item = join(dir, `${name}.item`);
  return { name, inter: join(dir, `${name}.inter`), user: (await isFile(user)) ? user : null, item: (await isFile(item)) ? item : null };
}

async function isFile(p: string): Promise<boolean> {
  try { return (await stat(p)).isFile(); } catch { return false; }
}

export interface RecboleOptions {
  userIdField: string;
  itemIdField: string;
}

/** Read the files as bytes (for the digest) once. */
export async function readBytes(files: RecboleFiles): Promise<{ inter: Buffer; user: Buffer | null; item: Buffer | null }> {
  const [inter, user, item] = await Promise.all([
    readFile(files.inter),
    files.user ? readFile(files.user) : Promise.resolve(null),
    files.item ? readFile(files.item) : Promise.resolve(null),
  ]);
  return { inter, user, item };
}

export function recboleSource(
  files: RecboleFiles,
  bytes: { inter: Buffer; user: Buffer | null; item: Buffer | null },
  opts: RecboleOptions,
  label: string | undefined,
): Source {
  const inter = parseAtomic(bytes.inter.toString("utf8"), files.inter);
  const mainColumns = new Map<string, RawColumn>(inter.columns.map((c) => [c.name, c]));
  const columns = new Map(mainColumns);
  const parts: { columns: RawColumn[]; rows: number; skip?: string }[] = [{ columns: inter.columns, rows: inter.n }];
  const sides: [Buffer | null, string | null, string][] = [
    [bytes.user, files.user, opts.userIdField],
    [bytes.item, files.item, opts.itemIdField],
  ];
  for (const [buf, file, key] of sides) {
    if (!buf || !file) continue;
    const side = parseAtomic(buf.toString("utf8"), file);
    const idx = joinIndex(inter, side, key);
    const joined: RawColumn[] = [];
    for (const c of side.columns) {
      if (c.name === key || columns.has(c.name)) continue;
      const g = gatherColumn(c, idx);
      columns.set(c.name, g);
      joined.push(c);
    }
    parts.push({ columns: joined, rows: side.n });
  }
  return {
    file: files.inter,
    n: inter.n,
    lines: inter.lines,
    mainColumns,
    columns,
    defaultFields: defaultFeatures(parts, label, [opts.userIdField, opts.itemIdField]),
    name: `recbole ${files.name}`,
  };
}

/** For each .inter row, the row of `side` whose key equals the row's key (-1 = none). */
function joinIndex(inter: RawTable, side: RawTable, key: string): Int32Array {
  const sideKey = side.columns.find((c) => c.name === key);
  const interKey = inter.columns.find((c) => c.name === key);
  if (!sideKey) {
    throw new DataError({ code: E.MISSING_COLUMN, file: side.file, line: 1, what: `missing the join column '${key}'`, hint: `the header needs '${key}:token' to join this file onto ${basename(inter.file)}` });
  }
  if (!interKey) {
    throw new DataError({ code: E.MISSING_COLUMN, file: inter.file, line: 1, what: `missing the column '${key}' needed to join ${basename(side.file)}`, hint: `add '${key}:token' to the header` });
  }
  if (sideKey.kind !== "token" || interKey.kind !== "token") {
    const bad = sideKey.kind !== "token" ? side : inter;
    throw new DataError({ code: E.BAD_TYPE, file: bad.file, line: 1, what: `the join column '${key}' must be token, not ${(sideKey.kind !== "token" ? sideKey : interKey).kind}`, hint: `declare it as '${key}:token'` });
  }
  const rowOf = new Map<string, number>();
  for (let r = 0; r < side.n; r++) {
    const c = sideKey.codes[r]!;
    if (c < 0) continue;
    const k = sideKey.dict[c]!;
    if (rowOf.has(k)) {
      throw new DataError({ code: E.DUP_KEY, file: side.file, line: side.lines[r]!, what: `'${key}' ${k} appears again (first on line ${side.lines[rowOf.get(k)!]})`, hint: "each id must have one row in a .user/.item file" });
    }
    rowOf.set(k, r);
  }
  const codeToRow = new Int32Array(interKey.dict.length);
  for (let c = 0; c < interKey.dict.length; c++) codeToRow[c] = rowOf.get(interKey.dict[c]!) ?? -1;
  const idx = new Int32Array(inter.n);
  for (let i = 0; i < inter.n; i++) { const c = interKey.codes[i]!; idx[i] = c < 0 ? -1 : codeToRow[c]!; }
  return idx;
}
