#!/usr/bin/env python
"""Run every notebook in nbs/ as a test, the way `nbdev_test` does, and end with `N passed, N failed, N skipped`.

A thin wrapper over nbdev's own `test_nb` (same skip flags from settings.ini: `slow cuda`), which prints a line per
notebook as it finishes (PASS / FAIL and its time) and the closing count that CI reads. What a notebook prints while it
runs (warnings, messages of the libraries it calls) is captured and shown only when it fails, with its traceback.
Usage: python tools/test_notebooks.py [GLOB] [--workers N]

A notebook that reads a real dataset says so in a comment line of its first code cell, `# requires data: mit-intrinsic`
(names from `sils.data.registry.DATASETS`, comma-separated). When one of them is missing where the loaders look, the
notebook is not run: one `SKIP` line names the dataset and the command that fetches it. Nothing is skipped silently.
"""
import argparse, json, os, re, sys, tempfile, time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from nbdev.config import get_config
from nbdev.test import test_nb

def _run(fn, skip_flags, basepath):
    "Run one notebook in this worker with its stdout and stderr (file descriptors too) captured: (ok, seconds, what it printed)."
    t, main = time.time(), sys.modules['__main__']
    sys.stdout.flush(); sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with tempfile.TemporaryFile('w+', encoding='utf-8', errors='replace') as cap:
        os.dup2(cap.fileno(), 1); os.dup2(cap.fileno(), 2)
        try:
            ok, _ = test_nb(fn, skip_flags=skip_flags, basepath=basepath)
        except Exception as e: ok = False; print(f'{type(e).__name__}: {e}', file=sys.stderr)
        finally:
            sys.modules['__main__'] = main  # execnb replaces __main__; restore it for the next notebook in this worker
            sys.stdout.flush(); sys.stderr.flush()
            os.dup2(saved[0], 1); os.dup2(saved[1], 2); os.close(saved[0]); os.close(saved[1])
        cap.seek(0); text = cap.read()
    return ok, time.time() - t, text

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
    from sils.data.registry import DATASETS, find_dataset
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
    t0, n_ok = time.time(), 0
    print(f'running {len(files)} notebook{"s" * (len(files) != 1)}, {n_workers} at a time; each line appears as its notebook finishes', flush=True)
    with ProcessPoolExecutor(max_workers=n_workers) as pool:
        jobs = {pool.submit(_run, f, skip, cfg.config_path): f for f in files}
        for job in as_completed(jobs):
            f = jobs[job]
            try: ok, t, text = job.result()
            except Exception as e: ok, t, text = False, float('nan'), f'{type(e).__name__}: {e}'
            n_ok += ok
            print(f"{'PASS' if ok else 'FAIL'} {t:7.1f}s  {f.name}", flush=True)
            if not ok: print('\n'.join('    ' + l for l in text.rstrip().splitlines()[-60:]), flush=True)  # what the failing notebook printed
    print(f'total {time.time() - t0:.1f}s')
    print(f'{n_ok} passed, {len(files) - n_ok} failed, {len(skipped)} skipped')
    sys.exit(0 if n_ok == len(files) else 1)

def _how(missing: list[str]) -> str:
    "What to run for the missing datasets (and which of them need a manual download first)."
    from sils.data.registry import DATASETS, GET_ALL
    unknown = [n for n in missing if n not in DATASETS]
    if unknown: return f"unknown dataset name {', '.join(unknown)}; known: {', '.join(DATASETS)}"
    manual = [n for n in missing if DATASETS[n]['manual']]
    return f"run `{GET_ALL}`" + (f"; {' and '.join(manual)} {'is a manual download' if len(manual) == 1 else 'are manual downloads'} it explains" if manual else '')

if __name__ == '__main__': main()
