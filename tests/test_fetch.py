"""The data travel with the project: verified from the manifest, refreshed on demand from a
folder or from the publisher (here a local HTTP server on 127.0.0.1), never replaced by a file
whose checksum does not match."""

import functools
import http.server
import re
import subprocess
import threading
from pathlib import Path

import pytest

from tipfigs import manifest, paths
from tipfigs.errors import DataError
from tipfigs.tools import fetch

REPO = Path(__file__).resolve().parents[1]


# -- the real manifest and the committed files ----------------------------------------------------
def test_manifest_lists_every_file_with_checksum_and_upstream():
    entries = manifest.load()
    assert {"gsi2023", "glotip2023", "glotip2025", "ctdc2021", "ctdc2018", "ctdc_vp2022"} <= set(entries)
    assert len({e.path for e in entries.values()}) == len(entries)
    for e in entries.values():
        assert len(e.sha256) == 64 and e.citation and e.terms and e.url.startswith("https://")
        assert e.upstream in manifest.UPSTREAM
        assert bool(e.download) == (e.upstream in ("direct", "latest-only"))


def test_every_manifest_file_is_committed_and_verified():
    """A clone has the data: each file of the manifest is tracked by git under data/raw/ with
    the manifest's checksum, and data/raw/ holds nothing the manifest does not list."""
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files", "-z", "data/raw"], cwd=REPO, capture_output=True,
                             check=True).stdout.decode().split("\0")
    tracked = {t for t in tracked if t}
    entries = manifest.load()
    assert tracked == {f"data/raw/{e.path}" for e in entries.values()}
    for e in entries.values():
        assert manifest.sha256_file(REPO / "data/raw" / e.path) == e.sha256, e.path
    attrs = subprocess.run(["git", "check-attr", "text", "diff", "--", *sorted(tracked)], cwd=REPO,
                           capture_output=True, text=True, check=True).stdout
    assert attrs.count("text: unset") == len(tracked)  # binary: no line-ending conversion
    assert attrs.count("diff: unset") == len(tracked)


# -- verifying -------------------------------------------------------------------------------------
def test_verify_passes_and_writes_the_stamp(fake_root):
    root, _, _ = fake_root
    fetch.verify_all()
    assert "data/raw/pub/table.csv" in (root / "build" / fetch.STAMP).read_text()


def test_a_changed_file_stops_with_both_checksums_and_what_to_do(fake_root):
    root, _, payload = fake_root
    fetch.verify_all()
    copy = root / "data/raw/pub/table.csv"
    copy.write_bytes(payload + b"C,3\n")
    with pytest.raises(DataError) as e:
        fetch.verify_all()
    msg = str(e.value)
    assert "data/raw/pub/table.csv: checksum mismatch" in msg
    assert manifest.load()["table"].sha256 in msg and manifest.sha256_file(copy) in msg
    assert "git checkout -- data/raw/pub/table.csv" in msg and "refresh-data table" in msg
    assert not (root / "build" / fetch.STAMP).exists()  # the build will not start
    assert copy.read_bytes() == payload + b"C,3\n"  # verifying never changes a file


def test_a_missing_file_is_named(fake_root):
    root, _, _ = fake_root
    (root / "data/raw/pub/table.csv").unlink()
    with pytest.raises(DataError, match=r"data/raw/pub/table.csv: listed in data/manifest.toml "
                                        r"\('table'\) but missing. Restore"):
        fetch.verify_all()


def test_cli_verifies_without_network_or_mirror(fake_root, capsys):
    root, _, _ = fake_root
    assert fetch.main([]) == 0
    out = capsys.readouterr().out
    assert "data: data/raw/ verified: 1 file(s), each with the sha256 of data/manifest.toml" in out
    (root / "data/raw/pub/table.csv").write_bytes(b"bad")
    assert fetch.main([]) == 1
    err = capsys.readouterr().err
    assert "checksum mismatch" in err and "expected sha256" in err and "actual   sha256" in err


# -- refreshing from a folder ----------------------------------------------------------------------
def test_refresh_from_a_folder_restores_a_damaged_copy(fake_root, capsys):
    root, mirror, payload = fake_root
    (root / "data/raw/pub/table.csv").write_bytes(b"edited by hand")
    assert fetch.main(["--refresh", "--mirror", str(mirror)]) == 0
    assert (root / "data/raw/pub/table.csv").read_bytes() == payload
    assert "replaced      table: from the folder" in capsys.readouterr().out


def test_refresh_never_replaces_with_a_bad_copy(fake_root, capsys):
    root, mirror, payload = fake_root
    (mirror / "pub/table.csv").write_bytes(b"garbage")
    assert fetch.main(["--refresh", "table", "--mirror", str(mirror)]) == 1
    out, err = capsys.readouterr()
    assert "failed        table: the copy from the folder" in out and "expected" in out
    assert "could not be refreshed: table" in err
    assert (root / "data/raw/pub/table.csv").read_bytes() == payload
    assert not list((root / "build" / "refresh").rglob("*.csv"))


def test_refresh_names_unknown_entries(fake_root, capsys):
    assert fetch.main(["--refresh", "nope"]) == 1
    assert "no entry 'nope'; entries: table" in capsys.readouterr().err


# -- refreshing from the publisher: a local HTTP server stands in for it ---------------------------
class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def publisher(tmp_path, monkeypatch):
    """An HTTP server on 127.0.0.1 serving a folder: (base address, folder). Proxies are
    bypassed so that requests go nowhere else."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    folder = tmp_path / "publisher"
    folder.mkdir()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", folder
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def _set_upstream(root: Path, upstream: str, download: str = "") -> None:
    m = root / "data/manifest.toml"
    text = m.read_text() + f'upstream = "{upstream}"\n'
    if download:
        text += f'download = "{download}"\n'
    m.write_text(text)


def test_direct_download_shows_progress_verifies_and_replaces(fake_root, publisher, capfd):
    root, _, payload = fake_root
    base, folder = publisher
    (folder / "table.csv").write_bytes(payload * 1)
    _set_upstream(root, "direct", f"{base}/table.csv")
    (root / "data/raw/pub/table.csv").unlink()
    assert fetch.main(["--refresh"]) == 0
    out, err = capfd.readouterr()
    assert f"replaced      table: from {base}/table.csv: sha256 verified" in out
    assert "100%" in err  # the progress bar
    assert (root / "data/raw/pub/table.csv").read_bytes() == payload


def test_direct_download_with_other_bytes_changes_nothing(fake_root, publisher, capfd):
    root, _, payload = fake_root
    base, folder = publisher
    (folder / "table.csv").write_bytes(b"country,value\nA,999\n")
    _set_upstream(root, "direct", f"{base}/table.csv")
    assert fetch.main(["--refresh", "--no-progress"]) == 1
    out, err = capfd.readouterr()
    assert "failed        table: the copy from" in out and "expected" in out
    assert (root / "data/raw/pub/table.csv").read_bytes() == payload


def test_latest_only_keeps_a_newer_release_aside(fake_root, publisher, capfd):
    root, _, payload = fake_root
    base, folder = publisher
    newer = b"country,value\nA,1\nB,2\nC,3\n"
    (folder / "data.csv").write_bytes(newer)
    _set_upstream(root, "latest-only", f"{base}/data.csv")
    assert fetch.main(["--refresh", "--no-progress"]) == 0  # not an error: the copy still verifies
    out = capfd.readouterr().out
    sha = manifest.sha256_file(root / "build/refresh/pub/table.csv")
    assert f"newer-release table: {base}/data.csv now serves another file (sha256 {sha})" in out
    assert "build/refresh/pub/table.csv" in out and "data/raw/ unchanged" in out
    assert (root / "build/refresh/pub/table.csv").read_bytes() == newer
    assert (root / "data/raw/pub/table.csv").read_bytes() == payload


def test_a_failed_download_names_the_address(fake_root, publisher, capfd):
    root, _, payload = fake_root
    base, _ = publisher
    _set_upstream(root, "direct", f"{base}/moved.csv")  # 404
    assert fetch.main(["--refresh", "--no-progress"]) == 1
    out = capfd.readouterr().out
    assert re.search(rf"failed        table: the download from {re.escape(base)}/moved.csv failed "
                     r"\(.*404", out)
    assert (root / "data/raw/pub/table.csv").read_bytes() == payload


@pytest.mark.parametrize("upstream,says", [
    ("gone", "A publisher no longer serves this release, 2020; the copy committed in data/raw/ "
             "is the only source"),
    ("page", "no direct file address: https://example.org/table.csv is a web page, not the file"),
])
def test_what_is_not_served_is_said_plainly(fake_root, capsys, upstream, says):
    root, _, _ = fake_root
    _set_upstream(root, upstream)
    assert fetch.main(["--refresh"]) == 0  # nothing to get, and the committed copy verifies
    assert f"not-served    table: {says}" in capsys.readouterr().out


@pytest.mark.parametrize("url", ["http://example.org/x.csv", "ftp://127.0.0.1/x", "file:///etc/passwd"])
def test_download_refuses_anything_but_https_or_this_machine(url, tmp_path):
    with pytest.raises(DataError, match="refusing to download"):
        fetch.download(url, tmp_path / "x")


# -- the manifest's own checks ---------------------------------------------------------------------
@pytest.mark.parametrize("field,value,match", [
    ("sha256", "xyz", "64 lowercase hex"),
    ("path", "/etc/passwd", "must be relative"),
    ("colour", "red", "unknown field"),
    ("upstream", "mirror", "has upstream 'mirror'; allowed: direct, latest-only, gone, page"),
    ("download", "https://example.org/x", "a download address goes with upstream 'direct'"),
])
def test_manifest_validation(fake_root, field, value, match):
    root, _, _ = fake_root
    m = root / "data/manifest.toml"
    text = m.read_text()
    if field in ("sha256", "path"):
        text = re.sub(rf'^{field} = ".*"$', f'{field} = "{value}"', text, flags=re.M)
    else:
        text += f'{field} = "{value}"\n'
    m.write_text(text)
    with pytest.raises(DataError, match=match):
        manifest.load()


def test_manifest_missing_field(fake_root):
    root, _, _ = fake_root
    m = root / "data/manifest.toml"
    m.write_text("\n".join(ln for ln in m.read_text().splitlines() if not ln.startswith("terms")))
    with pytest.raises(DataError, match="lacks terms"):
        manifest.load()


def test_paths_resolve_from_root_whatever_the_cwd(fake_root, tmp_path, monkeypatch):
    root, _, _ = fake_root
    monkeypatch.chdir(tmp_path)
    assert paths.resolve("data/x.csv") == root / "data/x.csv"
    assert paths.show(root / "figures/a.png") == "figures/a.png"
