"""Every word a learner reads, in English, Chinese or French: Python's gettext over the catalogues in
backprop/locale/<language>/LC_MESSAGES/backprop.po (compiled beside them to .mo; tests/catalogues.py updates both).

The English text is the key (gettext's msgid), so the source reads as it always did. Text built at import
time is marked with `N_` and translated where it is shown, with `_`.

Whose language? The CLI and tests choose one for a block of code with `speaking(language)`. The app keeps
each browser session's choice in that session's state and tells this module, once, how to read it
(`read_language_with`), since Streamlit runs a session's callbacks before any of its page code, in a thread that
may be new. Each page run then also says it to its own thread (`speak_in_this_thread`), which spares later
lookups the read.
"""
import gettext
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Callable

LANGUAGES = {"en": "English", "zh": "中文", "fr": "Français"}
LOCALE = Path(__file__).parent / "locale"
DOMAIN = "backprop"

_spoken: ContextVar[str | None] = ContextVar("spoken", default=None)  # a `speaking` block's, or this thread's run
_readers: list[Callable[[], str | None]] = []  # at most one: set when ui/ is imported, read by every session


@lru_cache(maxsize=None)  # one read-only catalogue per language, shared by every session
def catalogue(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE, languages=[language])


def language() -> str:
    """The language of the text being written now: a `speaking` block's, else the app session's, else English."""
    spoken = _spoken.get()
    if spoken is None and _readers:
        spoken = _readers[0]()
    return spoken if spoken in LANGUAGES else "en"


def _(message: str) -> str:
    """`message` in the current language (itself where a catalogue lacks it)."""
    return catalogue(language()).gettext(message)


def N_(message: str) -> str:
    """Marks text built at import time for the catalogues; `_` translates it where it is shown."""
    return message


def translated(texts: dict) -> Callable:
    """A menu's format_func: each key's text, translated now, once (not in whatever thread formats it later).
    It raises for anything but a key, as a format_func may (AppTest then reads a label given as the value)."""
    return {key: _(text) for key, text in texts.items()}.__getitem__


@contextmanager
def speaking(code: str):
    """Write the text of a block in language `code` (one of LANGUAGES)."""
    if code not in LANGUAGES:
        raise ValueError(f"language {code!r} is not one of {', '.join(LANGUAGES)}")
    token = _spoken.set(code)
    try:
        yield
    finally:
        _spoken.reset(token)


def speak_in_this_thread(code: str) -> None:
    """The app's page runs: speak `code` in this thread from now on, so lookups skip the hook (about 9 µs each).
    A session's script thread is its own, and only its language picker changes the language, which calls this."""
    _spoken.set(code if code in LANGUAGES else "en")


def read_language_with(reader: Callable[[], str | None]) -> None:
    """The app's one hook: `reader` returns the current browser session's language (None: not chosen yet)."""
    _readers[:] = [reader]  # a module reload in development hands in the same function again
