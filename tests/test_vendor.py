"""The browser libraries the app serves itself: pinned, the same bytes as npm's release, and served by Streamlit."""
import base64
import hashlib
import io
import json
import re
import subprocess
import tarfile
import tomllib
from pathlib import Path

import pytest
import streamlit

from conftest import ROOT
from ui import vendor
from ui.vendor import AXE, KATEX, PLOTLY, VENDORED, Built, Vendored


@pytest.mark.parametrize("item", VENDORED, ids=lambda item: item.package)
def test_each_vendored_file_is_the_pinned_one(item):
    content = (vendor.written_to(item) / item.file).read_bytes()
    assert hashlib.sha256(content).hexdigest() == item.sha256
    licence = (vendor.written_to(item) / f"{item.package}-LICENSE.txt").read_text()[:40]
    assert "MIT License" in licence or ("Mozilla Public License" in licence and item is AXE)


def test_the_accessibility_checker_is_the_tests_own():
    """axe-core runs in the browser tests only: written under tests/, never served from static/."""
    assert vendor.written_to(AXE) == ROOT / "tests" / "vendor" and not (vendor.STATIC / AXE.file).exists()
    assert (vendor.written_to(AXE) / AXE.file).read_text()[:20].startswith(f"/*! axe v{AXE.version}")


def test_the_plotly_build_says_what_it_holds_and_pins_its_release():
    """Built from ui/plotly/ (npm ci of its lockfile, then build.js): the release the lockfile pins, and the traces
    its entry registers, as the bundle's first line says."""
    folder = Path(vendor.__file__).parent / PLOTLY.folder
    lock = json.loads((folder / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/plotly.js"]["version"] == PLOTLY.version
    assert json.loads((folder / "package.json").read_text())["dependencies"]["plotly.js"] == PLOTLY.version
    assert all(lock["packages"][name]["integrity"].startswith("sha512-") for name in lock["packages"] if name)
    first = (vendor.STATIC / PLOTLY.file).read_text()[:200]
    assert first.startswith(f"/* plotly.js v{PLOTLY.version} (scatter, bar, heatmap, contour;")
    registered = re.findall(r"require\('plotly\.js/lib/(\w+)'\)", (folder / "entry.js").read_text())
    assert registered == ["core", "bar", "heatmap", "contour"]


def test_the_steps_render_with_the_katex_streamlits_own_markdown_uses():
    """The release of the stylesheet Streamlit loads, which its Markdown's KaTeX renders under: an equation drawn by
    the explorer and one drawn by st.markdown look alike. (Streamlit 1.67 also ships a newer KaTeX for another
    chunk; under this stylesheet it drew subscripts wrong.)"""
    static = Path(streamlit.__file__).parent / "static" / "static"
    stylesheets = "".join(path.read_text("utf-8") for path in (static / "css").glob("*.css"))
    assert f'katex-version:after{{content:"{KATEX.version}"}}' in stylesheets
    renderers = [path.read_text("utf-8") for path in (static / "js").glob("*katex*.js")]
    assert any(re.search(rf"[`\"']{re.escape(KATEX.version)}[`\"']", code) for code in renderers)


def test_streamlit_serves_the_static_folder_beside_app_py():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableStaticServing"] is True and vendor.STATIC == ROOT / "static"
    assert PLOTLY.path == f"app/static/{PLOTLY.file}"


def fake_npm(tmp_path, content: bytes, monkeypatch):
    """npm pack, as far as fetch uses it: a tarball holding `content`, and its JSON; what it returns is npm's integrity."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in (("package/dist.js", content), ("package/LICENSE", b"The MIT License\n")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    tarball = buffer.getvalue()

    def run(command, cwd, **_):
        (Path(cwd) / "pack.tgz").write_bytes(tarball)
        return subprocess.CompletedProcess(command, 0, json.dumps([{"filename": "pack.tgz"}]), "")

    monkeypatch.setattr(vendor.subprocess, "run", run)
    monkeypatch.setattr(vendor, "STATIC", tmp_path / "static")
    return "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()


def test_fetch_writes_the_file_only_when_both_hashes_match(tmp_path, monkeypatch):
    integrity = fake_npm(tmp_path, b"plotly", monkeypatch)
    item = Vendored("lib", "1.0.0", "package/dist.js", integrity, hashlib.sha256(b"plotly").hexdigest())
    assert vendor.fetch(item).read_bytes() == b"plotly"
    with pytest.raises(ValueError, match="integrity"):
        vendor.fetch(item._replace(integrity="sha512-other"))
    with pytest.raises(ValueError, match="not the pinned file"):
        vendor.fetch(item._replace(sha256="0" * 64))


def test_build_writes_the_file_only_when_its_hash_matches(tmp_path, monkeypatch):
    """npm ci and node build.js, as far as build uses them: the folder's files copied, a bundle and a licence
    written; the file reaches static/ only if it is the pinned one."""
    def run(command, cwd, **_):
        assert {path.name for path in Path(cwd).iterdir()} >= {"package.json", "package-lock.json", "entry.js", "build.js"}
        if command[0] == "node":
            (Path(cwd) / command[2]).write_bytes(b"bundle")
            (Path(cwd) / "node_modules" / "lib").mkdir(parents=True)
            (Path(cwd) / "node_modules" / "lib" / "LICENSE").write_bytes(b"The MIT License\n")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(vendor.subprocess, "run", run)
    monkeypatch.setattr(vendor, "STATIC", tmp_path / "static")
    item = Built("lib", "1.0.0", PLOTLY.folder, "node_modules/lib/LICENSE", hashlib.sha256(b"bundle").hexdigest())
    assert vendor.build(item).read_bytes() == b"bundle" and item.file.startswith("lib-1.0.0-")
    with pytest.raises(ValueError, match="not the pinned file"):
        vendor.build(item._replace(sha256="0" * 64))
