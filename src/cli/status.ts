import * as path from "node:path";
import type { Command } from "commander";
import { openStore } from "../store/index.js";
import { statusView } from "../engine/inspect.js";
import { renderStatus, useColor } from "../report/index.js";
import { UsageError, existingStore, storeDir } from "./common.js";

interface Flags {
  store?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command("status")
    .description("the last run: per node trials done / failed / cached / running, and the best so far")
    .argument("[file]", "pipeline file (its store is artifacts/ beside it); default: the last run in the store")
    .option("--store <dir>", "store folder (default: artifacts/ beside FILE, or ./artifacts)")
    .option("--json", "print the status as JSON")
    .action((file: string | undefined, f: Flags) => {
      const store = openStore(existingStore(storeDir(f.store, file)));
      try {
        const run = store.lastRun(file ? path.resolve(file) : undefined);
        if (!run) throw new UsageError(`no runs${file ? ` of ${file}` : ""} in the store ${store.root}`, "start one with dagtune run FILE");
        const view = statusView(store, run);
        process.stdout.write(f.json ? JSON.stringify(view, null, 2) + "\n" : renderStatus(view, useColor(process.stdout)) + "\n");
      } finally {
        store.close();
      }
    });
}
