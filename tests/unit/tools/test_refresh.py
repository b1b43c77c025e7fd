"""The data refreshed on demand from a folder or from the publisher (here a local HTTP server
on 127.0.0.1), never replaced by a file whose checksum does not match."""

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest

from tipfigs import manifest
from tipfigs.errors import DataError
from tipfigs.tools import refresh


# -- refreshing from a folder ----------------------------------------------------------------------
def test_refresh_from_a_folder_restores_a_damaged_copy(fake_root, capsys):
    root, mirror, payload = fake_root
    (root / "data/raw/pub/table.csv").write_bytes(b"edited by hand")
    assert refresh.main(["--mirror", str(mirror)]) == 0
    assert (root / "data/raw/pub/table.csv").read_bytes() == payload
    assert "replaced      table: from the folder" in capsys.readouterr().out


def test_refresh_never_replaces_with_a_bad_copy(fake_root, capsys):
    root, mirror, payload = fake_root
    (mirror / "pub/table.csv").write_bytes(b"garbage")
    assert refresh.main(["table", "--mirror", str(mirror)]) == 1
    out, err = capsys.readouterr()
    assert "failed        table: the copy from the folder" in out and "expected" in out
    assert "could not be refreshed: table" in err
    assert (root / "data/raw/pub/table.csv").read_bytes() == payload
    assert not list((root / "build" / "refresh").rglob("*.csv"))


def test_refresh_names_unknown_entries(fake_root, capsys):
    assert refresh.main(["nope"]) == 1
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
    assert refresh.main([]) == 0
    out, err = capfd.readouterr()
    assert f"replaced      table: from {base}/table.csv: sha256 verified" in out
    assert "100%" in err  # the progress bar
    assert (root / "data/raw/pub/table.csv").read_bytes() == payload


def test_direct_download_with_other_bytes_changes_nothing(fake_root, publisher, capfd):
    root, _, payload = fake_root
    base, folder = publisher
    (folder / "table.csv").write_bytes(b"country,value\nA,999\n")
    _set_upstream(root, "direct", f"{base}/table.csv")
    assert refresh.main(["--no-progress"]) == 1
    out, err = capfd.readouterr()
    assert "failed        table: the copy from" in out and "expected" in out
    assert (root / "data/raw/pub/table.csv").read_bytes() == payload


def test_latest_only_keeps_a_newer_release_aside(fake_root, publisher, capfd):
    root, _, payload = fake_root
    base, folder = publisher
    newer = b"country,value\nA,1\nB,2\nC,3\n"
    (folder / "data.csv").write_bytes(newer)
    _set_upstream(root, "latest-only", f"{base}/data.csv")
    assert refresh.main(["--no-progress"]) == 0  # not an error: the copy still verifies
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
    assert refresh.main(["--no-progress"]) == 1
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
    assert refresh.main([]) == 0  # nothing to get, and the committed copy verifies
    assert f"not-served    table: {says}" in capsys.readouterr().out


@pytest.mark.parametrize("url", ["http://example.org/x.csv", "ftp://127.0.0.1/x", "file:///etc/passwd"])
def test_download_refuses_anything_but_https_or_this_machine(url, tmp_path):
    with pytest.raises(DataError, match="refusing to download"):
        refresh.download(url, tmp_path / "x")
