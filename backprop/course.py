"""The guided lessons. Each opens a page in a known state, states its goal, and hands the learner tasks they do with
the page's own controls; each task is checked with the app's numbers (backprop.checks). A lesson ends with a question.
"""
from typing import Callable, NamedTuple

from . import checks
from .checks import Ask, Result, Scene
from .i18n import N_
from .network import Place


class Task(NamedTuple):
    text: str                                        # what to do: Markdown, untranslated
    check: Callable[[Scene], Result] | None = None   # a task done with the controls
    ask: Callable[[Scene], Ask | None] | None = None  # a number to type


class Choice(NamedTuple):
    text: str
    right: bool
    why: str      # said once it is picked


class Question(NamedTuple):
    prompt: str
    choices: tuple[Choice, ...]


class Lesson(NamedTuple):
    key: str
    title: str
    goal: str
    page: str                 # the page it runs on, as backprop.checks.Scene names it
    link: dict[str, str]      # what the explorer's link opens (empty elsewhere: the page's own start)
    minutes: int              # about how long it takes a class
    tasks: tuple[Task, ...]
    question: Question


FORWARD = Lesson(
    "forward", N_("A forward pass by hand"),
    N_("Compute what the 4-3-3-1 network of the first question outputs, one neuron at a time, and check each sum "
       "against the step."), "explorer", {"preset": "seed", "show": "a"}, 6,
    (Task(N_("Before you step: the first hidden neuron adds each input times its weight, plus its bias. Hover the "
             "dots on the edges into h¹₁ to read its weights and bias (or click one), take the inputs x from the "
             "left, and type z⁽¹⁾₁."),
          ask=checks.from_pass("z", Place.neuron(1, 0))),
     Task(N_("Press **Next ▶** once. Step 1 shows z⁽¹⁾ with the numbers that made it: compare."), checks.at_step(1)),
     Task(N_("The second layer takes a⁽¹⁾ (here a = z: the activation is the identity). Type z⁽²⁾₁."),
          ask=checks.from_pass("z", Place.neuron(2, 0))),
     Task(N_("Step on to step 3: the output ŷ. The forward pass is such a sum for every neuron, layer by layer."),
          checks.at_step(3))),
    Question(N_("What does neuron i of layer l compute?"), (
        Choice(r"$a_i = f\big(\sum_j w_{ij} a_j + b_i\big)$", True, N_("Yes: a weighted sum plus the bias, then the "
                                                                       "activation.")),
        Choice(r"$a_i = \sum_j f(w_{ij} a_j) + b_i$", False, N_("f is applied once, to the whole sum z, not to each "
                                                                "product.")),
        Choice(r"$a_i = f\big(\sum_j w_{ij} a_j\big) + b_i$", False, N_("The bias goes inside f: it shifts z.")))))

LOSS = Lesson(
    "loss", N_("The loss and ∂L/∂ŷ"),
    N_("Measure how far ŷ is from y, and find which way to move ŷ: the first number of the backward pass."),
    "explorer", {"preset": "seed", "step": "3"}, 5,
    (Task(N_("The page opens at step 3, with ŷ on the output neuron and y in the data table. Before you step: type "
             "the loss L, the mean squared error over the one output."), ask=checks.from_pass("loss", Place("loss"))),
     Task(N_("Differentiate L = (1/NK) Σ (ŷ − y)² with respect to ŷ and type ∂L/∂ŷ."),
          ask=checks.from_pass("grad_output", Place.neuron(3, 0))),
     Task(N_("Step to step 5 (Backward 1): both numbers are in its equations."), checks.at_step(5))),
    Question(N_("Here ŷ is above y. Which way does one step of gradient descent move ŷ?"), (
        Choice(N_("Down, towards y: ∂L/∂ŷ is positive, and the step goes against it."), True,
               N_("Yes: ∂L/∂ŷ = 2(ŷ − y)/(NK) has the sign of ŷ − y.")),
        Choice(N_("Up: the step follows the gradient."), False, N_("The step goes against the gradient: w − η ∂L/∂w.")),
        Choice(N_("It cannot tell: the loss is a square."), False, N_("The square has a slope everywhere but at ŷ = "
                                                                      "y; its sign says which way.")))))

DELTA = Lesson(
    "delta", N_("δ travels back through a layer"),
    N_("Carry the output's δ back to the hidden layer of Mazur's 2-2-2 network: through Wᵀ, then times σ′(z)."),
    "explorer", {"preset": "mazur", "step": "4"}, 6,
    (Task(N_("The page opens at Backward 1 with δ⁽²⁾ on the output neurons. Before you step: type δ⁽¹⁾₁ = (Σₖ w⁽²⁾ₖ₁ "
             "δ⁽²⁾ₖ) · σ′(z⁽¹⁾₁), where σ′(z) = a(1 − a)."), ask=checks.from_pass("delta", Place.neuron(1, 0))),
     Task(N_("Press **Next ▶**: step 5 shows δ⁽¹⁾ and the line that computes it."), checks.at_step(5)),
     Task(N_("A weight's gradient is the δ of the neuron it feeds times its input: type ∂L/∂w⁽¹⁾₁₁ = δ⁽¹⁾₁ · x₁."),
          ask=checks.from_pass("grad_weight", Place.edge(0, 0, 0)))),
    Question(N_("Which is the rule for δ of a hidden layer?"), (
        Choice(r"$\delta^{(l)} = \big(W^{(l+1)\top} \delta^{(l+1)}\big) \odot f'(z^{(l)})$", True,
               N_("Yes: each neuron collects the δ of the neurons it feeds, through the same weights, then its own "
                  "slope.")),
        Choice(r"$\delta^{(l)} = \big(W^{(l+1)} \delta^{(l+1)}\big) \odot f'(z^{(l)})$", False,
               N_("W maps layer l to l + 1; going back takes Wᵀ. For a square W both compute, and give different "
                  "numbers.")),
        Choice(r"$\delta^{(l)} = W^{(l+1)\top} \delta^{(l+1)}$", False,
               N_("That is ∂L/∂a. δ is ∂L/∂z: it needs the slope f′(z) too.")))))

SHAPES = Lesson(
    "shapes", N_("The matrix-product rule and its shapes"),
    N_("See why ∂L/∂W = XᵀG: each gradient has the shape of what it is the gradient of."), "matmul", {}, 5,
    (Task(N_("With the three menus, make X 2 × 3 and W 3 × 4: n = 2, m = 3, p = 4."), checks.shapes(2, 3, 4)),
     Task(N_("How many numbers does ∂L/∂W hold? Type it."), ask=checks.grad_w_size),
     Task(N_("W₁₁ meets every row of X in column 1 of Y. Type (∂L/∂W)₁₁ from the tables X and G."),
          ask=checks.grad_w_entry)),
    Question(N_("Y = XW with X of n × m and W of m × p, and G = ∂L/∂Y. Which is ∂L/∂W?"), (
        Choice("$X^\\top G$", True, N_("Yes: (m × n)(n × p) is m × p, the shape of W.")),
        Choice("$G W^\\top$", False, N_("That is ∂L/∂X, of shape n × m.")),
        Choice("$G X^\\top$", False, N_("(n × p)(m × n) does not even multiply unless p = m.")))))

SGD = Lesson(
    "sgd", N_("One SGD step and the loss after it"),
    N_("Move a weight against its gradient by hand, apply the step to all of them, and see the loss fall."),
    "explorer", {"preset": "seed", "step": "7"}, 5,
    (Task(N_("The page opens at step 7 with every ∂L/∂W. Type the new w⁽¹⁾₁₁ = w − η ∂L/∂w (η is in the sidebar)."),
          ask=checks.from_pass("new_weight", Place.edge(0, 0, 0))),
     Task(N_("Step to step 8 and press **Apply update**."), checks.updated),
     Task(N_("The pass starts again with the new weights. Step to the loss, or work it out, and type the loss now."),
          ask=checks.loss_now)),
    Question(N_("Why does the loss fall after the step?"), (
        Choice(N_("For a small enough η, L(w − η g) ≈ L(w) − η‖g‖², which is less than L(w)."), True,
               N_("Yes: to first order the change is −η times the squared length of the gradient.")),
        Choice(N_("Every weight moved closer to its best value."), False,
               N_("Not each weight: the step follows the steepest way down for all of them together.")),
        Choice(N_("It always falls, whatever η."), False, N_("The next lesson makes it rise.")))))

RATE = Lesson(
    "rate", N_("A learning rate too large"),
    N_("Make the steps overshoot, watch the loss climb, then train with a safe η."), "explorer", {"preset": "seed"}, 5,
    (Task(N_("Set the learning rate η in the sidebar to 0.05, ten times the preset's."), checks.rate_at_least(0.05)),
     Task(N_("Press **Train**. The loss climbs until training stops itself: read its message and the loss curve."),
          checks.loss_rose),
     Task(N_("Press **Load preset**: the seed's weights, and η = 0.005. Train again."), checks.loss_fell(0.5, 0.02))),
    Question(N_("Why does the loss grow at η = 0.05?"), (
        Choice(N_("Each step overshoots the minimum and lands further away than it started."), True,
               N_("Yes: along a curvature c, a step of η multiplies the error by 1 − ηc, larger than 1 in size once η "
                  "> 2/c.")),
        Choice(N_("The gradient is computed wrongly at large η."), False,
               N_("The gradient does not depend on η: only the step's length does.")),
        Choice(N_("The network has too few neurons."), False, N_("The same network trains with η = 0.005.")))))

VANISHING = Lesson(
    "vanishing", N_("Vanishing gradients with sigmoids"),
    N_("See δ shrink layer by layer through four sigmoid layers, and fix it with ReLU."), "explorer",
    {"preset": "deep_sigmoid", "show": "delta"}, 6,
    (Task(N_("Step to step 11, the last backward step: δ of hidden layer 1. Compare its numbers on the graph with the "
             "output layer's."),
          checks.at_step(11)),
     Task(N_("Each sigmoid layer multiplies δ by σ′(z) on the way back. Type its largest value, σ′(0)."),
          ask=checks.sigmoid_slope_at_0),
     Task(N_("Load the preset **Deep ReLU** (the same network with ReLU units), or set every hidden layer to ReLU."),
          checks.hidden_not("sigmoid")),
     Task(N_("Set Epochs to 200 and press **Train**: the loss falls now."), checks.loss_fell(0.3))),
    Question(N_("Why does the first layer of the sigmoid network hardly learn?"), (
        Choice(N_("δ is multiplied by σ′(z) ≤ 0.25 at every layer on the way back, so four layers shrink it 256-fold "
                  "or more."), True, N_("Yes: a ReLU's slope is 1 where it is active, so δ keeps its size.")),
        Choice(N_("Its weights are too small to matter."), False,
               N_("The weights are Xavier's, sized for the layer; it is the slopes that shrink δ.")),
        Choice(N_("The learning rate is too small for the first layer only."), False,
               N_("Every layer has the same η; its gradient is what is small.")))))

SOFTMAX = Lesson(
    "softmax", N_("Softmax with cross-entropy, and the Jacobian mistake"),
    N_("Compute p and ∂L/∂z for the logits 1, 2, 3 with class 3 true, and see what the seed's Jacobian gets wrong."),
    "softmax", {}, 6,
    (Task(N_("Type the probability the softmax gives the true class, p₃."), ask=checks.target_probability),
     Task(N_("Type ∂L/∂z₁ for L = −log p₃."), ask=checks.first_logit_gradient),
     Task(N_("Push **Add to every logit** up until exp(z)/Σexp(z) overflows; the stable softmax does not."),
          checks.naive_overflows)),
    Question(N_("Why may the explorer compute the output's δ as p − y?"), (
        Choice(N_("Jᵀ ∂L/∂p equals p − y whenever each target row sums to 1, and needs no division by p."), True,
               N_("Yes. Where a row sums to something else, it is p Σⱼyⱼ − y.")),
        Choice(N_("p − y is an approximation, close enough for training."), False,
               N_("It is exact, under its condition: the rows of y sum to 1.")),
        Choice(N_("The softmax's Jacobian is diagonal."), False, N_("It is diag(s) − s sᵀ: every entry is non-zero.")))))

BOUNDARY = Lesson(
    "boundary", N_("A boundary on the Playground"),
    N_("Find out why XOR needs a hidden layer, by training without one and with one."), "playground", {}, 6,
    (Task(N_("Choose the dataset **XOR**."), checks.dataset_is("xor")),
     Task(N_("Empty the **Hidden layers** field (no hidden layer), then Play for a few seconds and pause: the "
             "boundary stays a straight line."), checks.trained_without_hidden(50)),
     Task(N_("Type 4 in **Hidden layers** and Play until the test accuracy passes 90 %."),
          checks.accuracy_at_least(0.9))),
    Question(N_("Why can no network without a hidden layer separate XOR?"), (
        Choice(N_("Its boundary σ(w·x + b) = ½ is a straight line, and no line puts each diagonal pair on its own side."),
               True, N_("Yes: a hidden layer bends the boundary, by combining several lines.")),
        Choice(N_("It would need more epochs."), False, N_("More epochs move the line; it stays a line.")),
        Choice(N_("Its learning rate is too small."), False, N_("No η turns a line into a curve.")))))

DIGITS = Lesson(
    "digits", N_("The digits"),
    N_("Train a real classifier in seconds, and see what its hidden layer's size does."), "digits", {}, 5,
    (Task(N_("Press **Train** (20 epochs) until the test accuracy is at least 90 %."), checks.accuracy_at_least(0.9)),
     Task(N_("Set **Hidden units** to 2 and Train again: ten digits through two numbers."),
          checks.hidden_at_most(2, 10)),
     Task(N_("Give it 32 hidden units again and train until the test accuracy reaches 95 %."),
          checks.accuracy_at_least(0.95, 16))),
    Question(N_("A digit's label is 7. With softmax and cross-entropy, what is δ of output 7?"), (
        Choice("$p_7 - 1$", True, N_("Yes: δ = p − y, and y₇ = 1. It is negative: z₇ should rise.")),
        Choice("$p_7$", False, N_("That is δ of an output whose label is not 7: p − 0.")),
        Choice("$-1/p_7$", False, N_("That is ∂L/∂p₇, before the softmax; through its Jacobian it becomes p₇ − 1.")))))

LESSONS = {lesson.key: lesson for lesson in (FORWARD, LOSS, DELTA, SHAPES, SGD, RATE, VANISHING, SOFTMAX, BOUNDARY,
                                             DIGITS)}


def check(task: Task, scene: Scene, answer: float | None = None) -> Result:
    """A task's verdict: its check of the scene, or the typed answer judged against the app's number."""
    if task.check is not None:
        return task.check(scene)
    if answer is None:
        return Result(False, N_("Type a number first."))
    if (ask := task.ask(scene)) is None:
        return Result(False, N_("This network has no such number: open the lesson again from its link."))
    return checks.judge(ask, answer)
