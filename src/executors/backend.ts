import { execFile } from "node:child_process";

/**
 * Resolve a backend request ("auto" | "tensorflow" | "wasm" | "cpu") to the backend trials
 * will really use, by asking a worker process once (loading TensorFlow.js in the orchestrator
 * itself would cost every command its start-up time). Trials then get the resolved name, so
 * the lock file records what ran. Rejects with the worker's message if the backend cannot load.
 */
export function probeBackend(workerPath: string, requested: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [workerPath, "--probe-backend", requested], { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(stderr.trim().split("\n").at(-1) || err.message));
      else resolve(stdout.trim());
    });
  });
}
