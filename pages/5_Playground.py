"""The playground: a 2-D dataset, a small classifier, and its decision boundary redrawn as it trains."""
import streamlit as st

from backprop.datasets import FEATURES
from backprop.i18n import N_, _, language, translated
from backprop.pointfile import MAX_BYTES, MAX_CLASSES, MAX_ROWS
from ui import guided, labels, session
from ui.cells import shown
from ui.charts import chart
from ui.concepts.digit_figures import confusion_figure, learning_curves
from ui.nav import page_config
from ui.playground import views
from ui.playground.figures import boundary_figure, boundary_image, units_figure
from ui.playground.state import ACTIVATIONS, MAX_HIDDEN_LAYERS, MAX_POINTS, MAX_UNITS, OWN, PlaygroundState
from ui.session import clicked_point, on_value, open_in_explorer, show_message, uploaded_bytes
from ui.stopping import stop_controls
from ui.tables import step_body

sidebar_top = page_config(N_("Playground"), "🎛️")
progress = guided.start("playground")
lesson_place = guided.slot(progress, sidebar_top)
state: PlaygroundState = session.kept("playground", lambda: PlaygroundState.opened_with("circle"))


def keyed(name: str, value) -> str:
    """A widget's key names the value it shows, so a change made elsewhere (a dataset's defaults) redraws it, and the
    language, since a menu's browser sends back the label it shows (ui/explorer/state.py's key says more)."""
    return f"pg_{name}_{value}_{language()}"


with st.sidebar:
    st.header(_("Data"))
    datasets = [name for name in labels.DATASETS if name != OWN or state.own is not None]
    st.selectbox(_("Dataset"), datasets, index=datasets.index(state.dataset), format_func=translated(labels.DATASETS),
                 key=(key := keyed("dataset", state.dataset)), on_change=on_value(key, state.set_dataset),
                 help=_("Each dataset opens with a network and settings that solve it."))
    own = state.dataset == OWN  # a learner's file has its own points and noise
    st.slider(_("Noise"), 0.0, 0.5, state.noise, 0.05, key=(key := keyed("noise", (state.dataset, state.noise))),
              on_change=on_value(key, state.set_noise), disabled=own)
    st.slider(_("Points"), 20, MAX_POINTS, min(state.points, MAX_POINTS), 10, disabled=own,
              key=(key := keyed("points", (state.dataset, state.points))), on_change=on_value(key, state.set_points))
    st.slider(_("Share held out for testing"), 0.1, 0.9, state.test_fraction, 0.05, format="%.2f",
              key=(key := keyed("test", state.test_fraction)), on_change=on_value(key, state.set_test_fraction))
    st.text_input(_("Seed (data and weights)"), str(state.seed), key=(key := keyed("seed", (state.seed, state.refusals))),
                  on_change=on_value(key, state.set_seed), help=_("A whole number from 0 to {limit}.").format(limit=10000))
    st.header(_("Network"))
    st.multiselect(_("Input features"), list(FEATURES), default=list(state.features), format_func=labels.FEATURES.get,
                   key=(key := keyed("features", (state.features, state.refusals))), on_change=on_value(key, state.set_features))
    st.text_input(_("Hidden layers (units each)"), ", ".join(map(str, state.hidden)),
                  key=(key := keyed("hidden", (state.hidden, state.refusals))), on_change=on_value(key, state.set_hidden_text),
                  help=_("Up to {layers} layers of 1 to {units} units, e.g. 8, 8. Empty: no hidden layer.").format(
                      layers=MAX_HIDDEN_LAYERS, units=MAX_UNITS))
    for layer, activation in enumerate(state.activations):
        st.selectbox(_("Activation of hidden layer {k}").format(k=layer + 1), ACTIVATIONS,
                     format_func=translated(labels.ACTIVATIONS), index=ACTIVATIONS.index(activation),
                     key=(key := keyed(f"act{layer}", (state.hidden, activation))),
                     on_change=on_value(key, state.set_activation, layer))
    st.caption(_("Output: one sigmoid with binary cross-entropy for two classes, softmax with cross-entropy for more."))
    st.text_input(_("Learning rate η"), shown(state.learning_rate), key=(key := keyed("lr", (state.learning_rate, state.refusals))),
                  on_change=on_value(key, state.set_learning_rate))
    st.text_input(_("Batch size"), str(state.batch_size), key=(key := keyed("batch", (state.batch_size, state.refusals))),
                  on_change=on_value(key, state.set_batch_size))
    stop_controls(state.stop, True, (keyed("stop", (state.stop, state.refusals)), keyed("threshold", (state.stop, state.refusals))),
                  state.set_stop)
    st.text_input(_("L2 penalty λ"), shown(state.l2), key=(key := keyed("l2", (state.l2, state.refusals))),
                  on_change=on_value(key, state.set_l2), help=_("Adds (λ/2)Σw² to the loss, so each ∂L/∂w gains λw. "
                                                                 "The losses shown are the data's, without it."))
    st.file_uploader(_("Your own data (CSV: x1, x2, label)"), type=["csv"], key=(key := keyed("upload", (state.own is None, state.refusals))),
                     on_change=lambda key=key: state.load_csv(uploaded_bytes(key)),
                     help=_("Two numeric columns and a whole-number label per row, a header optional; up to "
                            "{rows} rows, 2 to {classes} classes, {mb} MB.").format(
                         rows=MAX_ROWS, classes=MAX_CLASSES, mb=MAX_BYTES // 2**20))
    st.download_button("⬇ " + _("The data (CSV)"), lambda: views.csv(state), file_name=f"{state.dataset}.csv",
                       mime="text/csv", on_click="ignore", width="stretch")

st.title(_("Playground"))
buttons = st.columns([1.1, 1.6, 1.6, 4])
# Streamlit's browser can send a click twice, once in a tick of the fragment below: Pause and Play are two
# widgets, so a late copy of a Pause is never taken for Play, and the fragment redraws the page when it changed
buttons[0].button(_("Pause") if state.playing else _("Play"), on_click=state.set_playing, args=(not state.playing,),
                  type="primary", width="stretch", icon=":material/pause:" if state.playing else ":material/play_arrow:",
                  key="pg_pause" if state.playing else "pg_play")
buttons[1].button(_("Step (1 epoch)"), on_click=state.step, width="stretch", key="pg_step", disabled=state.playing)
buttons[2].button(_("Reset weights"), on_click=state.reset, width="stretch", key="pg_reset")
show_message(state)


@st.fragment(run_every=0.1 if state.playing else None)
def live():
    """While playing, each run trains about a tenth of a second and redraws the boundary and the numbers;
    the curves, the confusion matrix and the hidden units follow at every pause and step."""
    if state.playing:
        state.play_chunk()
    view, data = views.view(state), state.data
    figures = st.columns([3, 2])
    if state.playing:  # a picture swaps in at once; the chart, with hover and the test points, comes at a pause
        figures[0].image(boundary_image(view.boundary, state.extent, data.points, data.labels, data.classes), width=440,
                         output_format="JPEG",  # encoded in 1 ms where PNG took 15
                         caption=_("Training: the colour is the network's output over the plane (hover comes back "
                                    "when it stops)."))
    else:
        with figures[0]:
            chart(boundary_figure(view.boundary, state.extent, data.points, data.labels, data.classes, data.test),
                  key="pg_boundary", on_click=lambda: state.set_point(clicked_point("pg_boundary")))
    with figures[1]:
        with st.container(horizontal=True, wrap=True, gap="medium"):  # each number whole: a narrow screen wraps them
            st.metric(_("Epoch"), state.epoch, width="content")
            st.metric(_("Test accuracy"), f"{view.test_accuracy:.1%}", width="content")
            st.metric(_("Test loss"), f"{view.test_loss:.4f}", width="content",
                      help=_("Training loss {loss}").format(loss=f"{view.train_loss:.4f}"))
        if not state.playing:
            chart(confusion_figure(view.confusion), key="pg_confusion")
    if (state.playing, state.point) != drawn:
        st.rerun()  # play stopped (by itself, or a click this run took), or a point was clicked: the page changes


drawn = (state.playing, state.point)  # what the page outside the fragment shows
live()
if not state.playing:
    view = views.view(state)
    if state.epoch:
        chart(learning_curves(state.history), key="pg_curves")
    st.subheader(_("What each hidden unit computes"))
    if view.units:
        chart(units_figure(view.units, state.extent, state.sizes), key="pg_units")
    else:
        st.caption(_("No hidden layer: the output alone draws a straight boundary."))
    st.subheader(_("One point's forward and backward pass"))
    if (walk := views.point_walk(state)) is None:
        st.caption(_("Click a point on the plane (when paused) to see every number of its pass."))
    else:
        k, data = state.point, state.data
        where = _("test set") if k in set(data.test.tolist()) else _("training set")
        st.markdown(_("**Point {k}**: ({x1}, {x2}), class {label}, in the {where}. The network's inputs are its features "
                      "{features}, as x₁, x₂, … below.").format(
            k=k, x1=f"{data.points[k, 0]:.4g}", x2=f"{data.points[k, 1]:.4g}", label=data.labels[k], where=where,
            features=", ".join(labels.FEATURES[f] for f in state.features)))
        if st.button(_("Open in the explorer"), help=_("This network with this point as its one sample, in the network "
                                                       "explorer, step by step, with a link to share.")):
            open_in_explorer(views.explorer_state(state))
        for step in walk.steps:
            with st.expander(step.position):
                st.markdown(step_body(step, state.sizes))
        if lines := views.l2_lines(state):
            st.markdown(_("With the L2 penalty, each update uses ∂L/∂W + λW, where λW is") + "\n" +
                        "".join(f"$$\n{line}\n$$\n" for line in lines))

guided.panel(lesson_place, progress, "playground", guided.trained_scene("playground", state.hidden, state.epoch, state.history,
                                                                 state.dataset))
