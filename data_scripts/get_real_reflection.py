#!/usr/bin/env python
"""Fetch the real reflection photographs: real45 (CEILNet real test inputs) and real20 (Zhang et al. 2018 real test pairs).

real45: the 45 real photos through glass of Fan et al. 2017 (CEILNet), downloaded one by one from the authors'
GitHub repository (fqnchina/CEILNet, folder testdata_reflection_real) into <root>/real45/ (resumable, per file).
real20: the real test pairs of Zhang, Ng & Chen 2018 (perceptual-reflection-removal) live in a Google Drive folder
linked from https://github.com/ceciliavision/perceptual-reflection-removal; download its "real" data by hand and pass
the folder or archive with --real20-from; the script copies the 20 test pairs (indices 3 4 9 12 15 22 23 25 29 39 46 47
58 86 87 89 93 103 107 110 of blended/ and transmission_layer/) to <root>/real20/<index>_blended.<ext> and
<index>_transmission.<ext>, the layout `sils.data.real.Reflection` reads.
"""
import argparse, shutil, sys, tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _fetch import FetchError, default_root, script_parser, download, run_main, unpack, writable_root

REAL45_URL = 'https://raw.githubusercontent.com/fqnchina/CEILNet/master/testdata_reflection_real/'
REAL45 = ('19-input.png ' + ' '.join(f'qingnan-new2-{i}-input.jpg' for i in
          (1, 11, 13, 14, 15, 18, 2, 20, 21, 22, 24, 26, 27, 29, 3, 31, 36, 37, 38, 39, 4, 40, 45, 46, 47, 49, 5, 52,
           53, 54, 55, 59, 6, 61, 63, 64, 69, 74, 75, 8, 80, 82, 86, 9))).split()
REAL20_PAGE = 'https://github.com/ceciliavision/perceptual-reflection-removal'
REAL20_INDICES = (3, 4, 9, 12, 15, 22, 23, 25, 29, 39, 46, 47, 58, 86, 87, 89, 93, 103, 107, 110)
IMAGE_EXTS = ('.jpg', '.jpeg', '.png', '.bmp')


def _find_dir(top: Path, name: str) -> Path | None:
    "The shallowest folder called `name` under `top`."
    hits = sorted((p for p in top.rglob(name) if p.is_dir()), key=lambda p: len(p.parts))
    return hits[0] if hits else None


def _by_stem(folder: Path) -> dict[str, Path]:
    return {p.stem: p for p in folder.iterdir() if p.suffix.lower() in IMAGE_EXTS}


def install_real20(src, dest) -> int:
    "Copy the 20 real test pairs from Zhang et al.'s real data (a folder or archive with blended/ and transmission_layer/) to `dest`."
    src = Path(src).expanduser()
    with tempfile.TemporaryDirectory() as tmp:
        if src.is_file(): unpack(src, tmp); src = Path(tmp)
        if not src.is_dir(): raise FetchError(f"No folder or archive at {src}.")
        bl, tr = _find_dir(src, 'blended'), _find_dir(src, 'transmission_layer')
        if bl is None or tr is None:
            raise FetchError(f"{src} holds no blended/ and transmission_layer/ folders (Zhang et al.'s real data layout).")
        blended, trans = _by_stem(bl), _by_stem(tr)
        missing = [i for i in REAL20_INDICES if str(i) not in blended or str(i) not in trans]
        if missing: raise FetchError(f"{src} lacks the real test pairs {missing}.")
        dest.mkdir(parents=True, exist_ok=True)
        for i in REAL20_INDICES:
            b, t = blended[str(i)], trans[str(i)]
            shutil.copyfile(b, dest / f'{i}_blended{b.suffix.lower()}')
            shutil.copyfile(t, dest / f'{i}_transmission{t.suffix.lower()}')
    return len(REAL20_INDICES)


def get_parser() -> argparse.ArgumentParser:
    ap = script_parser(__doc__, 'data folder {root}', quiet_help='print only errors and the final lines')
    ap.add_argument('--real45-url', default=REAL45_URL, help='base URL of the real45 photos (default: %(default)s)')
    ap.add_argument('--skip-real45', action='store_true', help='do not download real45')
    ap.add_argument('--real20-from', help="folder or archive of Zhang et al.'s real data (blended/, transmission_layer/)")
    return ap


def main(argv=None) -> int:
    a = get_parser().parse_args(argv)
    root = writable_root(a.root)
    if not a.skip_real45:
        base = a.real45_url if a.real45_url.endswith('/') else a.real45_url + '/'
        for name in REAL45: download(base + name, root / 'real45' / name, retries=a.retries, quiet=True)
        print(f"real45 ready: {len(REAL45)} photos in {root / 'real45'}")
    if a.real20_from:
        n = install_real20(a.real20_from, root / 'real20')
        print(f"real20 ready: {n} pairs in {root / 'real20'}")
    elif (root / 'real20').is_dir() and any((root / 'real20').iterdir()):
        print(f"real20 already present in {root / 'real20'}")
    else:
        print(f"real20 is not downloadable by script: get Zhang et al.'s real data from the Google Drive folder linked at "
              f"{REAL20_PAGE}, then run this script again with --real20-from <that folder or archive>.", file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(run_main(main))
