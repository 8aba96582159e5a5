"""Shared helpers of the sils data scripts: resumable downloads, checksums and safe unpacking.

Standard library only, so the scripts run before (or without) installing sils.
"""
import argparse, hashlib, http.client, os, shutil, sys, tarfile, time, urllib.error, urllib.parse, urllib.request, zipfile
from pathlib import Path

USER_AGENT = 'sils-data-scripts/1.0 (+https://github.com/sils/sils)'


class FetchError(Exception):
    "A download or unpack problem; its message is one sentence the scripts print without a traceback."


def default_root() -> Path:
    """The sils data root, decided as `sils.core.data_root` does (without importing sils and torch): $SILS_DATA,
    else ../shared/data beside the checkout these scripts sit in, else ~/.cache/sils/data."""
    env = os.environ.get('SILS_DATA')
    if env: return Path(env).expanduser()
    shared = Path(__file__).resolve().parent.parent.parent / 'shared' / 'data'
    return shared if shared.is_dir() else Path.home() / '.cache' / 'sils' / 'data'


def writable_root(root) -> Path:
    "Create `root` if needed and check that files can be written there."
    root = Path(root or default_root()).expanduser()
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = root / '.sils-write-test'
        probe.write_bytes(b''); probe.unlink()
    except OSError as e:
        raise FetchError(f"Cannot write to the data folder {root} ({e.strerror or e}); pass --root with a writable folder.") from None
    return root


def sha256sum(path, chunk: int = 1 << 20) -> str:
    "The hex SHA-256 of a file."
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(chunk), b''): h.update(block)
    return h.hexdigest()


def _say(msg: str, quiet: bool):
    if not quiet: print(msg, file=sys.stderr, flush=True)


def _reason(e: BaseException) -> str:
    r = getattr(e, 'reason', None) or e
    return str(getattr(r, 'strerror', None) or r)


def _copy_stream(src, f, have: int, total, quiet: bool) -> int:
    "Append `src` to the open file `f`; return the bytes now in the file (stops early when the stream breaks)."
    last = time.time()
    while True:
        try: block = src.read(1 << 16)
        except (http.client.IncompleteRead, ConnectionError, TimeoutError, OSError): break
        if not block: break
        f.write(block); have += len(block)
        if not quiet and time.time() - last > 2:
            last = time.time()
            _say(f"  {have / 2**20:.1f} MiB" + (f" of {total / 2**20:.1f} MiB" if total else ''), quiet)
    return have


def download(url: str, dest, sha256: str | None = None, retries: int = 3, timeout: float = 60,
             backoff: float = 0.5, quiet: bool = False) -> Path:
    """Download `url` (http, https or file) to `dest`, resuming a `dest.part` left by an earlier try with an HTTP
    Range request; retry a broken transfer up to `retries` times; check `sha256` when given; return `dest`."""
    dest = Path(dest); dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + '.part')
    if dest.exists():
        if sha256 is None or sha256sum(dest) == sha256.lower():
            _say(f"{dest} is already there.", quiet); return dest
        dest.unlink()
    scheme = urllib.parse.urlparse(url).scheme.lower()
    if scheme not in ('http', 'https', 'file'):
        raise FetchError(f"Cannot download {url!r}: only http, https and file URLs are supported.")
    total = None
    for attempt in range(retries + 1):
        have = part.stat().st_size if part.exists() else 0
        start = have
        try:
            if scheme == 'file':
                src_path = Path(urllib.request.url2pathname(urllib.parse.urlparse(url).path))
                if not src_path.is_file(): raise FetchError(f"Cannot download {url}: no such file.")
                total = src_path.stat().st_size
                if have > total: have = 0
                with open(src_path, 'rb') as src, open(part, 'ab' if have else 'wb') as f:
                    src.seek(have); have = _copy_stream(src, f, have, total, quiet)
            else:
                headers = {'User-Agent': USER_AGENT}
                if have: headers['Range'] = f'bytes={have}-'
                req = urllib.request.Request(url, headers=headers)
                try:
                    resp = urllib.request.urlopen(req, timeout=timeout)
                except urllib.error.HTTPError as e:
                    if e.code == 416 and have:  # nothing left to send: the .part file is complete
                        total = have; break
                    raise FetchError(f"Cannot download {url}: the server answered HTTP {e.code} ({e.reason}).") from None
                with resp:
                    if have and resp.status != 206:
                        _say("The server ignores range requests; starting again from the beginning.", quiet); have = 0
                    length = resp.headers.get('Content-Length')
                    total = have + int(length) if length is not None else None
                    if have: _say(f"Resuming {url} at {have / 2**20:.1f} MiB.", quiet)
                    else: _say(f"Downloading {url}", quiet)
                    with open(part, 'ab' if have else 'wb') as f:
                        have = _copy_stream(resp, f, have, total, quiet)
        except FetchError: raise
        except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError, OSError) as e:
            got_bytes = (part.stat().st_size if part.exists() else 0) > start
            if not got_bytes or attempt == retries:
                raise FetchError(f"Cannot download {url} ({_reason(e)}): check the network connection (the machine "
                                 f"may be offline), or fetch the file by hand and pass it with --archive.") from None
            _say(f"Transfer broke ({_reason(e)}); retrying.", quiet); time.sleep(backoff * (attempt + 1)); continue
        if total is None or have >= total: break
        if attempt == retries:
            raise FetchError(f"Cannot download {url}: the transfer stopped at {have} of {total} bytes after "
                             f"{retries + 1} tries; run the script again to resume.")
        _say(f"Transfer stopped at {have} of {total} bytes; resuming.", quiet); time.sleep(backoff * (attempt + 1))
    if sha256 is not None:
        got = sha256sum(part)
        if got != sha256.lower():
            part.unlink()
            raise FetchError(f"The download of {url} is corrupt: SHA-256 {got} differs from the expected {sha256.lower()} "
                             f"(the partial file was removed; run again to retry).")
    os.replace(part, dest)
    _say(f"Saved {dest} ({dest.stat().st_size / 2**20:.1f} MiB, sha256 {sha256sum(dest)}).", quiet)
    return dest


def _safe_name(name: str) -> bool:
    p = Path(name)
    return not p.is_absolute() and '..' not in p.parts and not name.startswith(('/', '\\'))


def unpack(archive, dest) -> list[str]:
    "Unpack a zip or tar(.gz/.bz2/.xz) archive into `dest`, refusing members that would land outside it; return the top-level names."
    archive, dest = Path(archive), Path(dest)
    if not archive.is_file(): raise FetchError(f"No archive at {archive}.")
    dest.mkdir(parents=True, exist_ok=True)
    try: return _unpack(archive, dest)
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as e:
        raise FetchError(f"Cannot unpack {archive} ({type(e).__name__}: {e}); the file may be incomplete: delete it and run again.") from None


def _unpack(archive: Path, dest: Path) -> list[str]:
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as z:
            names = z.namelist()
            bad = [n for n in names if not _safe_name(n)]
            if bad: raise FetchError(f"Refusing to unpack {archive}: member {bad[0]!r} points outside the target folder.")
            z.extractall(dest)
    elif tarfile.is_tarfile(archive):
        with tarfile.open(archive) as t:
            members = t.getmembers()
            bad = [m.name for m in members if not _safe_name(m.name) or not (m.isfile() or m.isdir())]
            if bad: raise FetchError(f"Refusing to unpack {archive}: member {bad[0]!r} is a link or points outside the target folder.")
            if hasattr(tarfile, 'data_filter'): t.extractall(dest, filter='data')
            else: t.extractall(dest, members=members)
            names = [m.name for m in members]
    else:
        raise FetchError(f"{archive} is neither a zip nor a tar archive.")
    return sorted({Path(n).parts[0] for n in names if Path(n).parts})


def run_main(main, argv=None) -> int:
    "Run a script's main(argv), printing a FetchError as one line (no traceback) and returning the exit status."
    try:
        return main(argv) or 0
    except FetchError as e:
        print(f"error: {e}", file=sys.stderr); return 1
    except KeyboardInterrupt:
        print("interrupted: run the script again to resume the download.", file=sys.stderr); return 130


def script_parser(doc: str, root_help: str = 'data folder', *, url: str | None = None, url_help: str | None = None,
                  archive_help: str | None = None, sha256: str | None = None, sha256_option: bool = False,
                  keep_help: str | None = None, force_help: str | None = None,
                  quiet_help: str = 'print only errors and the final line') -> argparse.ArgumentParser:
    "The options every data script shares (--root, --retries, --quiet, and those asked for), its docstring as the help."
    head, _, tail = doc.partition('\n\n')
    ap = argparse.ArgumentParser(description=head, epilog=tail or None, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--root', help=root_help.replace('{root}', f'(default: the sils data root, now {default_root()})'))
    if url_help: ap.add_argument('--url', default=url, help=url_help + (' (default: %(default)s)' if url else ''))
    if archive_help: ap.add_argument('--archive', help=archive_help)
    if sha256_option: ap.add_argument('--sha256', default=sha256, help='expected SHA-256 of the archive (checked when given)')
    ap.add_argument('--retries', type=int, default=3, help='resume a broken transfer this many times (default: %(default)s)')
    if keep_help: ap.add_argument('--keep-archive', action='store_true', help=keep_help)
    if force_help: ap.add_argument('--force', action='store_true', help=force_help)
    ap.add_argument('--quiet', action='store_true', help=quiet_help)
    return ap
