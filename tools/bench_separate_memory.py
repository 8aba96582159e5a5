#!/usr/bin/env python
"""Peak memory of sils-separate against image size: the real command, one fresh process per call, one torch thread.

Two measurements:
* `--mode call` (the default): the `sils-separate` command itself, run on RGB photos of each size with a checkpoint of
  the given width (random weights: memory does not depend on their values): its peak resident memory (ru_maxrss of
  the process), its resident memory when it reads its first image (imports and model loaded), and the difference,
  what the separation itself took (`separation_mb`; 0 when the peak came earlier); and the peak's rise over the same
  command on a 64×64 image. `--inputs N` also times N photos of one size in one call. `--code LABEL=DIR` runs the sils
  package found in DIR instead (e.g. an older version; repeatable).
* `--mode function`: the separation function alone (`separate_tiled`), whole image vs tiles, as measured before.
Usage: OMP_NUM_THREADS=1 python tools/bench_separate_memory.py --sizes 1000x750 2000x1500 4000x3000 --csv results/separate_memory.csv
"""
import argparse, json, os, subprocess, sys, tempfile, time
from pathlib import Path

CHILD = r'''
import json, resource, sys, time, torch
torch.set_num_threads(1)
from sils.train import TrainConfig, SILS, separate_padded
from sils.separation import separate_tiled
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

MAKE_CHECKPOINT = r'''
import sys
from sils.train import Trainer, TrainConfig
from sils.data.synthetic import SyntheticLayers
width, out = int(sys.argv[1]), sys.argv[2]
cfg = TrainConfig(task='synthetic', scale='test', width=width)
Trainer(cfg, out, data=SyntheticLayers(2, size=32, channels=3, scale='test')).save()  # step 0: random weights, an RGB separator
'''

def photo(path: Path, w: int, h: int):
    "A smooth RGB photo-like 8-bit PNG of w×h (written in bands: the writer's own memory stays small)."
    import numpy as np, png
    yy = np.arange(h)[:, None]; xx = np.arange(w)[None]
    def rows():
        for y in range(h):
            v = 0.5 + 0.25 * np.sin(xx[0] / 37.) * np.cos((y + xx[0]) / 53.)
            yield (np.stack([v, v[::-1], 1 - v], -1) * 255).astype(np.uint8).reshape(-1)
    with open(path, 'wb') as f: png.Writer(w, h, greyscale=False, bitdepth=8).write(f, rows())

RUN_CLI = r'''
import json, resource, sys
import sils.cli as C
name = 'read_image' if hasattr(C, 'read_image') else 'load_image'  # the first image read: after the model is loaded
orig, before = getattr(C, name), []
def first_read(*a, **k):
    if not before: before.append(int(open('/proc/self/statm').read().split()[1]) * resource.getpagesize() / 2**20)
    return orig(*a, **k)
setattr(C, name, first_read)
sys.argv[0] = 'sils-separate'
code = C._run_cli('sils-separate', C.separate_main, sys.argv[1:])
print(json.dumps(dict(rss_before_mb=before[0] if before else None)), file=sys.stderr)
sys.exit(code)
'''

def run_cli(code: Path, ckpt: Path, images: list[Path], out: Path, tile: int) -> dict:
    "Run sils-separate in a fresh process: its peak resident memory (MB), the resident memory when it read its first image, and seconds."
    env = dict(os.environ, OMP_NUM_THREADS='1', MKL_NUM_THREADS='1', PYTHONPATH=str(code))
    cmd = [sys.executable, '-c', RUN_CLI, '--checkpoint', str(ckpt), *map(str, images), '--out', str(out), '--tile', str(tile), '--device', 'cpu']
    t0 = time.time()
    p = subprocess.Popen(cmd, env=env, cwd=out.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # not in a checkout: `python -c` puts the current folder first on sys.path
    _, status, usage = os.wait4(p.pid, 0)
    err = p.stderr.read(); p.stderr.close()
    if status != 0: sys.exit(f'sils-separate failed: {err.strip()}')
    before = json.loads(err.strip().splitlines()[-1])['rss_before_mb']
    return dict(peak_rss_mb=round(usage.ru_maxrss / 1024, 1), rss_before_mb=round(before, 1), seconds=round(time.time() - t0, 1))

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--mode', choices=('call', 'function'), default='call')
    ap.add_argument('--sizes', nargs='+', default=['1000x750', '2000x1500', '4000x3000'], help='photo sizes W×H (call mode)')
    ap.add_argument('--inputs', type=int, default=3, help='also N photos of the middle size in one call (0: not)')
    ap.add_argument('--sides', type=int, nargs='+', default=[256, 512, 1024, 2048], help='square sides (function mode)')
    ap.add_argument('--widths', type=int, nargs='+', default=[8], help='network widths (test 8, small 16)')
    ap.add_argument('--tile', type=int, default=512, help="sils-separate's tile side")
    ap.add_argument('--code', action='append', default=None, help='label=DIR: a sils checkout to run (repeatable; default: this one)')
    ap.add_argument('--csv', default=None, help='also write the table here')
    a = ap.parse_args()
    rows = []
    if a.mode == 'function':
        env = dict(os.environ, OMP_NUM_THREADS='1', MKL_NUM_THREADS='1')
        for width in a.widths:
            for side in a.sides:
                for mode, tile in (('whole', 0), ('tiled', a.tile)):
                    if mode == 'tiled' and side <= a.tile: continue
                    r = subprocess.run([sys.executable, '-c', CHILD, str(width), str(side), str(tile)], env=env, capture_output=True, text=True)
                    if r.returncode != 0: sys.exit(f'width {width} side {side} {mode} failed: {r.stderr.strip().splitlines()[-1]}')
                    d = json.loads(r.stdout.strip().splitlines()[-1]); mp = side * side / 1e6
                    rows.append(dict(width=width, side=side, megapixels=round(mp, 2), mode=mode, tile=tile or '', peak_rise_mb=d['peak_rise_mb'],
                                     mb_per_megapixel=round(d['peak_rise_mb'] / mp, 1), seconds=d['seconds']))
                    print(rows[-1], file=sys.stderr, flush=True)
    else:
        here = Path(__file__).resolve().parents[1]
        codes = [tuple(c.split('=', 1)) for c in a.code] if a.code else [('this', str(here))]
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            sizes = [tuple(map(int, s.lower().split('x'))) for s in a.sizes]
            for w, h in [(64, 64), *sizes]: photo(tmp / f'{w}x{h}.png', w, h)
            mid = sizes[len(sizes) // 2]
            if a.inputs > 1:
                for i in range(a.inputs): os.link(tmp / f'{mid[0]}x{mid[1]}.png', tmp / f'copy{i}.png')
            for width in a.widths:
                ck = tmp / f'ck{width}.pt'
                r = subprocess.run([sys.executable, '-c', MAKE_CHECKPOINT, str(width), str(tmp / f'run{width}')], env=dict(os.environ, PYTHONPATH=str(here)), capture_output=True, text=True)
                if r.returncode != 0: sys.exit(r.stderr)
                ck = tmp / f'run{width}' / 'checkpoint.pt'
                for label, code in codes:
                    base = None
                    for (w, h), n in [((64, 64), 1), *[((w, h), 1) for w, h in sizes], *([(mid, a.inputs)] if a.inputs > 1 else [])]:
                        imgs = [tmp / f'{w}x{h}.png'] if n == 1 else [tmp / f'copy{i}.png' for i in range(n)]
                        out = tmp / f'out-{label}-{width}-{w}x{h}-{n}'
                        d = run_cli(Path(code), ck, imgs, out, a.tile)
                        if base is None: base = d['peak_rss_mb']
                        mp = w * h / 1e6
                        sep = max(0., d['peak_rss_mb'] - d['rss_before_mb'])
                        rows.append(dict(code=label, width=width, size=f'{w}x{h}', inputs=n, megapixels=round(mp * n, 2), tile=a.tile,
                                         peak_rss_mb=d['peak_rss_mb'], rss_at_first_image_mb=d['rss_before_mb'], separation_mb=round(sep, 1),
                                         separation_bytes_per_pixel=round(sep * 2**20 / (w * h * n), 1), rise_over_64px_mb=round(d['peak_rss_mb'] - base, 1),
                                         seconds=d['seconds']))
                        print(rows[-1], file=sys.stderr, flush=True)
    import pandas as pd
    df = pd.DataFrame(rows)
    print(df.to_string(index=False))
    if a.csv: df.to_csv(a.csv, index=False)

if __name__ == '__main__': main()
