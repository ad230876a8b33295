#!/usr/bin/env python3
"""Finetunes the checkpoint of the selected upstream trial (a dagtune shell task).

The checkpoint folder arrives as --init ({inputs.pretrain}); its `dim` is a carried param,
so dagtune hands the same value as --dim and no search may change it.
"""
import argparse, json, math, os, random

ap = argparse.ArgumentParser()
ap.add_argument("--init", required=True)
ap.add_argument("--dim", type=int, required=True)
ap.add_argument("--lr", type=float, required=True)
ap.add_argument("--out", required=True)
a = ap.parse_args()

with open(os.path.join(a.init, "checkpoint.json")) as f:
    ckpt = json.load(f)
if ckpt["dim"] != a.dim:
    raise SystemExit(f"size mismatch: checkpoint dim {ckpt['dim']}, model dim {a.dim}")
params = json.loads(os.environ["DAGTUNE_PARAMS"])  # the same params, as JSON
rng = random.Random(int(os.environ["DAGTUNE_SEED"]))
base = json.load(open(os.path.join(a.init, "metrics.json")))["valid.auc"]
score = base + 0.01 - 0.004 * (math.log10(a.lr) + 3.7) ** 2 + rng.gauss(0, 0.001)  # best near lr=2e-4
with open(os.path.join(a.out, "metrics.json"), "w") as f:
    json.dump({"valid.auc": score, "test.auc": score - 0.002}, f)
print(f"finetuned dim={a.dim} lr={params['lr']}: valid.auc={score:.4f}")
