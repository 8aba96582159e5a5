#!/usr/bin/env python
"""Write figures/README.md: every figure in figures/ beside what the paper says of it, the notebook and command that
made it, its scale and its commit. A figure no notebook writes (and that is not listed in MANUAL) is an error, so a new
figure cannot go unlisted.

Usage: python tools/make_gallery.py [--root DIR] [--check] [--self-test]
  --check      exit 1 when figures/README.md is not what this script would write (nothing is written)
  --self-test  check, in a temporary copy of the checkout, that an extra figure nobody draws is refused
"""
import argparse, csv, json, re, shutil, subprocess, sys, tempfile
from pathlib import Path

# What the paper says of each figure: (the paper's figure, a short quote from its text). The extracted paper text holds
# no caption lines, so the quotes are from the running text where the figure is discussed; each is checked against the
# paper's text when that file is present.
PAPER = {
    'fig1': ('Fig. 1', 'the input image can be decomposed into a reflection layer and a background layer'),
    'fig3a': ('Fig. 3 (a)', 'The squares and circles in the images are rendered with arbitrary sizes, positions and brightness levels.'),
    'fig3b_curve': ('Fig. 3 (b), top', 'the loss values … indeed decline with increasing distance values but with different shapes'),
    'fig3b_lambda': ('Fig. 3 (b), bottom', 'a good balance should consider both intra-domain and inter-domain distances of the feature'),
    'fig3c': ('Fig. 3 (c)', 'removing any of these constraints will increase the final error drastically, i.e., twice as large or even more'),
    'fig4': ('Fig. 4', 'We conduct experiments with different … and the results are in Fig. 4'),
    'fig5': ('Fig. 5', 'our method generates both the albedo and shading layers with a good quality'),
    'fig6': ('Fig. 6', 'our method achieves the best background cleanness and the visual quality of the reflection layer'),
    'fig7_mit': ('Fig. 7', 'the encoder projects … into the same cluster (indicating the same latent space for albedo layer)'),
    'fig7_synthetic': ('Fig. 7 (on our synthetic data)', 'The two clusters stay apart from each other with a large distance.'),
    'fig8': ('Fig. 8 (b)', 'demonstrate the successfulness of our method to handle such a challenging problem'),
    'fig8a': ('Fig. 8 (a)', 'We re-render the synthetic dataset with three different shapes, i.e., square, circle and triangle'),
}
OURS = {  # figures of ours that the paper does not have: what they show
    'data_mit': 'the MIT intrinsic-image data as the loaders read it',
    'data_reflection': 'the reflection data as the loaders read it',
    'lm14_examples': 'the classical LM14 baseline on a few test images',
    'ss_variants': 'variants of the self-supervision loss (Eq. 5) compared',
    'fig3c_curves': 'validation learning curves of the Fig. 3 (c) runs: the evidence that sets the synthetic step budget',
    'fig8_curves': 'validation learning curves of the three-layer (Fig. 8) runs: the evidence that sets their step budget',
    'gan_search': 'validation learning curves of CycleGAN and UNIT with their recipe, a faster learning rate and a gradient penalty: the baselines\' search',
    'real_curves': 'validation learning curves of SILS on MIT and on reflection removal: the evidence that sets the real-image step budget',
    'explorer_screenshot': 'the interactive explorer (nbs/40_explorer.ipynb) running in JupyterLab',
    'ss_mechanism': 'probes of how self-supervision acts: validation error, the deepest codes and the gradient of each loss term per probe',
    'real_ladder': 'the real-image ladder: can each generator give back its input, and does its supervised oracle beat the input as background',
    'real_ladder_methods': 'the real-image methods on the gated generator: background SSIM against steps on validation (which picks each step) and the two test sets',
    'ss_bn_deep_curve': "the whole validation curve of today's SILS recipe, SILS without SS, BatchNorm on the deepest level and a batch of one",
}
MANUAL = {  # figures no notebook writes: how they were made
    'explorer_screenshot': 'a screenshot of nbs/40_explorer.ipynb run in JupyterLab (headless Chromium driven by selenium; the test scale, a 4-step run)',
}
SCALE_IN_OUTPUT = re.compile(r'\bscale[ =:]+(test|small|paper)\b|\b(test|small|paper) scale\b')


class GalleryError(Exception): pass


def writers(root: Path, name: str) -> list[str]:
    "The notebooks whose code writes figures/<name> (a code cell naming the file and saving a figure)."
    out = []
    for nb in sorted((root / 'nbs').glob('*.ipynb')):
        cells = json.loads(nb.read_text(encoding='utf-8'))['cells']
        for c in cells:
            src = ''.join(c['source'])
            if c['cell_type'] == 'code' and f"'{name}'" in src.replace('"', "'") and ('savefig' in src or 'figures_dir' in src):
                out.append(nb.stem); break
    return out


def scale_of(root: Path, nb: str, stem: str) -> tuple[str, str]:
    "The scale a figure was made at, and where that was read."
    cells = json.loads((root / 'nbs' / f'{nb}.ipynb').read_text(encoding='utf-8'))['cells']
    found = set()
    for c in cells:
        for o in c.get('outputs', []):
            text = ''.join(o.get('text', '')) + ''.join(o.get('data', {}).get('text/plain', ''))
            found |= {a or b for a, b in SCALE_IN_OUTPUT.findall(text)}
    if len(found) == 1: return found.pop(), 'the notebook\'s committed output'
    times = root / 'results' / 'reproduce_times.csv'
    if times.is_file():
        rows = [r for r in csv.DictReader(times.open()) if r['notebook'] == nb]
        if rows: return rows[-1]['scale'], 'results/reproduce_times.csv, its last sils-reproduce run'
    res = root / 'results' / f'{stem}.csv'
    if res.is_file():
        scales = {r['scale'] for r in csv.DictReader(res.open())} - {'quoted'}
        if len(scales) == 1: return scales.pop(), f'the scale column of results/{res.name}'
    return 'not recorded', 'neither the notebook\'s output nor the results files say'


def _mean(root: Path, stem: str, **where) -> dict:
    "Mean value per method of results/<stem>.csv at the small scale over the rows matching `where` (all seeds and layers)."
    import pandas as pd
    f = root / 'results' / f'{stem}.csv'
    if not f.is_file(): return {}
    d = pd.read_csv(f)
    d = d[d['scale'] == 'small']
    for k, v in where.items(): d = d[d[k] == v]
    return d.groupby('method')['value'].mean().to_dict()

def _seeds(root: Path, stem: str) -> str:
    import pandas as pd
    f = root / 'results' / f'{stem}.csv'
    s = sorted(int(x) for x in pd.read_csv(f).query("scale == 'small'")['seed'].unique()) if f.is_file() else []
    return f"seed{'s' * (len(s) > 1)} {', '.join(map(str, s))}"

def headline(root: Path, stem: str) -> str:
    "Our headline number for a paper figure, computed from the committed results/*.csv (small scale), or '—'."
    try:
        if stem == 'fig3c':
            m = _mean(root, 'fig3c')
            r = lambda k: f"{m['sils'] / m[k]:.2f}"
            return (f"SILS's error ÷ CycleGAN's {r('cyclegan')}, ÷ UNIT's {r('unit')}, ÷ w/o CC {r('sils-no-cc')}, "
                    f"÷ w/o SS {r('sils-no-ss')} ({_seeds(root, 'fig3c')})")
        if stem == 'fig3b_lambda':
            m = _mean(root, 'fig3b'); t = m.pop('trivial')
            v = {k: x / t for k, x in m.items()}
            return f"every setting {min(v.values()):.2f}–{max(v.values()):.2f}× the trivial split's error ({_seeds(root, 'fig3b')})"
        if stem == 'fig4':
            m = _mean(root, 'fig4'); best = min(m, key=m.get)
            return f"lowest error at {best} ({m[best]:.4f}); w1=1,w2=1: {m['w1=1,w2=1']:.4f} (MSE, {_seeds(root, 'fig4')})"
        if stem == 'fig8':
            import pandas as pd
            d = pd.read_csv(root / 'results' / 'fig8.csv').query("scale == 'small'").groupby(['method', 'layer'])['value'].mean()
            return 'SILS ÷ x/3 per layer ' + ' / '.join(f"{d['sils'][l] / d['trivial'][l]:.2f}" for l in sorted(d['sils'].index)) + f" ({_seeds(root, 'fig8')})"
        if stem == 'fig5':
            m, l = _mean(root, 'table1', metric='mse', layer='avg'), _mean(root, 'table1', metric='lmse', layer='avg')
            return f"MIT, SILS: MSE {m['sils']:.4f}, LMSE {l['sils']:.4f} (paper 0.0154, 0.025; {_seeds(root, 'table1')})"
        if stem in ('fig6', 'fig1'):
            m = _mean(root, 'table2', metric='ssim', layer='background')
            return f"background SSIM, SILS {m['sils']:.3f} against the input's {m['input']:.3f} (CEILNet and real20, {_seeds(root, 'table2')})"
        if stem in ('fig7_synthetic', 'fig7_mit'):
            m = _mean(root, 'fig7' if stem == 'fig7_synthetic' else 'fig7_mit', metric='ratio')
            return f"inter ÷ intra distance {m['sils']:.0f} for SILS, {m['untrained']:.0f} before training (seed 0)"
    except (KeyError, ValueError, ZeroDivisionError): return 'not computed (results missing)'
    return '—'


def commit_of(root: Path, png: Path) -> str:
    "The last commit that changed the figure file (or 'not committed')."
    r = subprocess.run(['git', 'log', '-1', '--format=%h', '--', str(png.relative_to(root))], cwd=root, capture_output=True, text=True)
    return r.stdout.strip() or 'not committed'


def check_quotes(root: Path) -> str:
    "Check every quote against the paper's text when it is beside the checkout; say what was done."
    paper = root.parent / 'shared' / 'paper' / 'separate-in-latent-space.txt'
    if not paper.is_file(): return 'the quotes were not checked against the paper\'s text (not found beside the checkout)'
    norm = lambda s: ' '.join(s.split())
    text = norm(paper.read_text(encoding='utf-8'))
    bad = [k for k, (_, q) in PAPER.items() if any(norm(f) not in text for f in q.split('…'))]  # … joins excerpts
    if bad: raise GalleryError(f"quotes not found in the paper's text: {', '.join(bad)}")
    return 'every quote was checked against the paper\'s text'


def gallery(root: Path) -> str:
    "The README text; raises GalleryError for a figure that cannot be attributed."
    pngs = sorted((root / 'figures').glob('*.png'))
    problems, rows = [], []
    from_nb = {}
    for png in pngs:
        stem = png.stem
        nbs = writers(root, png.name)
        if not nbs and stem not in MANUAL:
            problems.append(f'{png.name}: no notebook writes it and it is not listed in MANUAL'); continue
        if stem not in PAPER and stem not in OURS:
            problems.append(f'{png.name}: neither PAPER nor OURS in tools/make_gallery.py says what it shows'); continue
        what = (f'**{PAPER[stem][0]}** — “{PAPER[stem][1]}”' if stem in PAPER else f'ours (not in the paper): {OURS[stem]}')
        if nbs:
            made = ', '.join(f'[`{n}`](../nbs/{n}.ipynb)' for n in nbs)
            cmd = ' or '.join(f'`sils-reproduce --only {n}`' for n in nbs)
            scale, where = scale_of(root, nbs[0], stem)
            from_nb[scale] = from_nb.get(scale, 0) + 1
            scale = f'{scale} ({where})'
        else: made, cmd, scale = MANUAL[stem], '—', '—'
        ours = headline(root, stem) if stem in PAPER else '—'
        rows.append(f'| ![{stem}]({png.name}) | `{png.name}` | {what} | {ours} | {made} | {cmd} | {scale} | {commit_of(root, png)} |')
    if problems: raise GalleryError('figures that cannot be attributed:\n  ' + '\n  '.join(problems))
    head = ['# Figures',
            '',
            'Every figure in this folder, beside what the paper says of the figure it reproduces, the notebook and the command that',
            'draw it, the run scale it was drawn at and the last commit that changed the file. Generated by `python tools/make_gallery.py`',
            '(it refuses a figure it cannot attribute); do not edit by hand.',
            '',
            f'Quotes are short excerpts of the paper\'s running text (Liu & Lu, AAAI 2020) where the figure is discussed (… marks words left out);',
            (lambda q: q[0].upper() + q[1:])(check_quotes(root)) + '.',
            'The scale comes from the notebook\'s committed output when it prints one, else from the last `sils-reproduce` run of that notebook',
            'recorded in `results/reproduce_times.csv`, else from the `scale` column of the figure\'s results file; the column says which.',
            '',
            'The column *ours* is our headline number for that figure, computed from the committed `results/*.csv` at the `small` scale',
            '(mean over the seeds named); each notebook gives the full comparison.',
            '',
            '| figure | file | in the paper | ours | made by | command | scale (from) | commit |',
            '|---|---|---|---|---|---|---|---|']
    return '\n'.join(head + rows) + '\n'


def self_test(root: Path):
    "In a temporary copy (figures, notebooks, results, git history), an extra PNG nobody draws must be refused."
    with tempfile.TemporaryDirectory() as d:
        copy = Path(d) / 'checkout'
        for sub in ('figures', 'nbs', 'results'): shutil.copytree(root / sub, copy / sub)
        gallery(copy)  # the copy as it is: every figure attributed
        (copy / 'figures' / 'fig99_new.png').write_bytes((root / 'figures' / 'fig1.png').read_bytes())
        try: gallery(copy)
        except GalleryError as e:
            assert 'fig99_new.png' in str(e), e
            print(f'self-test: an unlisted figure is refused: {e}'.replace('\n', ' '))
            return
        raise AssertionError('an unattributed figure was accepted')


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--root', default=str(Path(__file__).resolve().parents[1]), help='the checkout (default: this script\'s)')
    ap.add_argument('--check', action='store_true', help='compare with figures/README.md instead of writing it')
    ap.add_argument('--self-test', action='store_true', help='check that an unattributed figure is refused')
    a = ap.parse_args()
    root = Path(a.root).resolve()
    if a.self_test: self_test(root); return
    try: text = gallery(root)
    except GalleryError as e: sys.exit(f'make_gallery: error: {e}')
    out = root / 'figures' / 'README.md'
    if a.check:
        if not out.is_file() or out.read_text(encoding='utf-8') != text: sys.exit('make_gallery: figures/README.md is out of date: run python tools/make_gallery.py')
        print('figures/README.md is up to date'); return
    out.write_text(text, encoding='utf-8')
    print(f'wrote figures/README.md: {text.count(chr(10) + "| ![")} figures')


if __name__ == '__main__': main()
