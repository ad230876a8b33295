import type { Params } from "../spec/types.js";
import type { TaskDecl } from "../tasks/types.js";
import type { CarriedParam } from "./events.js";

/** An upstream trial as the carry logic sees it. */
export interface CarrierTrial {
  node: string;
  index: number;
  params: Params;
  carried: Record<string, CarriedParam>;
}

/**
 * The params a downstream trial receives through input `inputName` from `upstream`:
 * each carried param of the upstream artifact, renamed per the downstream task's `receiveAs`,
 * keeping the node where the value was first set as its origin.
 * Built-in tasks receive only the params they declare; shell tasks receive all.
 */
export function receivedParams(
  upstream: CarrierTrial,
  names: readonly string[],
  downstream: TaskDecl,
  inputName: string,
): Record<string, CarriedParam> {
  const decl = downstream.inputs?.find((i) => i.name === inputName);
  const out: Record<string, CarriedParam> = {};
  for (const name of names) {
    if (!(name in upstream.params)) continue;
    const as = decl?.receiveAs?.[name] ?? name;
    if (downstream.params && !(as in downstream.params)) continue;
    const prior = upstream.carried[name];
    out[as] = {
      value: upstream.params[name]!,
      from: `${upstream.node}@${upstream.index}`,
      origin: prior?.origin ?? upstream.node,
    };
  }
  return out;
}
