import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the nearest folder above this file holding package.json. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("package.json not found above " + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** Where tests look for MovieLens-100k (RecBole atomic files): $DAGTUNE_ML100K, else <repo>/../shared/data/ml-100k. */
export function ml100kLocation(): string {
  return process.env.DAGTUNE_ML100K ? resolve(process.env.DAGTUNE_ML100K) : resolve(repoRoot(), "..", "shared", "data", "ml-100k");
}

/** The ml-100k folder if it holds ml-100k.inter, else null (tests then skip with a notice). */
export function ml100kPath(): string | null {
  const p = ml100kLocation();
  return existsSync(join(p, "ml-100k.inter")) ? p : null;
}

/** The skip notice tests print when the data is absent. */
export function ml100kSkipMessage(): string {
  return `ml-100k not found at ${ml100kLocation()}: set DAGTUNE_ML100K`;
}
