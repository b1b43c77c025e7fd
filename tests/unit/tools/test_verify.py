"""The data travel with the project, verified: each file of the manifest against its sha256,
with the records that let make verify a touched file once and rebuild nothing; and the
manifest's own checks."""

import re
import subprocess
from pathlib import Path

import pytest

from tipfigs import manifest, paths
from tipfigs.errors import DataError
from tipfigs.tools import verify

REPO = Path(__file__).resolve().parents[3]


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
    verify.verify_all()
    assert "data/raw/pub/table.csv" in (root / "build" / verify.STAMP).read_text()


def test_a_changed_file_stops_with_both_checksums_and_what_to_do(fake_root):
    root, _, payload = fake_root
    verify.verify_all()
    copy = root / "data/raw/pub/table.csv"
    copy.write_bytes(payload + b"C,3\n")
    with pytest.raises(DataError) as e:
        verify.verify_all()
    msg = str(e.value)
    assert "data/raw/pub/table.csv: checksum mismatch" in msg
    assert manifest.load()["table"].sha256 in msg and manifest.sha256_file(copy) in msg
    assert "git checkout -- data/raw/pub/table.csv" in msg and "refresh-data table" in msg
    assert not (root / "build" / verify.STAMP).exists()  # the build will not start
    assert copy.read_bytes() == payload + b"C,3\n"  # verifying never changes a file


def test_a_missing_file_is_named(fake_root):
    root, _, _ = fake_root
    (root / "data/raw/pub/table.csv").unlink()
    with pytest.raises(DataError, match=r"data/raw/pub/table.csv: listed in data/manifest.toml "
                                        r"\('table'\) but missing. Restore"):
        verify.verify_all()


def test_cli_verifies_without_network_or_mirror(fake_root, capsys):
    root, _, _ = fake_root
    assert verify.main([]) == 0
    out = capsys.readouterr().out
    assert "data: data/raw/ verified: 1 file(s), each with the sha256 of data/manifest.toml" in out
    (root / "data/raw/pub/table.csv").write_bytes(b"bad")
    assert verify.main([]) == 1
    err = capsys.readouterr().err
    assert "checksum mismatch" in err and "expected sha256" in err and "actual   sha256" in err


def test_a_file_is_hashed_again_only_when_its_size_or_time_changed(fake_root, monkeypatch):
    root, _, payload = fake_root
    verify.verify_all()
    record = verify.read_digests()["pub/table.csv"]
    copy = root / "data/raw/pub/table.csv"
    assert record[0] == len(payload) and record[2] == manifest.sha256_file(copy)
    hashed = []
    real = manifest.sha256_file
    monkeypatch.setattr(manifest, "sha256_file", lambda p, *a: hashed.append(p) or real(p, *a))
    verify.verify_all()
    assert copy not in hashed  # unchanged since the last verification
    copy.touch()
    verify.verify_all()
    assert copy in hashed  # touched: hashed again, once
    hashed.clear()
    verify.verify_all()
    assert copy not in hashed


def test_the_stamp_changes_with_the_manifest_not_with_a_verification(fake_root):
    """build/data.verified keeps its bytes and time while the data and the manifest say the
    same (make rebuilds nothing), build/data.digests is rewritten by every verification (make
    verifies a touched file once)."""
    root, _, _ = fake_root
    verify.verify_all()
    stamp, digests = verify.stamp_path(), verify.digests_path()
    before = stamp.stat().st_mtime_ns, stamp.read_bytes()
    checked = digests.stat().st_mtime_ns
    (root / "data/manifest.toml").touch()
    verify.verify_all()
    assert (stamp.stat().st_mtime_ns, stamp.read_bytes()) == before
    assert digests.stat().st_mtime_ns > checked
    m = root / "data/manifest.toml"
    m.write_text(m.read_text().replace('title = "A table"', 'title = "The table"'))
    verify.verify_all()
    assert stamp.read_bytes() != before[1]  # the manifest changed: what depends on it rebuilds
    # written after the record of the check, so that make finds it up to date
    assert stamp.stat().st_mtime_ns >= digests.stat().st_mtime_ns
    assert stamp.read_text().splitlines()[0].endswith("  data/manifest.toml")


def test_a_failed_verification_removes_both_records(fake_root):
    root, _, _ = fake_root
    verify.verify_all()
    (root / "data/raw/pub/table.csv").write_bytes(b"bad")
    with pytest.raises(DataError, match="checksum mismatch"):
        verify.verify_all()
    assert not verify.stamp_path().exists() and not verify.digests_path().exists()


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
