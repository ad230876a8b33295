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
/** The same, anchored at a position (sticky). */
const PLACEHOLDER_AT = new RegExp(PLACEHOLDER.source, "y");

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
 * A string command for `sh -c` in which every placeholder became a reference to an environment
 * variable (`DAGTUNE_SUB_<n>`, returned in `env`), written for the quoting context it stands in:
 * unquoted `"${V}"`, inside double quotes `${V}`, inside single quotes `'"${V}"'` (close, expand,
 * reopen). The shell expands a variable once and never parses its value, so a value with spaces,
 * quotes, `$( )` or `;` is data wherever the placeholder is written.
 */
function shellString(template: string, vars: ShellVars): { script: string; env: Record<string, string> } {
  const env: Record<string, string> = {};
  let out = "";
  let quote: "" | "'" | '"' = "";
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    PLACEHOLDER_AT.lastIndex = i;
    const m = c === "{" ? PLACEHOLDER_AT.exec(template) : null;
    if (m) {
      const name = `DAGTUNE_SUB_${Object.keys(env).length}`;
      env[name] = lookup(vars, m[1], m[2], m[3]);
      out += quote === '"' ? `\${${name}}` : quote === "'" ? `'"\${${name}}"'` : `"\${${name}}"`;
      i += m[0].length;
      continue;
    }
    if (c === "\\" && quote !== "'") {
      out += template.slice(i, i + 2);
      i += 2;
      continue;
    }
    if ((c === "'" || c === '"') && (quote === "" || quote === c)) quote = quote ? "" : c;
    out += c;
    i++;
  }
  return { script: out, env };
}

/**
 * The argv (and extra environment) of a shell task. A string command runs under `sh -c` with
 * placeholders expanded by the shell from environment variables (see shellString); an argv
 * list substitutes inside each element (each element stays one argument).
 */
export function shellCommand(command: string | string[], vars: ShellVars): { argv: string[]; env: Record<string, string> } {
  if (typeof command === "string") {
    const { script, env } = shellString(command, vars);
    return { argv: ["sh", "-c", script], env };
  }
  return { argv: command.map((part) => substitute(part, vars, (s) => s)), env: {} };
}

/** Placeholders a command uses (for static checks). */
export function placeholders(command: string | string[]): string[] {
  const text = typeof command === "string" ? command : command.join("\n");
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[0]);
}

/** DAGTUNE_INPUT_<NAME>: upper-cased, non-alphanumerics as `_`. */
export const inputEnvName = (name: string): string => `DAGTUNE_INPUT_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
