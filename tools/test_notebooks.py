#!/usr/bin/env python
"""Run every notebook in nbs/ as a test, the way `nbdev_test` does, and end with `N passed, N failed, N skipped`.

A thin wrapper over nbdev's own `test_nb` (same skip flags from settings.ini: `slow cuda`), which adds a line per
notebook with its time and the closing count that CI reads.  Usage: python tools/test_notebooks.py [GLOB] [--workers N]

A notebook that reads a real dataset says so in a comment line of its first code cell, `# requires data: mit-intrinsic`
(names from `sils.data.real.DATASETS`, comma-separated). When one of them is missing where the loaders look, the
notebook is not run: one `SKIP` line names the dataset and the command that fetches it. Nothing is skipped silently.
"""
import argparse, json, os, re, sys, time
from pathlib import Path
from fastcore.parallel import parallel
from nbdev.config import get_config
from nbdev.test import test_nb

def _run(fn, skip_flags, basepath):
    t, main = time.time(), sys.modules['__main__']
    try: ok, _ = test_nb(fn, skip_flags=skip_flags, basepath=basepath)
    finally: sys.modules['__main__'] = main  # execnb replaces __main__; restore it for the next notebook in this worker
    return ok, time.time() - t

REQUIRES = re.compile(r'^#\s*requires data:\s*([\w-]+(?:\s*,\s*[\w-]+)*)', re.M)

def required_data(fn: Path) -> list[str]:
    "The datasets a notebook declares in its first code cell (`# requires data: a, b`)."
    cells = [c for c in json.loads(fn.read_text(encoding='utf-8'))['cells'] if c['cell_type'] == 'code']
    m = REQUIRES.search(''.join(cells[0]['source'])) if cells else None
    return [n.strip() for n in m.group(1).split(',') if n.strip()] if m else []

def missing_data(fn: Path) -> list[str]:
    "The declared datasets of a notebook that are not where the loaders look (an unknown name counts as missing)."
    need = required_data(fn)
    if not need: return []
    from sils.data.real import DATASETS, find_dataset
    return [n for n in need if n not in DATASETS or find_dataset(n) is None]

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
    # Parallel notebooks must not oversubscribe the cores: OpenMP threads that spin-wait for each other made torch
    # 10-100x slower when two 2-thread workers shared 2 cores. Give each worker its share (children inherit it). Set
    # before the data check below imports torch, whose OpenMP runtime reads the variable when it loads.
    os.environ.setdefault('OMP_NUM_THREADS', str(max(1, (os.cpu_count() or 1) // max(1, min(a.workers, len(files))))))
    skipped = {}
    for f in files:
        if miss := missing_data(f): skipped[f] = miss
    for f, miss in skipped.items():
        print(f"SKIP {f.name}: needs {', '.join(miss)} ({_how(miss)})", flush=True)
    files = [f for f in files if f not in skipped]
    n_workers = max(1, min(a.workers, len(files) or 1))
    os.chdir(cfg.nbs_path)
    t0 = time.time()
    res = parallel(_run, files, skip_flags=skip, basepath=cfg.config_path, n_workers=n_workers, threadpool=False) if files else []
    for f, (ok, t) in zip(files, res): print(f"{'PASS' if ok else 'FAIL'} {t:7.1f}s  {f.name}")
    n_ok = sum(ok for ok, _ in res)
    print(f'total {time.time() - t0:.1f}s')
    print(f'{n_ok} passed, {len(files) - n_ok} failed, {len(skipped)} skipped')
    sys.exit(0 if n_ok == len(files) else 1)

def _how(missing: list[str]) -> str:
    "What to run for the missing datasets (and which of them need a manual download first)."
    from sils.data.real import DATASETS, GET_ALL
    unknown = [n for n in missing if n not in DATASETS]
    if unknown: return f"unknown dataset name {', '.join(unknown)}; known: {', '.join(DATASETS)}"
    manual = [n for n in missing if DATASETS[n]['manual']]
    return f"run `{GET_ALL}`" + (f"; {' and '.join(manual)} {'is a manual download' if len(manual) == 1 else 'are manual downloads'} it explains" if manual else '')

if __name__ == '__main__': main()
