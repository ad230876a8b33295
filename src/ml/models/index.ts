import type { Net, NetConfig } from "./types.js";
import { CrossNet } from "./crossnet.js";
import { Dagfm } from "./dagfm.js";

export * from "./types.js";
export { CrossNet } from "./crossnet.js";
export { Dagfm } from "./dagfm.js";
export { Embedding, EMBEDDING_PARAM } from "./embedding.js";

export function createNet(config: NetConfig, seed: number): Net {
  return config.model === "crossnet" ? new CrossNet(config, seed) : new Dagfm(config, seed);
}
