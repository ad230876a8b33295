import type { Loc } from "./diagnostic.js";

/** A path into the parsed document: mapping keys and sequence indexes. */
export type Path = readonly (string | number)[];

/** Where a node of the document sits: its key (for mapping entries) and its value. */
export interface NodeLocs {
  key?: Loc;
  value: Loc;
}

/** JSON Pointer (RFC 6901) of a path: the same form as ajv's instancePath. */
export function pointer(path: Path): string {
  return path.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

export function parsePointer(p: string): string[] {
  if (p === "") return [];
  return p
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * JSON pointer -> source positions, for every node of the document.
 * Lookups fall back to the nearest ancestor that has a position (values
 * inserted by `--set` overrides have none).
 */
/** Where a `--set` override created the place a loc was looked up for. */
export interface SetOrigin {
  /** The override's `key=value`. */
  text: string;
  /** Depth of the first entry it created (1: a top-level key, 2: a whole node, ...). */
  depth: number;
}

/** Locs handed out for paths a `--set` override created. */
const fromSet = new WeakMap<Loc, SetOrigin>();

/** The `--set` override that created the place `loc` was looked up for, if any. */
export const setOrigin = (loc: Loc): SetOrigin | undefined => fromSet.get(loc);

export class LocMap {
  private readonly map = new Map<string, NodeLocs>();
  private readonly created = new Map<string, SetOrigin>();
  constructor(readonly file: string) {}

  /** `path` (and everything under it) was created by the override `text`: lookups there say so. */
  markCreated(path: Path, text: string): void {
    if (!this.created.has(pointer(path))) this.created.set(pointer(path), { text, depth: path.length });
  }

  private createdBy(path: Path): SetOrigin | undefined {
    if (this.created.size === 0) return undefined;
    for (let n = 1; n <= path.length; n++) {
      const t = this.created.get(pointer(path.slice(0, n)));
      if (t !== undefined) return t;
    }
    return undefined;
  }

  set(path: Path, locs: NodeLocs): void {
    this.map.set(pointer(path), locs);
  }

  has(path: Path): boolean {
    return this.map.has(pointer(path));
  }

  /** Position of the value at `path` (or the nearest ancestor's). */
  value(path: Path): Loc {
    return this.lookup(path, "value");
  }

  /** Position of the key of the entry at `path` (its value if it has no key). */
  key(path: Path): Loc {
    return this.lookup(path, "key");
  }

  private lookup(path: Path, which: "key" | "value"): Loc {
    const loc = this.lookupSource(path, which);
    const by = this.createdBy(path);
    if (by === undefined) return loc;
    const copy = { ...loc };
    fromSet.set(copy, by);
    return copy;
  }

  private lookupSource(path: Path, which: "key" | "value"): Loc {
    for (let n = path.length; n >= 0; n--) {
      const l = this.map.get(pointer(path.slice(0, n)));
      if (l) return (which === "key" && n === path.length ? l.key : undefined) ?? (n === path.length ? l.value : l.key ?? l.value);
    }
    return { file: this.file, line: 1, col: 1 };
  }
}
