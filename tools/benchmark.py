#!/usr/bin/env python
"""Speed benchmark: training steps/s of each method and data throughput, printed as a table.

Usage: python tools/benchmark.py [--scale small] [--steps 20] [--threads N] [--methods sils cyclegan ...]
Numbers depend on the machine and on what else runs on it; the table records threads and device beside them.
"""
import argparse, time, os
import pandas as pd, torch
from sils.core import get_scale, git_commit
from sils.train import TrainConfig, Trainer, METHODS
from sils.data.synthetic import SyntheticLayers

def time_steps(cfg: TrainConfig, steps: int) -> float:
    "Steps per second of one method after one warm-up step."
    t = Trainer(cfg); t.train_step()
    t0 = time.perf_counter()
    for _ in range(steps): t.train_step()
    return steps / (time.perf_counter() - t0)

def time_data(K: int, scale: str, batch: int, n: int = 200) -> float:
    "Training samples per second drawn from the synthetic pools."
    d = SyntheticLayers(K=K, scale=scale); g = torch.Generator().manual_seed(0); d.train_batch(batch, g)
    t0 = time.perf_counter()
    for _ in range(n): d.train_batch(batch, g)
    return n * batch / (time.perf_counter() - t0)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--scale', default='small'); ap.add_argument('--steps', type=int, default=20)
    ap.add_argument('--threads', type=int, default=None, help='torch CPU threads (default: torch decides)')
    ap.add_argument('--methods', nargs='*', default=None, help='default: every registered method')
    ap.add_argument('--tasks', nargs='*', default=['synthetic', 'synthetic3'])
    a = ap.parse_args()
    try: import sils.baselines.gan  # registers cyclegan, unit, supervised when present
    except ImportError: pass
    if a.threads: torch.set_num_threads(a.threads)
    sc = get_scale(a.scale); rows = []
    for task in a.tasks:
        K = 3 if task == 'synthetic3' else 2
        data_rate = time_data(K, sc.name, sc.batch_size)
        for m in a.methods or sorted(METHODS):
            cfg = TrainConfig(task=task, method=m, scale=sc.name)
            rate = time_steps(cfg, a.steps)
            rows.append(dict(task=task, method=m, steps_per_s=round(rate, 2), data_samples_per_s=round(data_rate),
                             data_vs_training=round(data_rate / (rate * sc.batch_size)), batch=sc.batch_size,
                             width=sc.width, img=sc.img_size))
    print(f'scale={sc.name} threads={torch.get_num_threads()} device={"cuda" if torch.cuda.is_available() else "cpu"} commit={git_commit()}')
    print(pd.DataFrame(rows).to_string(index=False))

if __name__ == '__main__': main()
