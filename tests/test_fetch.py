import pytest

from tipfigs import fetch, manifest, paths
from tipfigs.errors import DataError


def test_manifest_lists_every_mirror_file_with_checksum():
    # the real manifest: every entry complete, paths unique
    entries = manifest.load()
    assert {"gsi2023", "glotip2023", "glotip2025", "ctdc2021", "ctdc2018"} <= set(entries)
    assert len({e.path for e in entries.values()}) == len(entries)
    for e in entries.values():
        assert len(e.sha256) == 64 and e.citation and e.terms and e.url.startswith("https://")


def test_fetch_copies_and_verifies(fake_root):
    root, mirror, payload = fake_root
    fetch.fetch_all(mirror, download=False)
    assert (root / "data/raw/pub/table.csv").read_bytes() == payload
    stamp = (root / "data/raw/.verified").read_text()
    assert "pub/table.csv" in stamp


def test_corrupted_mirror_file_stops_with_names_and_checksums(fake_root):
    root, mirror, payload = fake_root
    (mirror / "pub/table.csv").write_bytes(payload + b"C,3\n")
    with pytest.raises(DataError) as e:
        fetch.fetch_all(mirror, download=False)
    msg = str(e.value)
    entry = manifest.load()["table"]
    assert "pub/table.csv" in msg
    assert entry.sha256 in msg
    assert manifest.sha256_file(mirror / "pub/table.csv") in msg
    assert "manifest.toml" in msg  # says what to do
    # nothing half-written, no stamp
    raw = root / "data/raw"
    assert not (raw / "pub/table.csv").exists()
    assert not (raw / ".verified").exists()
    assert not [p for p in raw.rglob("*") if p.is_file()]


def test_verified_copy_is_kept_when_mirror_breaks_later(fake_root):
    root, mirror, payload = fake_root
    fetch.fetch_all(mirror, download=False)
    (mirror / "pub/table.csv").write_bytes(b"garbage")
    fetch.fetch_all(mirror, download=False)  # the verified copy in place is enough
    assert (root / "data/raw/pub/table.csv").read_bytes() == payload


def test_damaged_local_copy_is_replaced_from_mirror(fake_root):
    root, mirror, payload = fake_root
    fetch.fetch_all(mirror, download=False)
    (root / "data/raw/pub/table.csv").write_bytes(b"edited by hand")
    fetch.fetch_all(mirror, download=False)
    assert (root / "data/raw/pub/table.csv").read_bytes() == payload


def test_missing_file_without_download(fake_root):
    root, mirror, _ = fake_root
    (mirror / "pub/table.csv").unlink()
    with pytest.raises(DataError, match=r"pub/table.csv: missing from the mirror"):
        fetch.fetch_all(mirror, download=False)


def test_download_refuses_plain_http(fake_root, tmp_path):
    with pytest.raises(DataError, match="non-HTTPS"):
        fetch._download("http://example.org/x", tmp_path / "x")


def test_cli_exit_code_and_message(fake_root, capsys):
    root, mirror, payload = fake_root
    (mirror / "pub/table.csv").write_bytes(b"bad")
    assert fetch.main(["--mirror", str(mirror), "--no-download"]) == 1
    err = capsys.readouterr().err
    assert "checksum mismatch" in err and "expected sha256" in err and "actual   sha256" in err
    (mirror / "pub/table.csv").write_bytes(payload)
    assert fetch.main(["--mirror", str(mirror), "--no-download"]) == 0


@pytest.mark.parametrize("field,value,match", [
    ("sha256", "xyz", "64 lowercase hex"),
    ("path", "/etc/passwd", "must be relative"),
    ("colour", "red", "unknown field"),
])
def test_manifest_validation(fake_root, field, value, match):
    root, _, _ = fake_root
    m = root / "data/manifest.toml"
    text = m.read_text()
    if field in ("sha256", "path"):
        import re
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
