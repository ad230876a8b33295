/** Canonical JSON (RFC 8785, via the `canonicalize` package) and sha256 hex: the project's one recipe for digests. */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// `canonicalize` is CommonJS (`module.exports = fn`); load it through require so the
// call does not depend on how the ESM/CJS default-interop types are resolved.
const canonicalizeFn = require("canonicalize") as (input: unknown) => string | undefined;

/** RFC 8785 canonical JSON. Throws on values JSON cannot represent. */
export function canonicalJson(value: unknown): string {
  const out = canonicalizeFn(value);
  if (out === undefined) throw new Error("value has no JSON representation");
  return out;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
