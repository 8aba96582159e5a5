#!/usr/bin/env python
"""Install the SIR^2 single-image reflection removal benchmark (Wan, Shi, Duan, Tan, Gao & Kot, ICCV 2017).

SIR^2 is distributed on request: ask for it on the official page https://sir2data.github.io/ (the download is given
out through the ROSE Lab, NTU, after a request form / licence agreement). This script cannot fetch it anonymously.
When you have it, pass the archive you received (--archive FILE) or the direct download link you were given
(--url URL; the download resumes where it stopped). It unpacks into <root>/sir2/, where `sils.data.real.Reflection`
finds it. Both the release layout (per-scene folders with m.jpg / g.jpg / r.jpg: mixture, background ground truth,
reflection ground truth; e.g. SolidObjectDataset/.../m.jpg, WildSceneDataset/withgt/<id>/m.jpg) and the common
re-packaged layout (<subset>/blended/, transmission_layer/, reflection_layer/ with matching file names) are read.
"""
import argparse, re, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _fetch import FetchError, default_root, script_parser, download, run_main, sha256sum, unpack, writable_root

SIR2_PAGE = 'https://sir2data.github.io/'
IMAGE_EXTS = ('.jpg', '.jpeg', '.png', '.bmp', '.tif', '.tiff')


def count_mixtures(folder) -> int:
    "How many SIR^2 mixture images (stem token 'm', or files in a 'blended' folder) lie under `folder`."
    n = 0
    for p in Path(folder).rglob('*'):
        if p.suffix.lower() not in IMAGE_EXTS: continue
        tokens = re.split(r'[^a-z0-9]+', p.stem.lower())
        if 'm' in tokens or p.parent.name.lower() == 'blended': n += 1
    return n


def get_parser() -> argparse.ArgumentParser:
    return script_parser(__doc__, 'data folder {root}; SIR^2 goes to <root>/sir2', url_help='a direct download link you received for the SIR^2 archive',
                         archive_help='the SIR^2 archive (zip or tar) you received', sha256_option=True,
                         keep_help='keep a downloaded archive after unpacking')


def main(argv=None) -> int:
    a = get_parser().parse_args(argv)
    if not a.archive and not a.url:
        print(f"SIR^2 is only given out on request: ask for it at {SIR2_PAGE}, then run\n"
              f"  python {Path(__file__).name} --archive /path/to/the/archive.zip   (or --url <the link you received>)\n"
              f"to unpack it into {Path(a.root or default_root()) / 'sir2'}.", file=sys.stderr)
        return 2
    root = writable_root(a.root); dest = root / 'sir2'
    if a.archive:
        archive = Path(a.archive).expanduser()
        if a.sha256 and sha256sum(archive) != a.sha256.lower():
            raise FetchError(f"{archive} does not match the expected SHA-256 {a.sha256}.")
    else:
        name = Path(a.url.split('?')[0]).name or 'sir2-archive'
        archive = download(a.url, root / 'downloads' / name, sha256=a.sha256, retries=a.retries, quiet=a.quiet)
    unpack(archive, dest)
    n = count_mixtures(dest)
    if n == 0:
        raise FetchError(f"{archive} unpacked into {dest}, but it holds no SIR^2 mixture images (m.* files or blended/ folders).")
    if a.url and not a.archive and not a.keep_archive: archive.unlink()
    print(f"SIR^2 ready: {n} mixture images under {dest}")
    return 0


if __name__ == '__main__':
    sys.exit(run_main(main))
