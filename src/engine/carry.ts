import type { Params } from "../spec/types.js";
import type { TaskDecl } from "../tasks/types.js";
import { receivedAs } from "../tasks/registry.js";
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
  const out: Record<string, CarriedParam> = {};
  for (const name of names) {
    if (!(name in upstream.params)) continue;
    const as = receivedAs(downstream, inputName, name);
    if (as === null) continue;
    const prior = upstream.carried[name];
    out[as] = {
      value: upstream.params[name]!,
      from: `${upstream.node}@${upstream.index}`,
      origin: prior?.origin ?? upstream.node,
    };
  }
  return out;
}
