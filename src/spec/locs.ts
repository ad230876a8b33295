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
export class LocMap {
  private readonly map = new Map<string, NodeLocs>();
  constructor(readonly file: string) {}

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
    for (let n = path.length; n >= 0; n--) {
      const l = this.map.get(pointer(path.slice(0, n)));
      if (l) return (which === "key" && n === path.length ? l.key : undefined) ?? (n === path.length ? l.value : l.key ?? l.value);
    }
    return { file: this.file, line: 1, col: 1 };
  }
}
