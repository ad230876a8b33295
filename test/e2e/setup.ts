import * as fs from "node:fs";
import * as path from "node:path";
import { after } from "node:test";
import { STAGE, project } from "./cli.js";

/** A temp project with pipe.yaml (STAGE replaced by the stand-in script's path), removed after the file's tests. */
export function projectWith(yaml: string, folderPrefix = "dagtune-e2e-") {
  const dir = project(folderPrefix);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, "pipe.yaml");
  fs.writeFileSync(file, yaml.replaceAll("STAGE", STAGE));
  const log = path.join(dir, "calls.log");
  return { dir, file, log, store: path.join(dir, "artifacts"), env: { CALLS_LOG: log } as Record<string, string> };
}
