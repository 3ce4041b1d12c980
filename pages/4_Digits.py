"""A softmax classifier on scikit-learn's bundled 8×8 handwritten digits: 64 → hidden → 10."""
import streamlit as st

from backprop.code import digits_code, digits_printed
from backprop.i18n import N_, _, translated

from ui import guided, labels, session
from ui.cells import NUMBER_HELP, shown
from ui.charts import chart
from ui.concepts.datasets import SPLIT_SEED, TEST_FRACTION, digits
from ui.concepts.digit_figures import activation_bars, confusion_figure, image_grid, learning_curves
from ui.concepts.digits_state import HIDDEN_ACTIVATIONS, MAX_EPOCHS, MAX_HIDDEN, DigitsState
from ui.concepts.figures import probability_bars
from ui.nav import page_config
from ui.session import on_value, show_message

sidebar_top = page_config(N_("Digits"), "✍️")


@st.cache_data
def dataset():
    return digits()  # bundled with scikit-learn: nothing is downloaded


data = dataset()
progress = guided.start("digits")
lesson_place = guided.slot(progress, sidebar_top)
state: DigitsState = session.kept("digits", DigitsState.untrained)

st.title(_("A softmax classifier on handwritten digits"))
st.markdown(_("{train} training and {test} test images of 8×8 pixels. The network is 64 inputs → a hidden layer → "
              "10 softmax outputs, trained with cross-entropy, so the output delta is simply $\\delta = p - y$ (see "
              "the softmax page).").format(train=len(data.x_train), test=len(data.x_test)))

controls = st.columns(6)
# text fields, each keyed by the value it shows: the core reads what was typed (1e-3, 1,5)
hidden = controls[0].slider(_("Hidden units"), 1, MAX_HIDDEN, state.hidden, key="digits_hidden")
activation = controls[1].selectbox(_("Hidden activation"), HIDDEN_ACTIVATIONS, index=HIDDEN_ACTIVATIONS.index(state.activation),
                                   format_func=translated(labels.ACTIVATIONS))
lr_key, batch_key, seed_key, epochs_key = (f"digits_{name}_{value}_{state.refusals}" for name, value in (
    ("lr", state.learning_rate), ("batch", state.batch_size), ("seed", state.seed), ("epochs", "")))
controls[2].text_input(_("Learning rate η"), shown(state.learning_rate), key=lr_key, help=_(NUMBER_HELP),
                       on_change=on_value(lr_key, state.set_learning_rate))
controls[3].text_input(_("Batch size"), str(state.batch_size), key=batch_key,
                       help=_("A whole number from 1 to {limit}.").format(limit=len(data.x_train)),
                       on_change=on_value(batch_key, state.set_batch_size, len(data.x_train)))
controls[4].text_input(_("Epochs"), "20", key=epochs_key, help=_("A whole number from 1 to {limit}.").format(
    limit=MAX_EPOCHS))
controls[5].text_input(_("Seed"), str(state.seed), key=seed_key, help=_("0 to 10000: the same seed, the same weights"),
                       on_change=on_value(seed_key, state.set_seed))
if (hidden, activation) != (state.hidden, state.activation):
    state.reset(hidden, activation)  # a different network: start it afresh
buttons = st.columns([1, 1, 4])
# the Epochs field is read in the click's callback, so a refused one is redrawn showing what Train would use
buttons[0].button(_("Train"), type="primary", width="stretch", on_click=lambda: session.put(
    "digits_pending", state.epochs_to_train(session.value(epochs_key))))
buttons[1].button(_("Reset weights"), on_click=state.reset, width="stretch")
if epochs := session.pop("digits_pending"):
    bar = st.progress(0.0, text=_("Training…"))
    for done in state.train_chunks(data, epochs):
        bar.progress(done, text=_("Training… {done}").format(done=f"{done:.0%}"))
    st.rerun()
show_message(state)  # under the controls it answers

result = state.evaluation(data)
metrics = st.columns(4)
metrics[0].metric(_("Epochs trained"), state.epochs)
metrics[1].metric(_("Test accuracy"), f"{result.accuracy:.1%}")
metrics[2].metric(_("Test mistakes"), result.mistakes)
metrics[3].metric(_("Time per epoch"), f"{state.seconds_per_epoch * 1e3:.1f} ms" if state.seconds_per_epoch else "–")
if state.epochs:
    chart(learning_curves(state.history), key="digits_chart_curves")
with st.expander(_("The same training in numpy"), key="digits_numpy"):
    st.code(digits_code(state.hidden, state.activation, state.learning_rate, state.batch_size, state.seed,
                        state.epochs or 20, TEST_FRACTION, SPLIT_SEED), language="python")
    if state.replayable:
        st.caption(_("It prints the test accuracy after each epoch, the curve above:"))
        st.code(digits_printed(state.history["test_accuracy"]), language="text")
    elif state.epochs:
        st.caption(_("These epochs were trained with more than one η or batch size; the program uses today's, so "
                     "its numbers differ from the curve. Reset the weights to train with one."))
    else:
        st.caption(_("Train, and the program will train the same epochs and print the same test accuracies."))

left, right = st.columns(2)
with left:
    chart(confusion_figure(result.confusion), key="digits_chart_confusion")
weights = state.network.layers[0].weights[:16]
right.markdown(_("**First-layer weights as images**: what each of the first hidden units looks for "
                 "(blue: ink here raises its input, orange: lowers it)."))
with right:
    chart(image_grid(weights, [f"h{k + 1}" for k in range(len(weights))], 4, diverging=True, height_per_row=95),
          key="digits_chart_weights")

st.header(_("Test digits, mistakes first"))
digit_labels, predicted, probabilities = data.labels_test, result.predicted, result.probabilities
titles = [_("{mark} true {true}, said {said} ({p})").format(mark="✗" if predicted[k] != digit_labels[k] else "✓", true=digit_labels[k],
                                                            said=predicted[k], p=f"{probabilities[k, predicted[k]]:.0%}")
          for k in result.gallery]
chart(image_grid(data.x_test[result.gallery], titles, 6), key="digits_chart_gallery")

st.header(_("One digit's forward pass"))
choice = st.selectbox(_("Digit"), list(result.gallery), format_func={k: _(
    "test image {k}: true {true}, predicted {said}").format(k=k, true=digit_labels[k], said=predicted[k])
    for k in result.gallery}.__getitem__)
trace, grads = state.one_digit(data, choice)
classes = [str(d) for d in range(10)]
columns = st.columns([1, 2, 2, 2])
with columns[0]:
    chart(image_grid(trace.x, [_("input x")], 1, height_per_row=200), key="digits_chart_input")
with columns[1]:
    chart(activation_bars(trace.layers[0].a[0], _("hidden activations a ({activation})").format(
        activation=_(labels.ACTIVATIONS[state.activation]))), key="digits_chart_activations")
with columns[2]:
    chart(probability_bars(classes, trace.output[0], "p = softmax(z)", highlight=int(digit_labels[choice])),
          key="digits_chart_output")
with columns[3]:
    chart(probability_bars(classes, grads.layers[-1].delta[0], _("output delta δ = p − y"),
                           highlight=int(digit_labels[choice]), y_title="δ"), key="digits_chart_delta")

guided.panel(lesson_place, progress, "digits", guided.trained_scene("digits", (state.hidden,), state.epochs, state.history))
