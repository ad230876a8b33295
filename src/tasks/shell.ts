import type { Params } from "../spec/types.js";
import { formatScalar } from "./numbers.js";

/** What a shell command may refer to. */
export interface ShellVars {
  params: Params;
  inputs: Record<string, string>;
  out: string;
  seed: number;
  trial: string;
}

const PLACEHOLDER = /\{(params|inputs)\.([^{}\s]+)\}|\{(out|seed|trial)\}/g;

export class PlaceholderError extends Error {
  constructor(readonly placeholder: string, readonly known: string[]) {
    super(`unknown placeholder ${placeholder}`);
  }
}

/** POSIX sh single-quoting: the value is one word and never code. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function lookup(vars: ShellVars, ns: string | undefined, name: string | undefined, simple: string | undefined): string {
  if (simple === "out") return vars.out;
  if (simple === "seed") return String(vars.seed);
  if (simple === "trial") return vars.trial;
  if (ns === "params") {
    if (!(name! in vars.params)) throw new PlaceholderError(`{params.${name}}`, Object.keys(vars.params).map((k) => `{params.${k}}`));
    return formatScalar(vars.params[name!]!);
  }
  if (!(name! in vars.inputs)) throw new PlaceholderError(`{inputs.${name}}`, Object.keys(vars.inputs).map((k) => `{inputs.${k}}`));
  return vars.inputs[name!]!;
}

function substitute(template: string, vars: ShellVars, quote: (s: string) => string): string {
  return template.replace(PLACEHOLDER, (_m, ns, name, simple) => quote(lookup(vars, ns, name, simple)));
}

/**
 * The argv of a shell task. A string command runs under `sh -c` with every substituted value
 * shell-quoted; an argv list substitutes inside each element (each element stays one argument).
 */
export function shellArgv(command: string | string[], vars: ShellVars): string[] {
  if (typeof command === "string") return ["sh", "-c", substitute(command, vars, shellQuote)];
  return command.map((part) => substitute(part, vars, (s) => s));
}

/** Placeholders a command uses (for static checks). */
export function placeholders(command: string | string[]): string[] {
  const text = typeof command === "string" ? command : command.join("\n");
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[0]);
}

/** DAGTUNE_INPUT_<NAME>: upper-cased, non-alphanumerics as `_`. */
export const inputEnvName = (name: string): string => `DAGTUNE_INPUT_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
