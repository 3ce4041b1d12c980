"""The Streamlit side of the explorer's state: one ExplorerState per browser session, mirrored in the link."""
import streamlit as st

from backprop.i18n import _

from .language import link_params
from .link import link_of, state_from_link
from .message import Message
from .state import ExplorerState

KEY = "explorer"


def explorer_state() -> ExplorerState:
    """This session's state, created on first use from the link it was opened with. A link that
    cannot be read opens the seed network and says why, in one line."""
    if KEY not in st.session_state:
        try:
            state = state_from_link(st.query_params.to_dict())
        except ValueError as error:
            state = ExplorerState.from_preset("seed")
            state.message = Message("error", _("This link could not be opened: {error}. Showing the seed network.").format(
                error=error))
        st.session_state[KEY] = state
        st.session_state["preset_choice"] = state.preset  # the Preset menu shows where the network came from
    return st.session_state[KEY]


def write_link(state: ExplorerState) -> None:
    """Make the address bar hold the current state, so a reload or a shared link reproduces it."""
    params = link_of(state) | link_params()
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)


def show_message(state, place: str = "top") -> None:
    """Show the last action's message once, where it belongs: a message may name its place
    (training's appear by the loss curve, where the learner is looking)."""
    if state.message and state.message.place == place:
        level, text = state.message.level, state.message.text
        {"error": st.error, "warning": st.warning, "success": st.success}.get(level, st.info)(text)
        state.message = None


def on_pick(state, graph_key: str) -> None:
    """A click on the graph's marker comes from the browser: the state checks it before believing it."""
    state.set_pick(st.session_state[graph_key]["pick"])


def selected_point(chart_key: str):
    """The customdata of a chart selection's first point, as the browser sent it (the state checks it)."""
    selection = st.session_state[chart_key].get("selection", {})
    points = selection.get("points") if isinstance(selection, dict) else None
    return points[0].get("customdata") if isinstance(points, list) and points and isinstance(points[0], dict) else None


def uploaded_bytes(key: str) -> bytes | None:
    """What a file uploader holds, or None once the learner removed the file."""
    uploaded = st.session_state.get(key)
    return None if uploaded is None else uploaded.getvalue()


def open_in_explorer(state: ExplorerState) -> None:
    """Make `state` this session's explorer and go there; the explorer then writes it into the link."""
    st.session_state[KEY] = state
    st.session_state["preset_choice"] = state.preset
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
    return lambda: apply(*args, st.session_state[key])
