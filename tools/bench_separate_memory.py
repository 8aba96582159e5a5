#!/usr/bin/env python
"""Peak memory of sils-separate per megapixel, whole image vs overlapping tiles, at the test and small widths.

Each measurement runs in a fresh process: it builds the SILS separator as `sils.cli.load_separator` does (random
weights: memory does not depend on their values), separates one RGB image of the given side once, and reports how
far the peak resident memory (ru_maxrss) rose above the resident memory just before the separation. One torch thread.
Usage: python tools/bench_separate_memory.py [--sides 256 512 1024 2048] [--csv results/separate_memory.csv]
"""
import argparse, json, os, subprocess, sys, time

CHILD = r'''
import json, resource, sys, time, torch
torch.set_num_threads(1)
from sils.train import TrainConfig, SILS, separate_padded
from sils.cli import separate_tiled
width, side, tile = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
cfg = TrainConfig(task='intrinsic', scale='small', width=width).resolve()
m = SILS(cfg, 2, 3).eval()
fn = lambda t: separate_padded(m.separate, t, m.G.multiple if hasattr(m.G, 'multiple') else 32)
x = torch.rand(1, 3, side, side)
separate_tiled(fn, torch.rand(1, 3, 64, 64), tile=0)  # warm up the kernels
rss = int(open('/proc/self/statm').read().split()[1]) * resource.getpagesize() / 2**20
t0 = time.time(); out = separate_tiled(fn, x, tile=tile); secs = time.time() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(dict(peak_rise_mb=round(peak - rss, 1), seconds=round(secs, 2))))
'''

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--sides', type=int, nargs='+', default=[256, 512, 1024, 2048], help='square image sides (px)')
    ap.add_argument('--widths', type=int, nargs='+', default=[8, 16], help='network widths (test 8, small 16)')
    ap.add_argument('--tile', type=int, default=512, help="sils-separate's tile side")
    ap.add_argument('--csv', default=None, help='also write the table here')
    a = ap.parse_args()
    env = dict(os.environ, OMP_NUM_THREADS='1', MKL_NUM_THREADS='1')
    rows = []
    for width in a.widths:
        for side in a.sides:
            for mode, tile in (('whole', 0), ('tiled', a.tile)):
                if mode == 'tiled' and side <= a.tile: continue  # same as whole
                r = subprocess.run([sys.executable, '-c', CHILD, str(width), str(side), str(tile)], env=env,
                                   capture_output=True, text=True)
                if r.returncode != 0: sys.exit(f'width {width} side {side} {mode} failed: {r.stderr.strip().splitlines()[-1]}')
                d = json.loads(r.stdout.strip().splitlines()[-1])
                mp = side * side / 1e6
                rows.append(dict(width=width, side=side, megapixels=round(mp, 2), mode=mode, tile=tile or '',
                                 peak_rise_mb=d['peak_rise_mb'], mb_per_megapixel=round(d['peak_rise_mb'] / mp, 1),
                                 seconds=d['seconds']))
                print(rows[-1], file=sys.stderr, flush=True)
    import pandas as pd
    df = pd.DataFrame(rows)
    print(df.to_string(index=False))
    if a.csv: df.to_csv(a.csv, index=False)

if __name__ == '__main__': main()
