"""The session's keys are declared once, in ui/session.py, the one module that touches Streamlit's session and link."""
import re
from pathlib import Path

import pytest

from ui import session

ROOT = Path(__file__).resolve().parents[1]
TOUCHES = re.compile(r"\bst\.(session_state|query_params)\b")


def test_only_ui_session_touches_the_session_and_the_link():
    sources = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]
    touching = sorted(path.relative_to(ROOT).as_posix() for path in sources
                      if any(TOUCHES.search(line) for line in path.read_text("utf-8").splitlines()
                             if not line.lstrip().startswith("#")) and path.name != "session.py")
    assert touching == []


@pytest.mark.parametrize("use", [lambda: session.get("bp_figures"), lambda: session.put("typo", 1),
                                 lambda: session.pop("explorerr"), lambda: session.kept("x", dict)])
def test_a_key_not_declared_is_refused(use):
    with pytest.raises(KeyError, match="not one of ui.session.KEYS"):
        use()


def test_every_declared_key_says_what_it_holds():
    assert all(isinstance(what, str) and len(what) > 20 for what in session.KEYS.values())
