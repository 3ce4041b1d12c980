"""The network explorer: step a network forward and backward, edit it, train it."""
import streamlit as st

from backprop import LOSSES, PRESETS
from backprop.explain import explain_markdown
from backprop.fileformat import dumps
from backprop.notebook import notebook_json, notebook_script
from backprop.i18n import N_, _, language, translated
from backprop.quiz import KINDS
from ui import guided, labels, session
from ui.live import actions as live
from ui.live.panels import teacher_bar
from ui.cells import MAX_SAMPLES, NUMBER_HELP, shown
from ui.charts import chart, formula
from ui.explorer import edit_actions, quiz, setup_actions, training_actions
from ui.explorer.figures import loss_curve
from ui.explorer.panels import why_training
from ui.explorer.state import SHOW_MODES
from ui.explorer.stepper import COMPACT_CSS, PROJECTOR_CSS, graph, page_updates, position_sync, stepper
from ui.limits import EXPLORER_MAX_HIDDEN, EXPLORER_MAX_UNITS, MAX_EPOCHS, MAX_SEED
from ui.nav import page_config
from ui.session import consume_editor, explorer_state, on_pick, on_value, show_message, write_link
from ui.stopping import CLASSIFIERS, stop_controls
from ui.tables import data_frame, data_markdown, gradient_table, gradient_verdict, layer_frame

sidebar_top = page_config(N_("Network explorer"), "🧠")
progress = guided.start("explorer")  # before the state: a lesson's link opens its own
lesson_place = guided.slot(progress, sidebar_top)
state = explorer_state()
if state.projector:  # the room sees the graph and the step; the presenter opens the sidebar with its arrow
    st.set_page_config(initial_sidebar_state="collapsed")
net = state.network
L = len(net.layers)

# ---------------------------------------------------------------- the picked weight or bias (sidebar, beside the graph)
with st.sidebar, st.container(border=True, key="pick_editor"):
    if state.pick is None:
        st.caption(_("Click a dot on an edge, or a neuron, to edit its weight or bias here."))
    elif state.pick.kind == "edge":  # the page computes an edit typed here at once (ui/page/loop.js), then the server
        layer, i, j = state.pick.layer, state.pick.i, state.pick.j
        edit_key, drawn = edit_actions.pick_key(state), shown(edit_actions.picked_value(state))
        st.text_input(labels.weight(layer, i, j, net.sizes), value=drawn, key=edit_key, help=_(NUMBER_HELP),
                      on_change=on_value(edit_key, edit_actions.if_typed(drawn, edit_actions.set_weight), state, layer, i, j))
    elif state.pick.layer > 0:  # a hidden or output neuron: its bias
        column, i = state.pick.layer, state.pick.i
        edit_key, drawn = edit_actions.pick_key(state), shown(edit_actions.picked_value(state))
        st.text_input(labels.bias(column - 1, i, net.sizes), value=drawn, key=edit_key, help=_(NUMBER_HELP),
                      on_change=on_value(edit_key, edit_actions.if_typed(drawn, edit_actions.set_bias), state, column - 1, i))
    else:
        st.info(_("{name} is an input: edit it in the data table.").format(name=labels.neuron(0, state.pick.i, net.sizes)))
    show_message(state, "pick")

# ---------------------------------------------------------------- setup (sidebar)
with st.sidebar:
    st.header(_("Display"))
    show_key = state.key("show", state.show)
    st.radio(_("Show on the graph"), list(SHOW_MODES), format_func=translated(SHOW_MODES), key=show_key,
             index=list(SHOW_MODES).index(state.show), on_change=on_value(show_key, state.set_show))
    projector_key = state.key("projector", state.projector)
    st.toggle(_("Projector mode"), value=state.projector, key=projector_key, on_change=on_value(projector_key, state.set_projector),
              help=_("Larger type, equations and graph, for the back of a classroom. Carried in the link."))
    st.header(_("Setup"))
    preset_key = state.key("preset", state.preset)  # the menu shows where the network came from
    st.selectbox(_("Preset"), list(PRESETS), index=list(PRESETS).index(state.preset), key=preset_key,
                 format_func=translated(labels.PRESETS))
    st.button(_("Load preset"), on_click=on_value(preset_key, setup_actions.load_preset, state), width="stretch")
    if (changed := setup_actions.changed_since_preset(state)) is not None:
        st.caption(_("Changed since the preset: now {network}.").format(network=changed))
    st.text_input(_("Neurons per layer (input, hidden…, output)"), value=", ".join(map(str, net.sizes)),
                  key=(sizes_key := state.key("sizes", net.sizes)), help=_(
                      "Up to {layers} hidden layers of {units} neurons. New sizes draw new weights from the seed below."
                  ).format(layers=EXPLORER_MAX_HIDDEN, units=EXPLORER_MAX_UNITS),
                  on_change=on_value(sizes_key, setup_actions.set_sizes_text, state))
    loss_key = state.key("loss", net.loss)
    st.selectbox(_("Loss"), list(LOSSES), index=list(LOSSES).index(net.loss), key=loss_key,
                 format_func=translated({name: loss.title for name, loss in LOSSES.items()}), help=labels.code_names(LOSSES),
                 on_change=on_value(loss_key, setup_actions.set_loss, state))
    formula(LOSSES[net.loss].latex, key="loss_formula")
    for layer in range(L):
        allowed = setup_actions.allowed_activations(state, layer)
        key = state.key(f"act{layer}", net.layers[layer].activation, allowed)
        st.selectbox(_("Activation of the {layer}").format(layer=net.layer_name(layer)), allowed,
                     format_func=translated(labels.ACTIVATIONS),
                     index=allowed.index(net.layers[layer].activation), key=key, help=labels.code_names(allowed),
                     on_change=on_value(key, setup_actions.set_activation, state, layer))
    biases_key = state.key("biases", net.train_biases)
    st.checkbox(_("Update biases"), value=net.train_biases, key=biases_key,
                on_change=on_value(biases_key, setup_actions.set_train_biases, state))
    lr_key = state.key("lr", state.learning_rate)
    st.text_input(_("Learning rate η"), value=shown(state.learning_rate), key=lr_key, help=_(NUMBER_HELP),
                  on_change=on_value(lr_key, edit_actions.set_learning_rate, state))
    st.text_input(_("Seed for new weights"), value=str(state.init_seed), key=state.key("seed", state.init_seed),
                  help=_("A whole number from 0 to {limit}: the same seed draws the same weights.").format(limit=MAX_SEED))
    st.button(_("Re-initialise weights"), width="stretch",
              on_click=on_value(state.key("seed", state.init_seed), setup_actions.reinitialise, state))
    show_message(state, "setup")
    st.header(_("Quiz"))
    quiz_key = state.key("quiz", state.quiz)
    st.toggle(_("Quiz mode: predict each number first"), value=state.quiz, key=quiz_key,
              on_change=on_value(quiz_key, quiz.set_quiz, state), help=_("Before each step shows its numbers, you "
              "predict one of them. Carried in the link, so a teacher's link opens in quiz mode."))
    if state.quiz:
        kinds_key = state.key("kinds", state.quiz_kinds)
        st.multiselect(_("Ask for"), list(KINDS), default=list(state.quiz_kinds), format_func=translated(KINDS),
                       key=kinds_key,
                       on_change=on_value(kinds_key, quiz.set_kinds, state))
        st.button(_("New network"), on_click=quiz.new_network, args=(state,), width="stretch",
                  help=_("Draws new weights and a new sample from a fresh seed, in numbers you can work by hand. The "
                         "seed is in the link: send each row of the class its own."))
        if state.draw_seed is not None:
            st.caption(_("Drawn with seed {seed}.").format(seed=state.draw_seed))
        if session.get("live_teacher") is None:
            st.button(_("Start a live class"), on_click=live.start_class, args=(state,), width="stretch",
                      help=_("Students join from their phones with a code; each question of the pass goes to all of "
                             "them, and the screen shows what the class answered when you reveal it."))

# ---------------------------------------------------------------- stepper
# no page title: the sidebar and the tab name the page, and the stepper, the graph and the step's first
# equation need the whole height of a 1366×768 screen
show_message(state)


@st.fragment
def position(token: str):
    """The position's sync and the link: a Prev or Next in the browser reruns only this."""
    position_sync(state, token)
    write_link(state)


def stepping():
    """The stepper, the graph and its steps. In the browser, Prev/Next switch steps and Apply update computes the
    next pass without waiting for the server; everything else here (a pick, a new sample, a quiz's answer)
    changes the page below too, so it reruns the whole page, in one run."""
    token = state.drawn_from()
    st.html(COMPACT_CSS + (PROJECTOR_CSS if state.projector else ""))
    stepper(state, token)
    page_updates(state, token)
    if len(state.inputs) > 1:
        sample_key = state.key("sample", state.sample, state.inputs, state.targets)
        st.selectbox(_("Sample shown in the equations and on the graph"), range(len(state.inputs)), index=state.sample,
                     format_func={k: labels.sample_choice(k, state.inputs[k], state.targets[k])
                                  for k in range(len(state.inputs))}.__getitem__,
                     key=sample_key, on_change=on_value(sample_key, state.set_sample))

    graph(state, token, on_pick=lambda key: on_pick(state, key))
    position(token)


if session.get("live_teacher") is not None:
    teacher_bar(state)
stepping()

# ---------------------------------------------------------------- editing
st.header(_("Edit"))

# drawn only on demand: each table is a data grid, and a run would otherwise build them all
if st.toggle(_("Edit whole layers as tables"), key="layer_tables"):
    for layer in range(L):
        key = state.layer_key(layer)
        st.markdown(_("**{layer}**: rows are its neurons, columns its inputs and bias b").format(
            layer=net.layer_name(layer).capitalize()))
        st.data_editor(layer_frame(net, layer), key=key)
        consume_editor(key, lambda edits, layer=layer: edit_actions.edit_layer(state, layer, edits["edited_rows"]))
show_message(state, "layers")  # under the tables, which stay where the learner's pointer is

st.markdown(_("**Data**: inputs x and targets y, one row per sample"))
# the grid's code is the heaviest on the page after Plotly: loaded only once the learner asks to edit
if st.toggle(_("Edit the data (change values, add or delete samples)"), key="data_table"):
    data_key = state.data_key()
    st.data_editor(data_frame(state.inputs, state.targets, net.sizes), key=data_key, num_rows="dynamic",
                   hide_index=True)
    consume_editor(data_key, lambda edits: edit_actions.edit_data(state, edits))
else:
    st.markdown(data_markdown(state.inputs, state.targets, net.sizes))
show_message(state, "data")  # under the grid: a message above it pushed it down between two clicks

# ---------------------------------------------------------------- training
st.header(_("Train"))
controls = st.columns([1, 1, 1, 1])
controls[0].text_input(_("Epochs"), value=str(training_actions.DEFAULT_EPOCHS), key=(epochs_key := training_actions.epochs_key(state)),
                       help=_("A whole number from 1 to {limit}.").format(limit=MAX_EPOCHS))
batch_key = training_actions.batch_key(state)
controls[1].text_input(_("Batch size (0 = all samples)"), value=str(state.batch_size or 0), key=batch_key,
                       help=_("A whole number from 0 to {limit}.").format(limit=MAX_SAMPLES))
log_scale = controls[2].toggle(_("Log scale"), value=False, key="log_scale")
# a full-batch run the page trains itself, live, and the server replays (ui/page/loop.js); else a short run trains
# in the click's callback, so one page run shows it, and a long one trains below with progress
controls[3].button(_("Train"), type="primary", width="stretch", key=training_actions.TRAIN_KEY,
                   on_click=lambda: session.put("train_pending", training_actions.train_clicked(
                       state, session.value(epochs_key), session.value(batch_key))))
stop_controls(state.stop, net.loss in CLASSIFIERS, (state.key("stop", state.stop, state.refusals),
                                                   state.key("threshold", state.stop, state.refusals)),
              lambda kind, text: training_actions.set_stop(state, kind, text), st.columns([2, 1, 1])[:2])
curve = st.empty()


def draw_history(key: str | None = "loss_curve"):
    hidden = state.unlocked < state.loss_position  # the quiz still asks for the current loss
    history = state.history[:-1] if hidden else state.history
    with curve:
        chart(loss_curve([h.epoch for h in history], [h.loss for h in history], [h.event for h in history], log_scale,
                         labels.loss_name(state.network.loss)), key=key)


if epochs := session.pop("train_pending"):
    bar = st.progress(0.0, text=_("Training…"))
    st.button(_("Stop training"), help=_("Keeps every epoch trained so far"))  # its click ends this run
    for done in training_actions.train_chunks(state, epochs):
        bar.progress(done, text=_("Training… {done}").format(done=f"{done:.0%}"))
        draw_history(key=None)  # the curve grows as the epochs come in
    st.rerun()
show_message(state, "train")
draw_history()


st.header(_("Why training works or fails"))
if state.quiz:  # the panels and the gradient check show the numbers the quiz asks for
    st.info(_("Hidden in quiz mode, with the gradient check: they show the numbers the quiz asks for."))
else:
    st.caption(_("The deep presets show the classic failures: Deep sigmoid (vanishing gradients), Deep ReLU, and "
                 "Deep ReLU with weights too large (exploding gradients, dead units)."))
    why_training(state)
    with st.expander(_("Gradient check: every analytic gradient against central differences"), key="check_panel"):
        if st.button(_("Check gradients")):
            check = training_actions.gradient_check(state)
            if check is not None:
                verdict = gradient_verdict(check)
                {"success": st.success, "warning": st.warning}.get(verdict.level, st.error)(verdict.text)
                st.dataframe(gradient_table(check, net.sizes), hide_index=True)
            show_message(state, "check")

with st.expander(_("Files: download or upload a network; download the worked example, or a notebook of it in numpy"), key="files_panel"):
    files = st.columns(2)
    # callables: the files are written only when a download is asked for, not on every click. They run outside the
    # page's run, where the session cannot be read: what they need is read here, the language included
    inputs, targets, rate, spoken = state.inputs, state.targets, state.learning_rate, language()
    batch_size, position, sample = state.batch_size, state.position, state.sample
    files[0].download_button("⬇ " + _("Network, data and step (JSON)"), lambda: dumps(
                             net, inputs=inputs, targets=targets, learning_rate=rate, batch_size=batch_size,
                             position=position), file_name="network.json", mime="application/json", on_click="ignore")
    files[1].download_button("⬇ " + _("Worked example (Markdown)"), lambda: explain_markdown(
                             net, inputs, targets, rate, sample, language=spoken),
                             file_name="worked-example.md", mime="text/markdown", on_click="ignore")
    # the pass, Train's run (its epochs as the field says now) and PyTorch's check, in numpy
    code_files, training = st.columns(2), training_actions.notebook_training(state, session.value(epochs_key))
    code_files[0].download_button("⬇ " + _("Notebook: this pass and Train in numpy (Jupyter)"), lambda: notebook_json(
                                  net, inputs, targets, rate, training, spoken),
                                  file_name="backprop.ipynb", mime="application/x-ipynb+json", on_click="ignore")
    code_files[1].download_button("⬇ " + _("The same as a Python script"), lambda: notebook_script(
                                  net, inputs, targets, rate, training, spoken),
                                  file_name="backprop.py", mime="text/x-python", on_click="ignore")
    st.page_link("pages/7_Handouts.py", label=_("Print this worked example, with its graph at every step, or quiz "
                                               "worksheets"), icon=":material/print:")
    show_message(state, "files")  # above the uploader, where the learner is looking
    upload_key = state.key("upload", state.version)  # a fresh uploader after every change
    st.file_uploader(_("Upload a network file (JSON)"), type=["json"], key=upload_key,
                     on_change=on_value(upload_key, setup_actions.load_upload, state))

guided.panel(lesson_place, progress, "explorer", guided.explorer_scene(state))  # last: the page has taken in the browser's work
