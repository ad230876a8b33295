#!/bin/sh
# Sampler benchmark: dagtune TPE and random vs Optuna 3.1 TPE.
#   sh bench/samplers.sh [SEEDS]        (default 40 seeds, budgets 20/50/100)
# Needs Debian's python3-optuna (apt-get install -y python3-optuna); runs it with /usr/bin/python3.
# Set SKIP_OPTUNA=1 to reuse bench/samplers/results/optuna.json from an earlier run.
set -e
cd "$(dirname "$0")/.."
SEEDS="${1:-40}"
OUT=bench/samplers/results
mkdir -p "$OUT"
npx tsc -p . >/dev/null || true   # emits even if another folder has a type error
if [ -z "$SKIP_OPTUNA" ]; then
  if /usr/bin/python3 -c "import optuna" 2>/dev/null; then
    /usr/bin/python3 bench/samplers/optuna_tpe.py "$OUT/optuna.json" "$SEEDS" 100
  else
    echo "python3-optuna not found: apt-get install -y python3-optuna (comparison columns will be empty)" >&2
  fi
fi
node dist/bench/samplers/run.js --optuna "$OUT/optuna.json" --seeds "$SEEDS" --budget 100 | tee "$OUT/table.txt"
