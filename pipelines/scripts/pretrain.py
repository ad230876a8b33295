#!/usr/bin/env python3
"""A stand-in for an external training script (PyTorch, RecBole, ...) run by a dagtune shell task.

It follows the shell-task contract: params arrive on the command line (and as JSON in
$DAGTUNE_PARAMS), the output folder is --out, and the script writes metrics.json there.
Standard library only, so the example runs anywhere python3 does.
"""
import argparse, json, math, os, random

ap = argparse.ArgumentParser()
ap.add_argument("--lr", type=float, required=True)
ap.add_argument("--dim", type=int, required=True)
ap.add_argument("--seed", type=int, required=True)
ap.add_argument("--out", required=True)
a = ap.parse_args()

rng = random.Random(a.seed)
# A made-up validation score: best near lr=3e-3, larger dims help a little.
score = 0.80 - 0.02 * (math.log10(a.lr) + 2.5) ** 2 + 0.01 * math.log2(a.dim / 8) + rng.gauss(0, 0.002)
with open(os.path.join(a.out, "checkpoint.json"), "w") as f:
    json.dump({"dim": a.dim, "lr": a.lr, "weights": [rng.random() for _ in range(a.dim)]}, f)
with open(os.path.join(a.out, "metrics.json"), "w") as f:
    json.dump({"valid.auc": score, "test.auc": score - 0.003}, f)
print(f"pretrained dim={a.dim} lr={a.lr}: valid.auc={score:.4f}")
