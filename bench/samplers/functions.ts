/**
 * Benchmark objectives (all minimised; regret = value - optimum).
 * bench/samplers/optuna_tpe.py defines exactly the same functions.
 */
import type { Params, Space } from "../../src/search/space.js";

export interface BenchFunction {
  name: string;
  space: Space;
  optimum: number;
  f: (p: Params) => number;
}

const num = (p: Params, k: string): number => p[k] as number;

const branin: BenchFunction = {
  name: "branin",
  space: [
    { name: "x1", dim: { kind: "uniform", low: -5, high: 10 } },
    { name: "x2", dim: { kind: "uniform", low: 0, high: 15 } },
  ],
  optimum: 0.39788735772973816,
  f: (p) => {
    const x1 = num(p, "x1"), x2 = num(p, "x2");
    const b = 5.1 / (4 * Math.PI ** 2), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
  },
};

const H_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const H_P = [
  [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
  [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
  [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
  [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
];
const H_ALPHA = [1.0, 1.2, 3.0, 3.2];

const hartmann6: BenchFunction = {
  name: "hartmann6",
  space: [0, 1, 2, 3, 4, 5].map((i) => ({ name: `x${i}`, dim: { kind: "uniform" as const, low: 0, high: 1 } })),
  optimum: -3.322368011391339,
  f: (p) => {
    let s = 0;
    for (let i = 0; i < 4; i++) {
      let inner = 0;
      for (let j = 0; j < 6; j++) inner += H_A[i]![j]! * (num(p, `x${j}`) - H_P[i]![j]!) ** 2;
      s += H_ALPHA[i]! * Math.exp(-inner);
    }
    return -s;
  },
};

const ACT_COST: Record<string, number> = { relu: 0.5, tanh: 0.8, gelu: 0, sigmoid: 1.5 };

/** 4-d mixed: log-uniform lr, int layers with step 2, categorical activation, uniform dropout. Optimum 0 at (10^-2.5, 7, gelu, 0.2). */
const mixed4: BenchFunction = {
  name: "mixed4",
  space: [
    { name: "lr", dim: { kind: "loguniform", low: 1e-5, high: 1e-1 } },
    { name: "layers", dim: { kind: "int", low: 1, high: 17, step: 2 } },
    { name: "act", dim: { kind: "choice", values: ["relu", "tanh", "gelu", "sigmoid"] } },
    { name: "dropout", dim: { kind: "uniform", low: 0, high: 0.8 } },
  ],
  optimum: 0,
  f: (p) => {
    const u = Math.log10(num(p, "lr")) + 2.5;
    const l = (num(p, "layers") - 7) / 4;
    const d = num(p, "dropout") - 0.2;
    return u * u + l * l + ACT_COST[p.act as string]! + 3 * d * d + 0.5 * u * d * 2;
  },
};

/**
 * 3-d distillation-shaped: log alpha, log beta, log learning rate. A broad lr bowl plus
 * one narrow good region where log10(beta/alpha) ~ 2, lr ~ 1e-3, alpha ~ 10^-0.5.
 * Optimum 0.1 at alpha = 10^-0.5, beta = 10^1.5, lr = 1e-3.
 */
const distill3: BenchFunction = {
  name: "distill3",
  space: [
    { name: "alpha", dim: { kind: "loguniform", low: 0.01, high: 10 } },
    { name: "beta", dim: { kind: "loguniform", low: 1, high: 1000 } },
    { name: "lr", dim: { kind: "loguniform", low: 1e-4, high: 1e-2 } },
  ],
  optimum: 0.1,
  f: (p) => {
    const u = Math.log10(num(p, "alpha")), v = Math.log10(num(p, "beta")), w = Math.log10(num(p, "lr"));
    const r = v - u;
    const broad = 0.3 * Math.exp(-0.5 * (w + 3) ** 2);
    const narrow = 0.6 * Math.exp(-0.5 * (((r - 2) / 0.25) ** 2 + ((w + 3) / 0.3) ** 2 + ((u + 0.5) / 0.8) ** 2));
    return 1 - broad - narrow;
  },
};

export const FUNCTIONS: BenchFunction[] = [branin, hartmann6, mixed4, distill3];
