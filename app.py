"""Backprop Explorer: the landing page. Run with `streamlit run app.py`."""
import streamlit as st

from backprop.i18n import N_, _

from ui.nav import PAGES, available_pages, page_config

page_config()
st.title(_("Backprop Explorer"))
st.markdown(_("See every number of backpropagation: step a small network forward and backward one layer "
              "at a time, with each equation's live numbers filled in, then edit a weight and watch the loss fall."))

st.header(_("Start here"))
st.markdown(_("""
1. **Step one pass.** Open the network explorer below. It shows a 4-3-3-1 network with one sample and its
   target. Press **Next ▶** (or the → key): layer by layer, each neuron's z and a fill in, and the equation
   under the graph shows the numbers that made them.
2. **Read the loss.** At step 4 the output ŷ meets the target y, and the loss L says how far apart they are.
3. **Go backward.** Keep pressing Next. The error δ travels from the output back to the first layer, and every
   weight's gradient ∂L/∂w = δ aᵀ appears on the edges.
4. **Take the step.** At the last step, press **Apply update**: every weight moves against its gradient and the
   loss falls. **Train** repeats that many times and draws the loss curve.
5. **Change something.** Click an edge's dot to edit its weight, give a layer a sigmoid, or try a larger η, and
   step through again.
"""))
st.page_link(PAGES[1][0], label="**" + _("Start: the network explorer") + "**", icon=PAGES[1][2])
st.page_link("pages/6_Lessons.py", label=_("**Or be guided**: ten lessons that give one task at a time and check it"),
             icon=":material/school:")

st.header(_("Then, one idea at a time"))
for (path, label, icon), what in zip(available_pages()[2:], (
        N_("why ∂L/∂W is Xᵀ times the upstream gradient, cell by cell"),
        N_("its Jacobian, why it overflows, and why it pairs with cross-entropy"),
        N_("a real classifier trained in seconds, with every digit's p − y"),
        N_("2-D datasets, your own network, and the decision boundary redrawn as it trains"))):
    st.page_link(path, label=_("**{page}**: {what}").format(page=_(label), what=_(what)), icon=icon)

st.header(_("For teachers"))
st.markdown(_("""
- **Share a state.** Build a network, step to where the lesson starts, and press **Copy link** beside the
  stepper. The link holds the network, the data, η and the step, so every student who opens it sees exactly that.
  The address bar always holds it too, so a reload keeps the work.
- **Present from a clicker.** → or PageDown steps forward, ← or PageUp steps back, Home starts the pass again.
- **Ask before you show.** Quiz mode (in the explorer's sidebar) asks for each step's number before it is shown,
  names a known mistake when an answer matches one, and keeps a score. **New network** draws numbers to work by
  hand; the link carries the quiz and its seed, so each row of the class can get its own.
- **Why it works or fails.** Under the loss curve: the loss along one weight with its tangent, a two-weight map,
  gradient norms per layer and how activations spread. The deep presets show vanishing and exploding gradients.
"""))
