import { createHash } from "node:crypto";
import canonicalizeModule from "canonicalize";

// The package is CommonJS (module.exports = fn) but its typings declare an ES default export;
// under NodeNext the default import IS the function at run time.
const canonicalizeFn = canonicalizeModule as unknown as (x: unknown) => string | undefined;

/** RFC 8785 canonical JSON. */
export function canonicalJson(x: unknown): string {
  const s = canonicalizeFn(x);
  if (s === undefined) throw new Error("internal: value has no canonical JSON form");
  return s;
}

export function sha256(s: string | Buffer): string {
  return createHash("sha256").update(s).digest("hex");
}
