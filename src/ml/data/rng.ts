import { createHash } from "node:crypto";

/**
 * Seeded PRNG (xoshiro128**), seeded from sha256 of a string key, so a stream is the same
 * on every platform and Node version (integer arithmetic only; floats derived exactly).
 */
export interface Rng {
  /** Uniform uint32. */
  u32(): number;
  /** Uniform in [0, 1), 32-bit resolution. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
}

export function createRng(key: string): Rng {
  const h = createHash("sha256").update(key).digest();
  const a = h.readUInt32LE(0), b = h.readUInt32LE(4), c = h.readUInt32LE(8), d = h.readUInt32LE(12);
  const u32 = xoshiroFromState((a | b | c | d) === 0 ? 1 : a, b, c, d);
  const next = (): number => u32() / 4294967296;
  let spare: number | null = null;
  return {
    u32,
    next,
    int: (n: number) => Math.floor(next() * n),
    normal: () => {
      if (spare !== null) { const s = spare; spare = null; return s; }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** The raw xoshiro128** generator from a 4-word state (exported for the reference test). */
export function xoshiroFromState(a: number, b: number, c: number, d: number): () => number {
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11);
    return result;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** In-place Fisher-Yates shuffle. */
export function shuffle(arr: Int32Array, rng: Rng): Int32Array {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = arr[i]!; arr[i] = arr[j]!; arr[j] = t;
  }
  return arr;
}
