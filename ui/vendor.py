"""The browser libraries the app serves itself, each pinned to one npm release and checked by its hash.

Streamlit serves the folder static/ beside app.py at app/static/ (server.enableStaticServing), and the page's own
components load what they need from there: the graph and every chart draw with this Plotly, never with a Plotly
another library left on the page. To fetch or build a file again, exactly as it is here:

    python -m ui.vendor          # npm pack (or npm ci and build), check the integrity and the pinned hash, write static/
"""
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "static"


class Vendored(NamedTuple):
    package: str    # on npm
    version: str
    member: str     # the file inside the package
    integrity: str  # npm's dist.integrity of the package tarball
    sha256: str     # of the file as written to static/
    into: str = ""  # where it is written, under the project, if not static/ (a test's library, not served)

    @property
    def file(self) -> str:
        return f"{self.package}-{self.version}.js"  # the version in the name: a new one is a new address

    @property
    def path(self) -> str:
        """Where the page finds it, relative to the app's address."""
        return f"app/static/{self.file}"


class Built(NamedTuple):
    """A library built here: npm ci of the folder's lockfile (every package pinned by its integrity), then its
    build.js."""
    package: str    # the name it is served under
    version: str
    folder: str     # under ui/: package.json, package-lock.json, entry.js, build.js
    licence: str    # the licence, inside the folder once npm has installed it
    sha256: str     # of the file as written to static/

    @property
    def file(self) -> str:
        return f"{self.package}-{self.version}-{self.sha256[:8]}.js"  # a new build is a new address

    @property
    def path(self) -> str:
        return f"app/static/{self.file}"


# scatter, bar, heatmap and contour: every trace the pages draw (Streamlit's own Plotly is the whole library)
PLOTLY = Built("plotly.js-bundle", "4.1.1", "plotly", "node_modules/plotly.js/LICENSE",
               "0bc3d2c2c06b30b504fb03c76edc3efc8156b4fba4d45023ef62bb5342dda325")
# the explorer's maths renders with the KaTeX release Streamlit 1.67's Markdown uses (rehype-katex's), so an equation
# looks the same drawn by either, under the one stylesheet Streamlit loads, which carries that release's rules and fonts
KATEX = Vendored("katex", "0.16.47", "package/dist/katex.min.js",
                 "sha512-Eeo8Ys1doU1z+x8AZsPpQu+p/QcZBI5PeOo7QGQdy2x2m0MU/hYagBbGOmXwr5KVbEfVuWv9LpnQWeehogurjg==",
                 "a29d2961d3146de5949d78ac7c1a9d93ae54955bad22a6db4fbe836e88e8bf48")
# the browser tests' accessibility checker (WCAG 2.0 and 2.1, A and AA), injected into each page they visit
AXE = Vendored("axe-core", "4.11.0", "package/axe.min.js",
               "sha512-ilYanEU8vxxBexpJd8cWM4ElSQq4QctCLKih0TSfjIfCQTeyH/6zVrmIJfLPrKTKJRbiG+cfnZbQIjAlJmF1jQ==",
               "e9e5863c33a874f09bc01acd9234b7e3c871479f5eef8802fa582544465e6d01", "tests/vendor")
VENDORED = (PLOTLY, KATEX, AXE)


def fetch(item: Vendored) -> Path:
    """npm pack the pinned release, check it against npm's integrity and the pinned hash, write it to static/."""
    with tempfile.TemporaryDirectory() as folder:
        packed = json.loads(subprocess.run(["npm", "pack", f"{item.package}@{item.version}", "--json"], cwd=folder,
                                           check=True, capture_output=True, text=True).stdout)[0]
        tarball = Path(folder) / packed["filename"]
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != item.integrity:
            raise ValueError(f"{item.package}@{item.version}: the tarball's integrity is {digest}, not the pinned one")
        with tarfile.open(tarball) as archive:
            content = archive.extractfile(item.member).read()
            licence = archive.extractfile("package/LICENSE").read()
    if hashlib.sha256(content).hexdigest() != item.sha256:
        raise ValueError(f"{item.member} of {item.package}@{item.version} is not the pinned file")
    return _write(item, content, licence)


def build(item: Built) -> Path:
    """npm ci the folder's pinned packages, run its build.js, check the pinned hash, write the file to static/."""
    source = Path(__file__).resolve().parent / item.folder
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name in ("package.json", "package-lock.json", "entry.js", "build.js"):
            shutil.copy(source / name, work / name)
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=work, check=True,
                       capture_output=True)
        subprocess.run(["node", "build.js", "bundle.js"], cwd=work, check=True, capture_output=True)
        content, licence = (work / "bundle.js").read_bytes(), (work / item.licence).read_bytes()
    if hashlib.sha256(content).hexdigest() != item.sha256:
        raise ValueError(f"ui/{item.folder} built {hashlib.sha256(content).hexdigest()}, not the pinned file")
    return _write(item, content, licence)


def written_to(item) -> Path:
    """Where the item's file and licence live."""
    return ROOT / item.into if isinstance(item, Vendored) and item.into else STATIC


def _write(item, content: bytes, licence: bytes) -> Path:
    target = written_to(item)
    target.mkdir(exist_ok=True)
    (target / f"{item.package}-LICENSE.txt").write_bytes(licence)
    (target / item.file).write_bytes(content)
    return target / item.file


if __name__ == "__main__":
    for vendored in VENDORED:
        print(fetch(vendored) if isinstance(vendored, Vendored) else build(vendored), file=sys.stderr)
