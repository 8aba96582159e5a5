#!/usr/bin/env python
"""Run every notebook in nbs/ as a test, the way `nbdev_test` does, and end with `N passed, N failed`.

A thin wrapper over nbdev's own `test_nb` (same skip flags from settings.ini: `slow cuda`), which adds a line per
notebook with its time and the closing count that CI reads.  Usage: python tools/test_notebooks.py [GLOB] [--workers N]
"""
import argparse, os, sys, time
from pathlib import Path
from fastcore.parallel import parallel
from nbdev.config import get_config
from nbdev.test import test_nb

def _run(fn, skip_flags, basepath):
    t, main = time.time(), sys.modules['__main__']
    try: ok, _ = test_nb(fn, skip_flags=skip_flags, basepath=basepath)
    finally: sys.modules['__main__'] = main  # execnb replaces __main__; restore it for the next notebook in this worker
    return ok, time.time() - t

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('glob', nargs='?', default='*.ipynb', help='notebooks to run, as a glob inside nbs/')
    ap.add_argument('--workers', type=int, default=int(os.environ.get('SILS_TEST_WORKERS', 2)), help='notebooks run at once')
    ap.add_argument('--flags', default='', help='space-separated flags to run although settings.ini skips them')
    a = ap.parse_args()
    cfg = get_config()
    files = sorted(p.absolute() for p in cfg.nbs_path.glob(a.glob) if not p.name.startswith('_'))
    if not files: sys.exit(f'No notebooks match {a.glob!r} in {cfg.nbs_path}')
    skip = [f for f in cfg.tst_flags.split() if f not in a.flags.split()]
    n_workers = max(1, min(a.workers, len(files)))
    # Parallel notebooks must not oversubscribe the cores: OpenMP threads that spin-wait for each other made torch
    # 10-100x slower when two 2-thread workers shared 2 cores. Give each worker its share (children inherit it).
    os.environ.setdefault('OMP_NUM_THREADS', str(max(1, (os.cpu_count() or 1) // n_workers)))
    os.chdir(cfg.nbs_path)
    t0 = time.time()
    res = parallel(_run, files, skip_flags=skip, basepath=cfg.config_path, n_workers=n_workers, threadpool=False)
    for f, (ok, t) in zip(files, res): print(f"{'PASS' if ok else 'FAIL'} {t:7.1f}s  {f.name}")
    n_ok = sum(ok for ok, _ in res)
    print(f'total {time.time() - t0:.1f}s')
    print(f'{n_ok} passed, {len(files) - n_ok} failed')
    sys.exit(0 if n_ok == len(files) else 1)

if __name__ == '__main__': main()
