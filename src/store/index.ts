/** The store: SQLite ledger + content-addressed artifacts + cache keys + orchestrator lock. */
import { SqliteStore } from "./sqlite-store.js";

export * from "./types.js";
export { SqliteStore, TrialFinishedError } from "./sqlite-store.js";
export { trialKey, canonicalJson, sha256Hex, KEY_SCHEME, type TrialKeyParts } from "./key.js";
export { writeJsonAtomic } from "./fsutil.js";
export type { LockInfo } from "./lock.js";
export { ArtifactError, hashDir, type Manifest, type ManifestEntry } from "./artifacts.js";

/** Open (creating if missing) the store at `root`. */
export function openStore(root: string): SqliteStore {
  return new SqliteStore(root);
}
