"""A softmax classifier on scikit-learn's bundled 8×8 handwritten digits: 64 → hidden → 10."""
import streamlit as st

from ui.concept_figures import probability_bars
from ui.datasets import digits
from ui.digit_figures import activation_bars, confusion_figure, image_grid, learning_curves
from ui.digits_state import HIDDEN_ACTIVATIONS, MAX_EPOCHS, MAX_HIDDEN, DigitsState
from ui.nav import sidebar_nav
from ui.session import show_message

st.set_page_config(page_title="Digits · Backprop Explorer", page_icon="✍️", layout="wide")
sidebar_nav()


@st.cache_data
def dataset():
    return digits(test_fraction=0.25, seed=0)  # bundled with scikit-learn: nothing is downloaded


data = dataset()
if "digits" not in st.session_state:
    st.session_state["digits"] = DigitsState()
    st.session_state["digits"].reset()
state: DigitsState = st.session_state["digits"]

st.title("A softmax classifier on handwritten digits")
st.markdown(f"{len(data.x_train)} training and {len(data.x_test)} test images of 8×8 pixels. The network is "
            r"64 inputs → a hidden layer → 10 softmax outputs, trained with cross-entropy, so the output "
            r"delta is simply $\delta = p - y$ (see the softmax page).")
show_message(state)

controls = st.columns(6)
hidden = controls[0].number_input("Hidden units", 1, MAX_HIDDEN, state.hidden, key="digits_hidden")
activation = controls[1].selectbox("Hidden activation", HIDDEN_ACTIVATIONS, index=HIDDEN_ACTIVATIONS.index(state.activation))
learning_rate = controls[2].number_input("Learning rate η", 0.0001, 10.0, state.learning_rate, format="%.4f")
state.batch_size = controls[3].number_input("Batch size", 1, len(data.x_train), state.batch_size)
epochs = controls[4].number_input("Epochs", 1, MAX_EPOCHS, 20)
seed = controls[5].number_input("Seed", 0, 10_000, state.seed)
state.set_learning_rate(learning_rate)
if (hidden, activation, seed) != (state.hidden, state.activation, state.seed):
    state.reset(hidden, activation, seed)  # a different network: start it afresh
buttons = st.columns([1, 1, 4])
train_clicked = buttons[0].button("Train", type="primary", width="stretch")
buttons[1].button("Reset weights", on_click=state.reset, width="stretch")
if train_clicked:
    bar = st.progress(0.0, text="Training…")
    for done in state.train_chunks(data, epochs):
        bar.progress(done, text=f"Training… {done:.0%}")
    st.rerun()

result = state.evaluation(data)
metrics = st.columns(4)
metrics[0].metric("Epochs trained", state.epochs)
metrics[1].metric("Test accuracy", f"{result.accuracy:.1%}")
metrics[2].metric("Test mistakes", result.mistakes)
metrics[3].metric("Time per epoch", f"{state.seconds_per_epoch * 1e3:.1f} ms" if state.seconds_per_epoch else "–")
if state.epochs:
    st.plotly_chart(learning_curves(state.history))

left, right = st.columns(2)
left.plotly_chart(confusion_figure(result.confusion))
weights = state.network.layers[0].weights[:16]
right.markdown("**First-layer weights as images**: what each of the first hidden units looks for "
               "(blue: ink here raises its input, orange: lowers it).")
right.plotly_chart(image_grid(weights, [f"h{k + 1}" for k in range(len(weights))], 4, diverging=True, height_per_row=95))

st.header("Test digits, mistakes first")
labels, predicted, probabilities = data.labels_test, result.predicted, result.probabilities
titles = [f"{'✗' if predicted[k] != labels[k] else '✓'} true {labels[k]}, said {predicted[k]} "
          f"({probabilities[k, predicted[k]]:.0%})" for k in result.gallery]
st.plotly_chart(image_grid(data.x_test[result.gallery], titles, 6))

st.header("One digit's forward pass")
choice = st.selectbox("Digit", list(result.gallery),
                      format_func=lambda k: f"test image {k}: true {labels[k]}, predicted {predicted[k]}")
trace, grads = state.one_digit(data, choice)
classes = [str(d) for d in range(10)]
columns = st.columns([1, 2, 2, 2])
columns[0].plotly_chart(image_grid(trace.x, ["input x"], 1, height_per_row=200))
columns[1].plotly_chart(activation_bars(trace.layers[0].a[0], f"hidden activations a ({state.activation})"))
columns[2].plotly_chart(probability_bars(classes, trace.output[0], "p = softmax(z)", highlight=int(labels[choice])))
columns[3].plotly_chart(probability_bars(classes, grads.layers[-1].delta[0], "output delta δ = p − y",
                                         highlight=int(labels[choice]), y_title="δ"))
