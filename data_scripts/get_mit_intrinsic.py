#!/usr/bin/env python
"""Download and unpack the MIT Intrinsic Images dataset (Grosse, Johnson, Adelson & Freeman, ICCV 2009).

The official data tarball (`intrinsic-data.tar.gz`, linked from the dataset page http://people.csail.mit.edu/rgrosse/intrinsic/)
unpacks to `MIT-intrinsic/data/<object>/` with original.png, diffuse.png, reflectance.png, shading.png, specular.png,
mask.png and light01.png ... light10.png per object; `sils.data.mit.MITIntrinsic` reads that layout as well as the
MIT-Berkeley release (`mit-berkeley/<object>/`). The download resumes where it stopped (HTTP Range on a .part file).
"""
import argparse, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _fetch import FetchError, default_root, script_parser, download, run_main, sha256sum, unpack, writable_root

MIT_URL = 'http://people.csail.mit.edu/rgrosse/intrinsic/intrinsic-data.tar.gz'
MIT_PAGE = 'http://people.csail.mit.edu/rgrosse/intrinsic/'
MIT_SHA256 = None  # the authors publish no checksum; the script prints the one it computed so you can pin it with --sha256
MIT_OBJECTS = ('apple box cup1 cup2 deer dinosaur frog1 frog2 panther paper1 paper2 pear phone potato raccoon '
               'squirrel sun teabag1 teabag2 turtle').split()
REQUIRED = ('original.png', 'reflectance.png', 'shading.png', 'mask.png')


def object_folders(folder) -> list[Path]:
    "The sub-folders of `folder` that hold one MIT object (original, reflectance, shading and mask PNGs)."
    folder = Path(folder)
    if not folder.is_dir(): return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and all((p / f).is_file() for f in REQUIRED))


def find_objects(root) -> tuple[Path | None, list[Path]]:
    "Search `root` (and up to three levels below it) for the folder holding the most MIT object folders."
    root = Path(root); best = (None, [])
    for cand in [root, *sorted(p for depth in ('*', '*/*', '*/*/*') for p in root.glob(depth) if p.is_dir())]:
        objs = object_folders(cand)
        if len(objs) > len(best[1]): best = (cand, objs)
    return best


def get_parser() -> argparse.ArgumentParser:
    return script_parser(__doc__, 'data folder to unpack into {root}', url=MIT_URL, url_help='where to download the tarball from',
                         archive_help='use this already downloaded archive instead of downloading', sha256=MIT_SHA256, sha256_option=True,
                         keep_help='keep the downloaded archive after unpacking', force_help='download and unpack even if the dataset is already there')


def main(argv=None) -> int:
    a = get_parser().parse_args(argv)
    root = Path(a.root or default_root()).expanduser()
    where, objs = find_objects(root) if root.is_dir() else (None, [])
    if len(objs) >= len(MIT_OBJECTS) and not a.force:
        print(f"MIT intrinsic images already present: {len(objs)} objects in {where}"); return 0
    root = writable_root(root)
    if a.archive:
        archive = Path(a.archive).expanduser()
        if a.sha256 and sha256sum(archive) != a.sha256.lower():
            raise FetchError(f"{archive} does not match the expected SHA-256 {a.sha256}.")
    else:
        archive = download(a.url, root / 'downloads' / Path(a.url.split('?')[0]).name, sha256=a.sha256,
                           retries=a.retries, quiet=a.quiet)
    unpack(archive, root)
    where, objs = find_objects(root)
    if not objs:
        raise FetchError(f"The archive {archive} unpacked into {root}, but no object folders with {', '.join(REQUIRED)} were found in it.")
    if not a.archive and not a.keep_archive: archive.unlink()
    missing = sorted(set(MIT_OBJECTS) - {p.name for p in objs})
    note = f" (missing: {', '.join(missing)})" if missing else ''
    print(f"MIT intrinsic images ready: {len(objs)} objects in {where}{note}")
    return 0


if __name__ == '__main__':
    sys.exit(run_main(main))
