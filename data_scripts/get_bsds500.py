#!/usr/bin/env python
"""Download the BSDS500 photographs (Arbeláez, Maire, Fowlkes & Malik, TPAMI 2011), the layer photos of reflection training.

The official archive of the Berkeley Segmentation Data Set and Benchmarks 500 (`BSR_bsds500.tgz`, linked from the
dataset page https://www2.eecs.berkeley.edu/Research/Projects/CS/vision/grouping/resources.html) holds the 500 images
under BSR/BSDS500/data/images/{train,val,test}/ (200, 100 and 200 JPEGs, 481x321 or 321x481) beside the human
segmentations and the benchmark code. The script downloads it (resumable, HTTP Range on a .part file), copies only
the images to <root>/bsds500/{train,val,test}/, where `sils.data.real.Reflection` finds them, and deletes the
archive (unless --keep-archive). The images are for non-commercial research and educational use; cite the paper.
"""
import argparse, shutil, sys, tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _fetch import FetchError, default_root, script_parser, download, run_main, sha256sum, unpack, writable_root

BSDS_URL = 'http://www.eecs.berkeley.edu/Research/Projects/CS/vision/grouping/BSR/BSR_bsds500.tgz'
BSDS_PAGE = 'https://www2.eecs.berkeley.edu/Research/Projects/CS/vision/grouping/resources.html'
SPLITS = {'train': 200, 'val': 100, 'test': 200}


def count_photos(folder) -> dict[str, int]:
    "How many JPEG photos each split folder of a bsds500 folder holds."
    folder = Path(folder)
    return {s: len(list((folder / s).glob('*.jpg'))) if (folder / s).is_dir() else 0 for s in SPLITS}


def install_images(src, dest) -> dict[str, int]:
    "Copy the train/val/test JPEGs of an unpacked BSR archive (or any folder holding BSDS500/data/images) to `dest`."
    src = Path(src)
    hits = sorted((p for p in src.rglob('images') if p.is_dir() and all((p / s).is_dir() for s in SPLITS)), key=lambda p: len(p.parts))
    if not hits: raise FetchError(f"{src} holds no images/ folder with {', '.join(SPLITS)} sub-folders (the BSR/BSDS500/data/images layout).")
    for s in SPLITS:
        (dest / s).mkdir(parents=True, exist_ok=True)
        for p in sorted((hits[0] / s).glob('*.jpg')): shutil.copyfile(p, dest / s / p.name)
    return count_photos(dest)


def get_parser() -> argparse.ArgumentParser:
    return script_parser(__doc__, 'data folder {root}', url=BSDS_URL, url_help='where to download the archive from',
                         archive_help='use this already downloaded BSR_bsds500.tgz (or an unpacked BSR folder) instead of downloading',
                         sha256_option=True, keep_help='keep the downloaded archive after copying the images',
                         force_help='download and copy even if the photos are already there')


def main(argv=None) -> int:
    a = get_parser().parse_args(argv)
    root = Path(a.root or default_root()).expanduser()
    have = count_photos(root / 'bsds500')
    if all(have[s] >= n for s, n in SPLITS.items()) and not a.force:
        print(f"BSDS500 photos already present: {sum(have.values())} in {root / 'bsds500'}"); return 0
    root = writable_root(root)
    if a.archive:
        archive = Path(a.archive).expanduser()
        if archive.is_file() and a.sha256 and sha256sum(archive) != a.sha256.lower():
            raise FetchError(f"{archive} does not match the expected SHA-256 {a.sha256}.")
    else:
        archive = download(a.url, root / 'downloads' / Path(a.url.split('?')[0]).name, sha256=a.sha256, retries=a.retries, quiet=a.quiet)
    if archive.is_dir(): got = install_images(archive, root / 'bsds500')
    else:
        with tempfile.TemporaryDirectory(dir=root) as tmp:
            unpack(archive, tmp); got = install_images(tmp, root / 'bsds500')
    if not a.archive and not a.keep_archive: archive.unlink()
    short = [s for s, n in SPLITS.items() if got[s] < n]
    note = f" (fewer than the release's {', '.join(f'{SPLITS[s]} {s}' for s in short)})" if short else ''
    print(f"BSDS500 photos ready: {' + '.join(f'{got[s]} {s}' for s in SPLITS)} in {root / 'bsds500'}{note}")
    return 0


if __name__ == '__main__':
    sys.exit(run_main(main))
