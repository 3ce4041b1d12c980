"""Equations through the KaTeX that Streamlit itself ships, run under node: what KaTeX rejects here
is exactly what the page would show as a red .katex-error."""
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import streamlit

BUNDLE = next((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("katex.*.js"), None)
# $$…$$ display blocks first, then inline $…$ (Streamlit's Markdown reads both)
MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.S)
IMPORT = re.compile(r'from\s*"\./([\w.-]+)\.js"')  # a chunk's imports of its siblings

RENDER = """
import * as chunk from %s;  // KaTeX is the export that renders: the default in 1.67, another name in 1.66
const katex = Object.values(chunk).find((value) => value && typeof value.renderToString === "function");
const errors = [];
for (const tex of JSON.parse(require_stdin())) {
  try { katex.renderToString(tex, {displayMode: true, throwOnError: true}); }
  catch (error) { errors.push([tex, error.message]); }
}
console.log(JSON.stringify(errors));
"""


def math_in(markdown: str) -> list[str]:
    """Every formula in a Markdown text, as KaTeX receives it."""
    return [(display or inline).strip() for display, inline in MATH.findall(markdown)]


def as_module(chunk: Path, folder: Path) -> Path:
    """Copy a Streamlit chunk and the sibling chunks it imports as .mjs files, which node runs as ES modules
    (1.67 ships KaTeX in one chunk; 1.66 imports a small runtime chunk beside it)."""
    target = folder / (chunk.stem + ".mjs")
    if not target.exists():
        text = chunk.read_text("utf-8")
        for name in IMPORT.findall(text):
            as_module(chunk.parent / f"{name}.js", folder)
        target.write_text(IMPORT.sub(lambda m: f'from"./{m.group(1)}.mjs"', text), "utf-8")
    return target


def katex_errors(equations) -> list[tuple[str, str]]:
    """(tex, KaTeX's message) for every equation KaTeX rejects; [] when all render."""
    node = shutil.which("node")
    if node is None or BUNDLE is None:
        if os.environ.get("CI"):
            pytest.fail("the KaTeX check needs node (apt-get install nodejs) and Streamlit's KaTeX bundle")
        pytest.skip("node or Streamlit's KaTeX bundle is missing")
    with tempfile.TemporaryDirectory() as folder:
        module = as_module(BUNDLE, Path(folder))
        script = RENDER.replace("require_stdin()", "(await import('node:fs')).readFileSync(0, 'utf-8')")
        result = subprocess.run([node, "--input-type=module", "-e", script % json.dumps(str(module))],
                                input=json.dumps(list(equations)), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return [tuple(pair) for pair in json.loads(result.stdout)]
