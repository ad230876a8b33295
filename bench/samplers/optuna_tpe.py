#!/usr/bin/python3
"""Reference: Optuna's TPESampler (default settings, seeded) on the dagtune bench functions.

Run with Debian's python3-optuna (Optuna 3.1):
  /usr/bin/python3 bench/samplers/optuna_tpe.py OUT.json [SEEDS] [BUDGET] [FIRST_SEED]
Writes {"version", "best": {fn: [[best after each trial] per seed]}, "suggest_ms_at_1000": ...}.
The functions must match bench/samplers/functions.ts exactly.
"""
import json
import math
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def branin(t):
    x1 = t.suggest_float("x1", -5, 10)
    x2 = t.suggest_float("x2", 0, 15)
    b, c, s = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - s) * math.cos(x1) + 10


H_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H_P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
       [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]
H_ALPHA = [1.0, 1.2, 3.0, 3.2]


def hartmann6(t):
    x = [t.suggest_float(f"x{i}", 0, 1) for i in range(6)]
    s = 0.0
    for i in range(4):
        inner = sum(H_A[i][j] * (x[j] - H_P[i][j]) ** 2 for j in range(6))
        s += H_ALPHA[i] * math.exp(-inner)
    return -s


ACT_COST = {"relu": 0.5, "tanh": 0.8, "gelu": 0.0, "sigmoid": 1.5}


def mixed4(t):
    lr = t.suggest_float("lr", 1e-5, 1e-1, log=True)
    layers = t.suggest_int("layers", 1, 17, step=2)
    act = t.suggest_categorical("act", ["relu", "tanh", "gelu", "sigmoid"])
    dropout = t.suggest_float("dropout", 0, 0.8)
    u = math.log10(lr) + 2.5
    l = (layers - 7) / 4
    d = dropout - 0.2
    return u * u + l * l + ACT_COST[act] + 3 * d * d + 0.5 * u * d * 2


def distill3(t):
    u = math.log10(t.suggest_float("alpha", 0.01, 10, log=True))
    v = math.log10(t.suggest_float("beta", 1, 1000, log=True))
    w = math.log10(t.suggest_float("lr", 1e-4, 1e-2, log=True))
    r = v - u
    broad = 0.3 * math.exp(-0.5 * (w + 3) ** 2)
    narrow = 0.6 * math.exp(-0.5 * (((r - 2) / 0.25) ** 2 + ((w + 3) / 0.3) ** 2 + ((u + 0.5) / 0.8) ** 2))
    return 1 - broad - narrow


FUNCTIONS = {"branin": branin, "hartmann6": hartmann6, "mixed4": mixed4, "distill3": distill3}


def suggest_ms_at_1000():
    """Mean CPU ms (process time) of one TPE suggestion (Hartmann-6 space) with 1,000 finished trials."""
    dists = {f"x{i}": optuna.distributions.FloatDistribution(0, 1) for i in range(6)}
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=0))
    rnd = optuna.samplers.RandomSampler(seed=0)
    pre = optuna.create_study(sampler=rnd)
    pre.optimize(hartmann6, n_trials=1000)
    study.add_trials(pre.trials)
    reps = 10
    t0 = time.process_time()
    for _ in range(reps):
        trial = study.ask()
        for name, d in dists.items():
            trial._suggest(name, d)
        study.tell(trial, hartmann6(optuna.trial.FixedTrial(trial.params)))
    return (time.process_time() - t0) * 1000 / reps


def main():
    out = sys.argv[1]
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    budget = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    first = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    result = {"version": optuna.__version__, "seeds": seeds, "first_seed": first, "budget": budget, "best": {}}
    for name, fn in FUNCTIONS.items():
        runs = []
        t0 = time.perf_counter()
        for seed in range(first, first + seeds):
            study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed))
            study.optimize(fn, n_trials=budget)
            best, curve = math.inf, []
            for tr in study.trials:
                best = min(best, tr.value)
                curve.append(best)
            runs.append(curve)
        result["best"][name] = runs
        print(f"optuna {name}: {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    result["suggest_ms_at_1000"] = suggest_ms_at_1000()
    with open(out, "w") as fh:
        json.dump(result, fh)


if __name__ == "__main__":
    main()
