import * as fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Versions of dagtune and the packages that shape results, for lock files. */
export function packageVersions(): Record<string, string> {
  const out: Record<string, string> = { node: process.versions.node };
  const names = ["dagtune", "@tensorflow/tfjs-core", "@tensorflow/tfjs-backend-wasm", "@tensorflow/tfjs-backend-cpu", "@tensorflow/tfjs-node", "better-sqlite3", "yaml"];
  for (const name of names) {
    try {
      const file = name === "dagtune" ? new URL("../../../package.json", import.meta.url) : require.resolve(`${name}/package.json`);
      out[name] = (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
    } catch {
      /* not installed */
    }
  }
  return out;
}
