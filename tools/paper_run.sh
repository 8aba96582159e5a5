#!/usr/bin/env bash
# One seed of Fig. 3(c)'s SILS at the paper scale on one GPU (or several through torchrun); rows to results/fig3c_paper.csv.
set -euo pipefail

usage() {
  cat <<'TXT'
Usage: tools/paper_run.sh [--steps N] [--seed S] [--device cuda|cpu] [--gpus G] [--results DIR] [--runs DIR] [--quiet]

Train one seed of Fig. 3(c)'s SILS at the paper scale (64×64 synthetic images, width 64, batch 1 per process),
evaluate it on the 1000 fixed test images and write its rows (test MSE per layer, scale "paper", steps, seconds,
steps/s and the device's name) to DIR/fig3c_paper.csv; rows of other seeds already there are kept.

  --steps N     training steps (default 8000: estimated to fit in 8 minutes on one GPU from the operator count
                of a step; not measured on a GPU — nbs/19_launch.ipynb says how, and measures it where CUDA exists)
  --seed S      the run's seed (default 0)
  --device D    cpu, cuda, cuda:1 … (default: CUDA when present, else cpu)
  --gpus G      processes on this machine, one GPU each, through torchrun (default 1); the batch is then G images
  --results DIR folder of the result rows (default: results/ of the checkout)
  --runs DIR    folder of the run (default: runs/fig3c_paper/ of the checkout); run again with more --steps to continue
  --quiet       no progress bar
  -h, --help    this text

Quick check on a CPU (seconds of training, minutes of evaluation):
  tools/paper_run.sh --steps 2 --device cpu --results /tmp/rows --runs /tmp/runs
Environment: PYTHON (default: python) is the interpreter with sils installed.
TXT
}

PY="${PYTHON:-python}"
GPUS=1
ARGS=()
while (($#)); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --gpus) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "paper_run.sh: error: --gpus needs a whole number ≥ 1" >&2; exit 2; }
            GPUS="$2"; shift 2 ;;
    --gpus=*) GPUS="${1#--gpus=}"; [[ "$GPUS" =~ ^[1-9][0-9]*$ ]] || { echo "paper_run.sh: error: --gpus needs a whole number ≥ 1" >&2; exit 2; }
              shift ;;
    *) ARGS+=("$1"); shift ;;
  esac
done

CODE='import sys; from sils.launch import paper_run_main; paper_run_main(sys.argv[1:])'
if ((GPUS > 1)); then
  exec "$PY" -m torch.distributed.run --standalone --nproc_per_node "$GPUS" --no-python "$PY" -c "$CODE" "${ARGS[@]}"
fi
exec "$PY" -c "$CODE" "${ARGS[@]}"
