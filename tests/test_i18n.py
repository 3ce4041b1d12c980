"""The catalogues: every text the source marks is translated into Chinese and French, with the same placeholders,
and what gettext reads is compiled from what a translator edits. Plus the language machinery and the CLI."""
import ast
import gettext
import threading

import pytest

from backprop.__main__ import main
from backprop.i18n import DOMAIN, LANGUAGES, LOCALE, _, catalogue, language, speaking
from babel.messages.pofile import read_po
from catalogues import SOURCES, TRANSLATED, extracted, placeholders, po_path, read_catalogue, source_file, templates
from english import english_runs, leftovers


@pytest.fixture(scope="module")
def template():
    return extracted()


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_text_is_translated_with_the_same_placeholders(template, code):
    translations = read_catalogue(code)
    asked = {m.id for m in template if m.id}
    given = {m.id: m for m in translations if m.id}
    assert asked == set(given), f"run python tests/catalogues.py: missing {sorted(asked - set(given))[:5]}, " \
                                f"stale {sorted(set(given) - asked)[:5]}"
    empty = [id for id, m in given.items() if not m.string or m.fuzzy]
    assert not empty, f"{code} lacks {len(empty)} translations, such as {empty[:3]}"
    formatted = templates()
    assert len(formatted) > 200
    wrong = [(id, m.string) for id, m in given.items() if id in formatted and placeholders(id) != placeholders(m.string)]
    assert not wrong, wrong[:3]


@pytest.mark.parametrize("code", TRANSLATED)
def test_what_gettext_reads_is_compiled_from_the_po_file(code):
    """Read back through gettext itself (the bytes also name the Babel version that wrote them)."""
    with open(po_path(code).with_suffix(".mo"), "rb") as handle:
        compiled_catalogue = gettext.GNUTranslations(handle)
    stale = [m.id for m in read_catalogue(code) if m.id and compiled_catalogue.gettext(m.id) != m.string]
    assert not stale, f"run python tests/catalogues.py: {stale[:3]}"


def test_the_template_is_current(template):
    with open(LOCALE / f"{DOMAIN}.pot", "rb") as handle:
        written = read_po(handle)
    def where(catalog):  # each text and the files that use it (the template leaves out line numbers)
        return {m.id: sorted({path for path, _line in m.locations}) for m in catalog if m.id}

    assert where(written) == where(template), "run python tests/catalogues.py"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_translation_formats_as_its_english_does(code):
    formatted = templates()
    for message in read_catalogue(code):
        if message.id in formatted:
            values = {name: "x" for name in placeholders(message.id)}
            assert message.string.format(**values)  # a stray brace or a renamed field raises here


def test_translations_use_the_standard_terms_of_the_field():
    """Spot checks against the terms the issue names: 反向传播, 梯度, 学习率; rétropropagation, gradient, taux
    d'apprentissage."""
    zh, fr = catalogue("zh"), catalogue("fr")
    assert "反向传播" in zh.gettext("Backprop Explorer") and "学习率" in zh.gettext("Learning rate η")
    assert "梯度" in zh.gettext("Gradient norms per layer")
    assert "rétropropagation" in fr.gettext("Backprop Explorer") and \
        fr.gettext("Learning rate η") == "Taux d'apprentissage η"
    assert "gradient" in fr.gettext("Gradient norms per layer")


def marked_calls(tree) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "N_")]


@pytest.mark.parametrize("path", SOURCES, ids=source_file)
def test_marked_text_is_a_literal_the_catalogue_can_find(path):
    """`_(f"...")` cannot be looked up, and a literal `_("...")` inside an f-string is invisible to extraction."""
    tree = ast.parse(path.read_text("utf-8"))
    for call in marked_calls(tree):
        assert call.args and not isinstance(call.args[0], ast.JoinedStr), f"{path.name}:{call.lineno}"
    for fstring in (node for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)):
        literal = [c for c in marked_calls(fstring) if isinstance(c.args[0], ast.Constant)]
        assert not literal, f"{path.name}:{fstring.lineno}: take _('…') out of the f-string"


def test_speaking_sets_the_language_of_a_block_only():
    assert language() == "en"
    with speaking("fr"):
        assert language() == "fr" and _("Apply update") == "Mettre à jour"
        with speaking("zh"):
            assert _("Apply update") == "应用更新"
        assert language() == "fr"
    assert language() == "en" and _("Apply update") == "Apply update"
    with pytest.raises(ValueError):
        with speaking("de"):
            pass


def test_each_thread_speaks_its_own_language():
    """Two sessions run in two threads: one's choice never leaks into the other's text."""
    seen = {}

    def session(code):
        with speaking(code):
            for _round in range(200):
                seen.setdefault(code, set()).add(_("Apply update"))

    threads = [threading.Thread(target=session, args=(code,)) for code in LANGUAGES]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"en": {"Apply update"}, "zh": {"应用更新"}, "fr": {"Mettre à jour"}}


@pytest.mark.parametrize("code, words", [("en", "One step of backpropagation"), ("zh", "反向传播"),
                                         ("fr", "rétropropagation")])
def test_the_cli_writes_the_worked_example_in_each_language(capsys, code, words):
    assert main(["explain", "--preset", "mazur", "--lang", code]) == 0
    text = capsys.readouterr().out
    assert words in text.splitlines()[0]
    if code != "en":
        assert leftovers(text.splitlines()) == []
    assert "$$" in text and r"\frac{\partial L}" in text  # the maths is the same in every language


def test_the_cli_says_its_errors_in_the_language_asked(capsys):
    assert main(["explain", "--preset", "seed", "--lr", "-1", "--lang", "fr"]) == 2
    assert "--lr doit être un nombre positif" in capsys.readouterr().err


def test_the_detector_finds_english_and_passes_french_and_maths():
    assert english_runs("Training stopped at epoch 3: the loss became infinite.") == [
        "Training stopped at epoch", "the loss became infinite"]
    assert english_runs("L'ancienne valeur est conservée. Le poids de la couche cachée 1, softmax stable.") == []
    assert english_runs(r"$\text{the sum of all weights}$ and `the old value`") == []


def test_the_uploaders_translated_limit_is_the_servers():
    import tomllib
    from ui.language import MAX_UPLOAD_MB
    config = tomllib.loads((LOCALE.parents[1] / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB
