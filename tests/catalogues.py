"""The translation catalogues: what the source asks for, and what each language's .po file gives.

Run `python tests/catalogues.py` after changing any text: it extracts every `_("…")` and `N_("…")` from the app
and the core into backprop/locale/backprop.pot, merges that into each language's backprop.po (new texts come in
empty, for a translator; gone ones are dropped), and compiles each .po to the .mo gettext reads.
tests/test_i18n.py fails while any of that is out of date.
"""
import ast
import io
import string
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from backprop.i18n import DOMAIN, LANGUAGES, LOCALE  # noqa: E402

SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").rglob("*.py")),
           *sorted((ROOT / "backprop").glob("*.py"))]
KEYWORDS = {"_": None, "N_": None}
TRANSLATED = [code for code in LANGUAGES if code != "en"]
FIXED = datetime(2026, 12, 2, tzinfo=timezone.utc)


def source_file(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def extracted() -> Catalog:
    """Every text the source marks, with where it is used."""
    catalog = Catalog(domain=DOMAIN, project="Backprop Explorer", charset="utf-8", creation_date=FIXED,
                      revision_date=FIXED)  # fixed, so the template changes only when a text does
    for path in SOURCES:
        for line, message, _comments, _context in extract_from_file("python", path, keywords=KEYWORDS,
                                                                    comment_tags=(), strip_comment_tags=True):
            catalog.add(message, locations=[(source_file(path), line)], flags=["python-format"] if "{" in message else ())
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(language: str) -> Catalog:
    with open(po_path(language), "rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def po_text(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=120, omit_header=False, sort_output=False, include_lineno=False)
    return buffer.getvalue()


def placeholders(text: str) -> set[str]:
    """The named fields of a str.format template: {name}, {name!r}, {name:.3g} all give 'name'."""
    return {field for _literal, field, _spec, _conversion in string.Formatter().parse(text) if field is not None}


def templates() -> set[str]:
    """The texts filled in with str.format: `_("…").format(…)` in the source, and every `N_("…")` (formatted where
    shown). The others may hold braces of their own, as LaTeX does ($G_{11}$)."""
    found = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_":
                found.add(node.args[0].value)
            elif (isinstance(node, ast.Attribute) and node.attr == "format" and isinstance(node.value, ast.Call)
                  and isinstance(node.value.func, ast.Name) and node.value.func.id == "_"
                  and isinstance(node.value.args[0], ast.Constant)):
                found.add(node.value.args[0].value)
    return found


def update() -> None:
    template = extracted()
    LOCALE.mkdir(exist_ok=True)
    (LOCALE / f"{DOMAIN}.pot").write_bytes(po_text(template))
    for language in TRANSLATED:
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = read_catalogue(language) if path.exists() else Catalog(locale=language, domain=DOMAIN,
                                                                          creation_date=FIXED, revision_date=FIXED)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.write_bytes(po_text(catalog))
        path.with_suffix(".mo").write_bytes(compiled(read_catalogue(language)))
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"{language}: {len(catalog) - 1} texts, {len(missing)} untranslated")


if __name__ == "__main__":
    update()
