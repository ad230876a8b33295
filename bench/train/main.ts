/**
 * bench/train: samples/s of one training step (forward, backward, Adam) at batch 2048 for the
 * teacher (CrossNet depth 3) and the student (DAGFM inner / outer, depth 3), embedding 16, on an
 * ml-100k-like layout (7 fields, 12 slots), per backend; then the same models in PyTorch
 * (bench/train/torch_ref.py, 1 thread) for the ratio; then two processes at once on two cores.
 *
 *   node dist/bench/train/main.js [--backends wasm,cpu] [--steps 30] [--no-torch] [--no-parallel]
 *   node dist/bench/train/main.js --child wasm crossnet 30     (one measurement, JSON on stdout)
 */
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as path from "node:path";
import * as fs from "node:fs";
import { initBackend } from "../../src/ml/backend.js";
import { CtrModel, bceTrainable } from "../../src/ml/ctr.js";
import { disposeBatch, makeBatch, makeStepper } from "../../src/ml/train.js";
import { benchDataset } from "./layout.js";

const BATCH = 2048;
const EMB = 16;
const DEPTH = 3;
type ModelName = "crossnet" | "dagfm-inner" | "dagfm-outer";
const MODELS: ModelName[] = ["crossnet", "dagfm-inner", "dagfm-outer"];
const TARGET: Record<ModelName, number> = { crossnet: 40000, "dagfm-inner": 35000, "dagfm-outer": 35000 };

interface Measure {
  backend: string;
  model: ModelName;
  /** From the median step time. */
  samplesPerSec: number;
  msPerStep: number;
  /** From the fastest step. */
  bestSamplesPerSec: number;
}

async function measure(backend: string, model: ModelName, steps: number): Promise<Measure> {
  const chosen = await initBackend(backend);
  const data = benchDataset(BATCH * 4);
  const cfg = model === "crossnet" ? { model: "crossnet" as const } : { model: "dagfm" as const, type: model === "dagfm-inner" ? ("inner" as const) : ("outer" as const) };
  const m = CtrModel.create(data.layout, { ...cfg, embeddingSize: EMB, depth: DEPTH }, 1);
  const stepper = makeStepper(bceTrainable(m), { learningRate: 0.001, l2: 0 });
  const S = data.layout.totalSlots;
  const idx = (k: number) => Int32Array.from({ length: BATCH }, (_, i) => ((k % 4) * BATCH + i) % data.train.n);
  const warm = Math.max(2, Math.min(5, Math.floor(steps / 5)));
  for (let k = 0; k < warm; k++) {
    const b = makeBatch(data.train, S, idx(k));
    stepper.step(b);
    disposeBatch(b);
  }
  // Time each step including batch assembly (what a training epoch pays per step). The machine may
  // be shared: report the median step and the best step (the uncontended speed).
  const times: number[] = [];
  for (let k = 0; k < steps; k++) {
    const t0 = performance.now();
    const b = makeBatch(data.train, S, idx(k));
    stepper.step(b);
    disposeBatch(b);
    times.push(performance.now() - t0);
  }
  stepper.dispose();
  m.dispose();
  times.sort((a, b) => a - b);
  const med = times[Math.floor(times.length / 2)]!;
  return { backend: chosen, model, samplesPerSec: (BATCH * 1000) / med, msPerStep: med, bestSamplesPerSec: (BATCH * 1000) / times[0]! };
}

const self = fileURLToPath(import.meta.url);

function child(backend: string, model: ModelName, steps: number): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [self, "--child", backend, model, String(steps)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("close", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`bench child exited ${code}`))));
  });
}

/** torch samples/s per model: median step and best step. */
function torchRef(steps: number): Record<string, { median: number; best: number }> | null {
  const script = path.join(path.dirname(self), "..", "..", "..", "bench", "train", "torch_ref.py");
  const py = "/usr/bin/python3";
  if (!fs.existsSync(py) || !fs.existsSync(script)) return null;
  const r = spawnSync(py, [script, "--steps", String(steps), "--threads", "1"], { encoding: "utf8", env: { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1" } });
  if (r.status !== 0) {
    process.stderr.write(`torch reference failed (is python3-torch installed?): ${r.stderr.trim().split("\n").pop()}\n`);
    return null;
  }
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, { median: number; best: number }>;
}

const pad = (s: string, n: number): string => s.padEnd(n);
const k = (x: number): string => `${(x / 1000).toFixed(1)}k`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") {
    const r = await measure(argv[1]!, argv[2] as ModelName, Number(argv[3]));
    process.stdout.write(JSON.stringify(r) + "\n");
    return;
  }
  const opt = (name: string, def: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : def;
  };
  const backends = opt("--backends", "wasm,cpu").split(",");
  const steps = Number(opt("--steps", "30"));
  const torch = argv.includes("--no-torch") ? null : torchRef(steps);
  console.log(`bench/train: one training step (forward + backward + Adam), batch ${BATCH}, embedding ${EMB}, depth ${DEPTH}, 7 fields / 12 slots (ml-100k-like); one process, one thread`);
  console.log(`samples/s from the median step (and from the best step); torch = bench/train/torch_ref.py, 1 thread, same statistic`);
  console.log(`${pad("model", 13)}${pad("backend", 10)}${pad("ms/step", 9)}${pad("samples/s", 11)}${pad("(best)", 9)}${pad("target", 12)}${pad("vs torch", 10)}(best)`);
  for (const backend of backends) {
    for (const model of MODELS) {
      // cpu is ~30x slower: fewer steps keep the bench short
      const m = await child(backend, model, backend === "cpu" ? Math.max(3, Math.floor(steps / 10)) : steps);
      const t = torch?.[model];
      const target = backend === backends[0] ? `${m.samplesPerSec >= TARGET[model] ? "ok" : "MISS"} ${k(TARGET[model])}` : "";
      const vs = t ? `${pad((m.samplesPerSec / t.median).toFixed(2) + "x", 10)}${(m.bestSamplesPerSec / t.best).toFixed(2)}x` : "n/a";
      console.log(`${pad(model, 13)}${pad(m.backend, 10)}${pad(m.msPerStep.toFixed(1), 9)}${pad(k(m.samplesPerSec), 11)}${pad(k(m.bestSamplesPerSec), 9)}${pad(target, 12)}${vs}`);
    }
  }
  if (torch) console.log(`torch ${String(torch["version"] ?? "")}, 1 thread: ${MODELS.map((m) => `${m} ${k(torch[m]!.median)} (best ${k(torch[m]!.best)})`).join(", ")}`);
  if (!argv.includes("--no-parallel")) {
    const backend = backends[0]!;
    for (const model of ["crossnet", "dagfm-inner"] as ModelName[]) {
      const one = await child(backend, model, steps);
      const two = await Promise.all([child(backend, model, steps), child(backend, model, steps)]);
      const sum = two[0]!.samplesPerSec + two[1]!.samplesPerSec;
      const sumBest = two[0]!.bestSamplesPerSec + two[1]!.bestSamplesPerSec;
      console.log(
        `two processes at once, ${model} on ${backend}: ${k(sum)} samples/s total vs ${k(one.samplesPerSec)} for one = ${(sum / one.samplesPerSec).toFixed(2)}x ` +
          `(best steps: ${(sumBest / one.bestSamplesPerSec).toFixed(2)}x; target >= 1.8x)`,
      );
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
