/**
 * Stable seed derivation: seedFor(root, ...parts) hashes the canonical JSON of
 * [root, ...parts] (UTF-8, FNV-1a 32-bit, murmur3 finaliser) to an unsigned 32-bit seed.
 * Strings and numbers are distinguished ("1" vs 1). Same inputs, same seed, everywhere.
 */
const encoder = new TextEncoder();

export function hash32(text: string): number {
  const bytes = encoder.encode(text);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  // murmur3 fmix32 avalanche
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Derive a 32-bit seed. The engine uses
 *   trial seed         = seedFor(root, node, index)
 *   node sampler seed  = seedFor(root, node, "sampler")
 */
export function seedFor(rootSeed: number, ...parts: (string | number)[]): number {
  if (!Number.isFinite(rootSeed)) throw new RangeError(`seedFor: root seed must be a finite number, got ${rootSeed}`);
  for (const p of parts) {
    if (typeof p === "number" && !Number.isFinite(p)) throw new RangeError(`seedFor: part must be finite, got ${p}`);
  }
  return hash32(JSON.stringify([rootSeed, ...parts]));
}
