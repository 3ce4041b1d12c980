"""Only Python 3.11 runs here (no 3.12 or 3.13 can be installed from the package registries these machines
reach), so the code keeps to syntax that reads the same on every version README claims."""
import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(p for folder in ("backprop", "ui", "pages", "tests", "benchmarks") for p in (ROOT / folder).rglob("*.py"))
CLAIMED = [(3, 11), (3, 12), (3, 13)]  # README's "Python 3.11 to 3.13"


@pytest.mark.parametrize("version", CLAIMED, ids=lambda v: f"{v[0]}.{v[1]}")
def test_every_source_file_parses_as_each_claimed_python(version):
    assert len(SOURCES) > 40
    for path in SOURCES + [ROOT / "app.py"]:
        ast.parse(path.read_text("utf-8"), filename=str(path), feature_version=version)


def test_the_tests_run_on_a_claimed_python():
    assert sys.version_info[:2] in CLAIMED
