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

RENDER = """
import katex from %s;
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


def katex_errors(equations) -> list[tuple[str, str]]:
    """(tex, KaTeX's message) for every equation KaTeX rejects; [] when all render."""
    node = shutil.which("node")
    if node is None or BUNDLE is None:
        if os.environ.get("CI"):
            pytest.fail("the KaTeX check needs node (apt-get install nodejs) and Streamlit's KaTeX bundle")
        pytest.skip("node or Streamlit's KaTeX bundle is missing")
    with tempfile.TemporaryDirectory() as folder:
        module = Path(folder) / "katex.mjs"  # Streamlit's chunk is an ES module with no imports
        shutil.copyfile(BUNDLE, module)
        script = RENDER.replace("require_stdin()", "(await import('node:fs')).readFileSync(0, 'utf-8')")
        result = subprocess.run([node, "--input-type=module", "-e", script % json.dumps(str(module))],
                                input=json.dumps(list(equations)), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return [tuple(pair) for pair in json.loads(result.stdout)]
