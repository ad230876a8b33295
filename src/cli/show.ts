import * as path from "node:path";
import type { Command } from "commander";
import type { Pipeline } from "../spec/types.js";
import { openStore } from "../store/index.js";
import { showView } from "../engine/inspect.js";
import { renderShow, useColor } from "../report/index.js";
import { didYouMean } from "../spec/suggest.js";
import { UsageError, existingStore, storeDir } from "./common.js";

interface Flags {
  store?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command("show")
    .description("a node's selected trial(s) in the last run: index, params (carried ones marked), metrics, artifact path")
    .argument("<node>", "node name")
    .argument("[file]", "pipeline file (its store is artifacts/ beside it)")
    .option("--store <dir>", "store folder (default: artifacts/ beside FILE, or ./artifacts)")
    .option("--json", "print as JSON")
    .action((node: string, file: string | undefined, f: Flags) => {
      const store = openStore(existingStore(storeDir(f.store, file)));
      try {
        const run = store.lastRun(file ? path.resolve(file) : undefined);
        if (!run) throw new UsageError(`no runs${file ? ` of ${file}` : ""} in the store ${store.root}`, "start one with dagtune run FILE");
        const view = showView(store, run, node);
        if (!view) {
          const names = (JSON.parse(run.declaration) as Pipeline).nodes.map((n) => n.name);
          throw new UsageError(`run ${run.id} has no node "${node}"${didYouMean(node, names)}`, `nodes: ${names.join(", ")}`);
        }
        process.stdout.write(f.json ? JSON.stringify(view, null, 2) + "\n" : renderShow(view, useColor(process.stdout)) + "\n");
      } finally {
        store.close();
      }
    });
}
