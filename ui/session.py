"""Every key the app keeps in a browser session, declared once, and the only module that touches
st.session_state and st.query_params.

Widgets keep their values under the keys they are drawn with, and callbacks read them back with
`value`. Everything else a session remembers is one of KEYS; `get`, `put` and `kept` refuse any
other name, so a key cannot be invented in passing. The link's fields are declared in ui/explorer/link.py.
"""
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from backprop.i18n import _

from .explorer import edit_actions
from .explorer.link import FIELDS, link_of, state_from_link
from .explorer.state import ExplorerState
from .message import Message

KEYS = {
    "explorer": "the explorer's ExplorerState, made from the link on first use",
    "train_pending": "the epochs a Train click asked for, trained below the click with a progress bar",
    "view_figure": "(view, the graph where the view starts, as one JSON string): built once per view",
    "view_step": "(view, the step where the view starts, as the page draws it, one JSON string): built once per view",
    "view_layouts": "(view, the graph's layout at every position, as one JSON string): built once per view",
    "view_model": "(view, what the page's engine computes from, as one JSON string): built once per view",
    "view_quiz": "(view, the quiz's pass for the page to ask and check, as one JSON string): built once per view",
    "updates_replayed": "[view, count]: the page's updates since that view, replayed here with the core",
    "quiz_replayed": "[view, count]: the page's quiz answers since that view, replayed here with the core",
    "view_start": "(view, the position when it appeared): where the browser's stepper starts in it",
    "language": "the session's language code, settled on its first run",
    "language_refused": "a link's unknown language, said once under the picker",
    "matmul": "the matrix-product page's MatmulState",
    "softmax": "the softmax page's SoftmaxState",
    "digits": "the digits page's DigitsState",
    "digits_pending": "the epochs a Train click on the digits page asked for, trained below it with a progress bar",
    "playground": "the playground's PlaygroundState",
    "lesson": "the guided lesson under way (ui/guided.Progress), mirrored in the link's lesson and task",
    "live_teacher": "the live class this session teaches (ui/live/store.Teacher): its id, join code and secret",
}
KEY = "explorer"


def _declared(key: str) -> str:
    if key not in KEYS:
        raise KeyError(f"{key!r} is not one of ui.session.KEYS")
    return key


def get(key: str, default=None):
    return st.session_state.get(_declared(key), default)


def put(key: str, value) -> None:
    st.session_state[_declared(key)] = value


def pop(key: str, default=None):
    return st.session_state.pop(_declared(key), default)


def kept(key: str, make):
    """The value under `key`, made by make() on the session's first use of it."""
    if _declared(key) not in st.session_state:
        st.session_state[key] = make()
    return st.session_state[key]


def per_view(key: str, view: str, make):
    """make(), computed once while `view` lasts: a rerun for the same view reuses it."""
    held = get(key)
    if held is None or held[0] != view:
        held = (view, make())
        put(key, held)
    return held[1]


def in_session() -> bool:
    """False outside a Streamlit session: plain tests and the CLI."""
    return get_script_run_ctx(suppress_warning=True) is not None


def value(widget_key: str):
    """A widget's value, as the browser sent it (the caller checks it)."""
    return st.session_state[widget_key]


def value_or(widget_key: str, default):
    """A widget's value, or `default` where the widget is not on the page."""
    return st.session_state.get(widget_key, default)


def link() -> dict[str, str | list[str]]:
    """The link's query, as the address bar holds it; a key given more than once keeps all its values,
    so the reader can refuse it rather than take one."""
    return {key: values[0] if len(values := st.query_params.get_all(key)) == 1 else values
            for key in st.query_params}


def link_value(name: str) -> str | None:
    return st.query_params.get(name)


def set_link_value(name: str, text: str | None) -> None:
    """One field of the link; None takes it out."""
    if text is None:
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = text


def set_link(params: dict[str, str]) -> None:
    """Make the address bar hold `params`, writing only when they differ."""
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)


def explorer_state() -> ExplorerState:
    """This session's state, created on first use from the link it was opened with. A link that
    cannot be read opens the seed network and says why, in one line."""
    if get(KEY) is None:
        try:
            state = state_from_link(link())
        except ValueError as error:
            state = ExplorerState.from_preset("seed")
            state.message = Message("error", _("This link could not be opened: {error}. Showing the seed network.").format(
                error=error))
        put(KEY, state)
    return get(KEY)


def write_link(state: ExplorerState) -> None:
    """Make the address bar hold the current state, so a reload or a shared link reproduces it."""
    set_link(link_of(state) | language_link() | lesson_link())


def take_message(state, place: str):
    """The last action's message if it belongs at `place`, taken: it is shown once."""
    if state.message is None or state.message.place != place:
        return None
    message, state.message = state.message, None
    return message


def show_message(state, place: str = "top") -> None:
    """Show the last action's message once, where it belongs: a message may name its place
    (training's appear by the loss curve, where the learner is looking)."""
    if (message := take_message(state, place)) is not None:
        {"error": st.error, "warning": st.warning, "success": st.success}.get(message.level, st.info)(message.text)


def language_link() -> dict[str, str]:
    """What the link says of the language: nothing for English."""
    language = get("language", "en")
    return {} if language == "en" else {FIELDS["lang"].key: language}


def lesson_link() -> dict[str, str]:
    """What the link says of a lesson under way: which, and how many of its tasks are done."""
    progress = get("lesson")
    return {} if progress is None else {"lesson": progress.key, "task": str(progress.task)}


def named(component_state, name: str):
    """One named value of a component's state as the browser sent it; None when it sent none (a forged state)."""
    try:
        return component_state[name]
    except (KeyError, TypeError, IndexError):
        return None


def on_pick(state, graph_key: str) -> None:
    """A click on the graph's marker comes from the browser: edit_actions.set_pick checks it before believing it."""
    edit_actions.set_pick(state, named(value(graph_key), "pick"))


def clicked_point(chart_key: str):
    """The customdata of the first point a click on a chart sent, as the browser sent it (the state checks it)."""
    points = named(value(chart_key), "click")
    return points[0].get("customdata") if isinstance(points, list) and points and isinstance(points[0], dict) else None


def uploaded_bytes(key: str) -> bytes | None:
    """What a file uploader holds, or None once the learner removed the file."""
    uploaded = st.session_state.get(key)  # a widget's: None until a file is chosen
    return None if uploaded is None else uploaded.getvalue()


def open_in_explorer(state: ExplorerState) -> None:
    """Make `state` this session's explorer and go there; the explorer then writes it into the link."""
    put(KEY, state)
    st.switch_page("pages/1_Network_explorer.py")


def consume_editor(key: str, apply) -> None:
    """Hand a data editor's pending edits to `apply`, then rerun so the table is rebuilt from state.

    Read after the editor is drawn rather than in on_change, so edits seeded through session
    state (as tests do) take the same path as edits typed in the browser.
    """
    edits = st.session_state.get(key)
    if edits and any(edits.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")):
        apply(edits)
        st.rerun()


def on_value(key: str, apply, *args):
    """A widget callback handing the new value to apply(*args, value).

    The key and args are bound when the widget is drawn: by the time a callback runs, page
    variables may have moved on and another callback may have bumped the state's version.
    """
    return lambda: apply(*args, value(key))
