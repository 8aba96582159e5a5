#!/usr/bin/env python
"""Fetch the CEILNet synthetic reflection test set (Fan, Yang, Hua, Wipf & Tong, ICCV 2017): 100 triplets with both layers.

The 100 triplets of the synthetic reflection table of CEILNet are published in the authors' GitHub repository
(https://github.com/fqnchina/CEILNet, folder testdata_reflection_synthetic_table2): for each id, <id>-input.png (the
blended image), <id>-label1.png (the background) and <id>-label2.png (the reflection as it was added, already
blurred and attenuated); 224x224 RGB, made from PASCAL VOC 2012 photos. The script downloads the 300 files one by one
(each resumable) into <root>/reflection-synthetic/, where `sils.data.real.Reflection` finds them, or copies them from
a local clone of the repository (--from). Research use only; cite the paper.
"""
import argparse, shutil, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _fetch import FetchError, default_root, script_parser, download, run_main, writable_root

CEILNET_URL = 'https://raw.githubusercontent.com/fqnchina/CEILNet/master/testdata_reflection_synthetic_table2/'
CEILNET_PAGE = 'https://github.com/fqnchina/CEILNet'
CEILNET_IDS = ('2007_003506 2007_003525 2007_003571 2007_004049 2007_006587 2007_006900 2007_008567 2007_009139 2007_009841 '
               '2008_000287 2008_000973 2008_001139 2008_001408 2008_002009 2008_002399 2008_002666 2008_002728 2008_002762 '
               '2008_003008 2008_003049 2008_003107 2008_003772 2008_004088 2008_004102 2008_004990 2008_005178 2008_006409 '
               '2008_006432 2008_007026 2008_007194 2008_007730 2008_007909 2008_008180 2008_008694 2009_000055 2009_000549 '
               '2009_000653 2009_000777 2009_001152 2009_001417 2009_001653 2009_002388 2009_002553 2009_002629 2009_002672 '
               '2009_002980 2009_003007 2009_003032 2009_003705 2009_004548 2009_004625 2009_004738 2010_000002 2010_001626 '
               '2010_001638 2010_001979 2010_002102 2010_002603 2010_002807 2010_003687 2010_003717 2010_003806 2010_003893 '
               '2010_004460 2010_004792 2010_005052 2010_005101 2010_005133 2010_005293 2010_005426 2010_005538 2011_000098 '
               '2011_000145 2011_000449 2011_001167 2011_001531 2011_001790 2011_001955 2011_002248 2011_002974 2011_003601 '
               '2011_004611 2011_005033 2011_005170 2011_005577 2011_005930 2011_006068 2011_006315 2011_006381 2011_006676 '
               '2011_006779 2011_006853 2011_006998 2012_000071 2012_002306 2012_002515 2012_002694 2012_002979 2012_003303 '
               '2012_003521').split()
SUFFIXES = ('input', 'label1', 'label2')
FILES = [f'{i}-{s}.png' for i in CEILNET_IDS for s in SUFFIXES]


def missing_files(folder) -> list[str]:
    "The triplet files not yet in `folder`."
    folder = Path(folder)
    return [f for f in FILES if not (folder / f).is_file()]


def get_parser() -> argparse.ArgumentParser:
    ap = script_parser(__doc__, 'data folder {root}', url=CEILNET_URL, url_help='base URL of the triplet files')
    ap.add_argument('--from', dest='src', help='copy from this folder (e.g. testdata_reflection_synthetic_table2 of a clone) instead of downloading')
    return ap


def main(argv=None) -> int:
    a = get_parser().parse_args(argv)
    root = Path(a.root or default_root()).expanduser()
    todo = missing_files(root / 'reflection-synthetic')
    if not todo:
        print(f"CEILNet synthetic triplets already present: {len(CEILNET_IDS)} in {root / 'reflection-synthetic'}"); return 0
    root = writable_root(root); dest = root / 'reflection-synthetic'; dest.mkdir(parents=True, exist_ok=True)
    if a.src:
        src = Path(a.src).expanduser()
        lack = [f for f in todo if not (src / f).is_file()]
        if lack: raise FetchError(f"{src} lacks {len(lack)} of the triplet files, e.g. {lack[0]}.")
        for f in todo: shutil.copyfile(src / f, dest / f)
    else:
        base = a.url if a.url.endswith('/') else a.url + '/'
        for f in todo: download(base + f, dest / f, retries=a.retries, quiet=True)
    print(f"CEILNet synthetic triplets ready: {len(CEILNET_IDS)} in {dest}")
    return 0


if __name__ == '__main__':
    sys.exit(run_main(main))
