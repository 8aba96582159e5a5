#!/usr/bin/env python
"""Find or fetch every dataset the notebooks read, and say for each where it is or what to do.

For each dataset of `sils.data.registry.DATASETS` (MIT intrinsic images, real45, real20, SIR², BSDS500, the CEILNet
synthetic reflection set) this prints one line: where the loaders find it, or that it was just downloaded, or — for
the sets that cannot be downloaded by a script (real20, SIR²) — what to download by hand and the command that
installs it. The data folders looked in are the
loaders' own: $SILS_DATA alone when it is set, else ../shared/data beside the checkout, then ~/.cache/sils/data;
downloads go to $SILS_DATA, else ../shared/data when it exists, else ~/.cache/sils/data (or --root).
Exit status 0 when every dataset the notebooks need is there, else 1 (notebooks that need a missing dataset are
skipped by tools/test_notebooks.py, each with one line naming the dataset).
"""
import argparse, os, sys
from pathlib import Path

here = Path(__file__).resolve().parent
sys.path.insert(0, str(here))
from _fetch import FetchError, default_root

def get_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], epilog=__doc__.split('\n\n', 1)[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--root', help='the data folder to look in and download to (sets SILS_DATA for this command)')
    ap.add_argument('--check', action='store_true', help='only say what is where; download nothing')
    return ap


ARCHIVE = {'mit-intrinsic': 'python data_scripts/get_mit_intrinsic.py', 'bsds500': 'python data_scripts/get_bsds500.py'}
# the datasets whose own script also takes a file fetched by hand (--archive FILE)

def _folders(root: Path) -> set[Path]:
    "Every folder under `root` (and `root` itself when it exists)."
    return {root, *(p for p in root.rglob('*') if p.is_dir())} if root.is_dir() else set()

def _remove_new_empty(root: Path, before: set[Path]):
    "Remove the folders a failed fetch created under `root` that stayed empty (deepest first); keep every older one."
    for d in sorted(_folders(root) - before, key=lambda p: len(p.parts), reverse=True):
        try: d.rmdir()
        except OSError: pass  # not empty: something was fetched into it

def _fetch(name: str, root: Path) -> str | None:
    "Run the download script of dataset `name` into `root`; return None on success, else the reason (and remove the empty folders it made)."
    import get_bsds500, get_mit_intrinsic, get_real_reflection, get_reflection_synthetic
    main, argv = {'mit-intrinsic': (get_mit_intrinsic.main, ['--quiet']),
                  'real45': (get_real_reflection.main, ['--quiet']),
                  'bsds500': (get_bsds500.main, ['--quiet']),
                  'reflection-synthetic': (get_reflection_synthetic.main, ['--quiet'])}[name]
    before = _folders(root)
    try: main(['--root', str(root), *argv]); return None
    except FetchError as e:
        _remove_new_empty(root, before)
        why = str(e).replace(', or fetch the file by hand and pass it with --archive', '')
        if name in ARCHIVE: why = why.rstrip('.') + f"; or fetch the file by hand and run `{ARCHIVE[name]} --archive FILE`"
        return why


def main(argv=None) -> int:
    a = get_parser().parse_args(argv)
    if a.root: os.environ['SILS_DATA'] = str(Path(a.root).expanduser().resolve())
    try:
        from sils.core import data_roots, rel_path
        from sils.data.registry import DATASETS, find_dataset
    except ImportError as e:
        print(f"error: sils is not installed here ({e}): run `pip install -e .` in the checkout first.", file=sys.stderr)
        return 1
    target = default_root()
    print(f"data folders looked in: {', '.join(rel_path(r) for r in data_roots())}; downloads go to {rel_path(target)}")
    missing = []
    for name, d in DATASETS.items():
        optional = d['fetch'].startswith('python data_scripts/get_sir2.py')
        found = find_dataset(name)
        if found is None and d['manual'] is None and not a.check:
            print(f"fetching {name} ({d['what']}) …", flush=True)
            why = _fetch(name, target)
            found = find_dataset(name)
            if found is None:
                print(f"FAILED   {name:20s} {(why or 'the download finished, but the loader does not find the files').rstrip('.')}; "
                      f"run `{d['fetch']}` to retry")
                missing.append(name); continue
        if found is not None:
            print(f"ok       {name:20s} {rel_path(found)}  (for {d['used']})")
        elif d['manual'] is None:
            print(f"missing  {name:20s} run `{d['fetch']}` (or this command without --check)  (for {d['used']})")
            missing.append(name)
        else:
            print(f"{'optional' if optional else 'missing '} {name:20s} needs a manual download: {d['manual']}; "
                  f"then run `{d['fetch']}`  (for {d['used']})")
            if not optional: missing.append(name)
    if missing:
        print(f"{len(missing)} dataset{'s' * (len(missing) > 1)} missing ({', '.join(missing)}): tools/test_notebooks.py "
              f"skips the notebooks that need {'them' if len(missing) > 1 else 'it'}, naming the dataset.")
        return 1
    print('every dataset the notebooks need is here.')
    return 0


if __name__ == '__main__':
    sys.exit(main())
