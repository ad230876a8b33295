import { loadPipeline, type LoadOptions } from "../index.js";
import type { Pipeline } from "../spec/types.js";
import { renderDiagnostics, useColor } from "../report/diagnostics.js";

/** Exit codes: 0 ok, 1 a run finished with failed nodes, 2 invalid input / command line. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_INVALID = 2;

/** commander option parser for repeatable `--set key=value`. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Load and validate FILE for a command: on errors print every diagnostic to stderr,
 * set exit code 2 and return undefined; warnings are printed and the pipeline returned.
 */
export async function loadForCommand(file: string, opts: LoadOptions = {}): Promise<Pipeline | undefined> {
  const r = await loadPipeline(file, opts);
  const sources = r.source !== undefined ? { [file]: r.source } : {};
  const color = useColor(process.stderr);
  if (!r.ok) {
    process.stderr.write(renderDiagnostics(r.diagnostics, { color, sources }));
    process.exitCode = EXIT_INVALID;
    return undefined;
  }
  if (r.warnings.length) process.stderr.write(renderDiagnostics(r.warnings, { color, sources }));
  return r.pipeline;
}
