"""The session's language: chosen in the sidebar, carried in the link as ?lang=, else the browser's.

The session key KEY holds it; the link's `lang` (declared with every other link field in ui/explorer/link.py) holds it
whenever it is not English.
"""
import streamlit as st

from backprop.i18n import LANGUAGES, _, read_language_with, speak_in_this_thread

from . import session
from .explorer.link import FIELDS

KEY = "language"
MAX_UPLOAD_MB = 5  # .streamlit/config.toml's server.maxUploadSize
PICKER = "language_picker"
LINK = FIELDS["lang"].key
# Streamlit's font has no Chinese: name the common CJK faces of each system before the generic fallback
CJK_FONT = """<style>
:root, body, .stApp, .stMarkdown, button, input, textarea { font-family: "Source Sans", "Source Sans Pro",
  "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei",
  sans-serif; }
</style>"""
# Streamlit writes its file uploader's button and limit in English: in another language, say them in CSS instead
UPLOADER = "[data-testid='stFileUploaderDropzone']"
UPLOADER_WORDS = """<style>
{uploader} [data-testid='stFileUploaderDropzoneInstructions'] > div > span {{ font-size: 0; }}
{uploader} [data-testid='stFileUploaderDropzoneInstructions'] > div > span::after {{ content: "{limit}"; font-size: 0.8rem; }}
{uploader} button [data-testid='stMarkdownContainer'] p {{ font-size: 0; }}
{uploader} button [data-testid='stMarkdownContainer'] p::after {{ content: "{upload}"; font-size: 0.875rem; }}
</style>"""


def _session_language() -> str | None:
    """What the core's `_` reads: this session's choice, or None outside a session (plain tests, the CLI)."""
    return session.get(KEY) if session.in_session() else None


read_language_with(_session_language)


def from_tag(tag: str | None) -> str | None:
    """'zh-CN', 'fr-FR,fr;q=0.9', 'en' → 'zh', 'fr', 'en'; None for a language the app does not speak."""
    if not isinstance(tag, str):
        return None
    code = tag.split(",")[0].split(";")[0].strip().split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else None


def choose_language() -> str:
    """The session's language, settled on its first run: the link's, else the browser's, else English. A link's
    unknown language is said once, in one line, and English is used."""
    if session.get(KEY) is None:
        asked = session.link_value(LINK)
        language = from_tag(asked) if asked is not None and len(asked) <= 10 else None
        if asked is not None and language is None:
            session.put("language_refused", asked[:20])
        session.put(KEY, language or from_tag(st.context.locale) or from_tag(
            st.context.headers.get("Accept-Language")) or "en")
    speak_in_this_thread(session.get(KEY))
    return session.get(KEY)


def _picked(key: str) -> None:
    session.put(KEY, session.value(key))
    speak_in_this_thread(session.get(KEY))  # the callbacks after this one speak it too


def language_picker(language: str) -> None:
    """The sidebar's picker, showing `language` (choose_language's); a change reruns the page in the new one."""
    st.selectbox(":material/translate: " + _("Language"), list(LANGUAGES), index=list(LANGUAGES).index(language),
                 format_func=LANGUAGES.get, key=f"{PICKER}_{language}",
                 on_change=_picked, args=(f"{PICKER}_{language}",))
    if (refused := session.pop("language_refused")) is not None:
        st.caption(_("The link asks for the language {asked!r}; the app speaks en, zh and fr.").format(asked=refused))
    if language != "en":
        st.html((CJK_FONT if language == "zh" else "") + UPLOADER_WORDS.format(
            uploader=UPLOADER, upload=_("Upload"), limit=_("Up to {size} MB a file").format(size=MAX_UPLOAD_MB)))
    if session.link_value(LINK) != (wanted := session.language_link().get(LINK)):
        session.set_link_value(LINK, wanted)
