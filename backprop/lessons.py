"""The numbers behind the concept pages: the matrix-product rule and the softmax Jacobian,
each next to a finite-difference check that shows which formula is right."""
from dataclasses import dataclass

import numpy as np

from .activations import naive_softmax, softmax, softmax_jacobian
from .gradcheck import numerical_gradient, numerical_gradient_upstream, relative_error
from .layers import linear_backward, linear_forward, matmul_backward, matmul_forward


@dataclass(frozen=True)
class MatmulLesson:
    x: np.ndarray       # (n, m)
    w: np.ndarray       # (m, p)
    upstream: np.ndarray  # G = ∂L/∂Y, (n, p)
    y: np.ndarray       # Y = X·W, (n, p)
    grad_x: np.ndarray  # G·Wᵀ, (n, m)
    grad_w: np.ndarray  # Xᵀ·G, (m, p)
    numeric_x: np.ndarray
    numeric_w: np.ndarray

    @property
    def errors(self) -> tuple[float, float]:
        """Norm relative errors of grad_x and grad_w against central differences."""
        return relative_error(self.grad_x, self.numeric_x), relative_error(self.grad_w, self.numeric_w)


def random_matrices(n: int, m: int, p: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """X (n, m), W (m, p), G (n, p) with one decimal each, so a learner can redo the sums by hand."""
    rng = np.random.default_rng(seed)
    return tuple(np.round(rng.uniform(-1, 1, shape), 1) for shape in ((n, m), (m, p), (n, p)))


def matmul_lesson(x: np.ndarray, w: np.ndarray, upstream: np.ndarray) -> MatmulLesson:
    y, cache = matmul_forward(x, w)
    grad_x, grad_w = matmul_backward(upstream, cache)
    return MatmulLesson(x, w, upstream, y, grad_x, grad_w,
                        numerical_gradient_upstream(lambda v: v @ w, x, upstream),
                        numerical_gradient_upstream(lambda v: x @ v, w, upstream))


def buggy_softmax_jacobian(z: np.ndarray) -> np.ndarray:
    """The seed question's attempt: s_i (1 − z_i) on the diagonal, −s_i z_j off it.
    It uses the input z where the output s belongs."""
    s = softmax(z)
    return np.where(np.eye(len(z), dtype=bool), s * (1 - z), -np.outer(s, z))


def numerical_jacobian(f, z: np.ndarray) -> np.ndarray:
    """J[i, j] = ∂f_i/∂z_j by central differences, one output at a time."""
    return np.array([numerical_gradient(lambda v: f(v)[i], z) for i in range(len(f(z)))])


@dataclass(frozen=True)
class SoftmaxLesson:
    z: np.ndarray
    s: np.ndarray               # stable softmax
    naive: np.ndarray           # exp(z)/Σexp(z), NaN once exp overflows
    jacobian: np.ndarray        # diag(s) − s sᵀ
    buggy: np.ndarray           # the seed's formula
    numeric: np.ndarray         # central differences
    target: np.ndarray          # one-hot y
    grad_p: np.ndarray          # ∂L/∂p = −y/p for L = −Σ y log p
    chained: np.ndarray         # Jᵀ ∂L/∂p, the chain rule through the Jacobian
    fused: np.ndarray           # p − y, the shortcut

    @property
    def fused_gap(self) -> float:
        """Largest difference between Jᵀ ∂L/∂p and p − y: rounding only."""
        return float(np.max(np.abs(self.chained - self.fused)))

    @property
    def errors(self) -> tuple[float, float]:
        """(correct, buggy) Jacobian against central differences, norm relative error."""
        return relative_error(self.jacobian, self.numeric), relative_error(self.buggy, self.numeric)


def softmax_lesson(z: np.ndarray, target_class: int) -> SoftmaxLesson:
    z = np.asarray(z, dtype=float)
    s = softmax(z)
    jacobian = softmax_jacobian(s)
    target = np.eye(len(z))[target_class]
    with np.errstate(divide="ignore", invalid="ignore"):  # p of the true class may round to 0: −y/p = −∞
        grad_p = -target / s
        chained = jacobian.T @ grad_p
    return SoftmaxLesson(z, s, naive_softmax(z), jacobian, buggy_softmax_jacobian(z),
                         numerical_jacobian(softmax, z), target, grad_p, chained, s - target)


def as_layer(lesson: MatmulLesson) -> tuple[np.ndarray, np.ndarray, bool]:
    """The same product as an explorer layer, whose weights are (n_out, n_in) = Wᵀ and Z = X·weightsᵀ.

    Returns (∂L/∂X, ∂L/∂weights, agrees): the layer's weight gradient is Gᵀ·X, the transpose of Xᵀ·G.
    """
    weights = lesson.w.T
    _, cache = linear_forward(lesson.x, weights, np.zeros(weights.shape[0]))
    grad_x, grad_weights, _ = linear_backward(lesson.upstream, cache)
    agrees = bool(np.allclose(grad_x, lesson.grad_x) and np.allclose(grad_weights, lesson.grad_w.T))
    return grad_x, grad_weights, agrees


@dataclass(frozen=True)
class DotLesson:
    x: np.ndarray       # (m,) first row of X
    w: np.ndarray       # (m,) first column of W
    g: float            # ∂L/∂y
    y: float            # x·w
    grad_x: np.ndarray  # g·w
    grad_w: np.ndarray  # g·x


def dot_case(lesson: MatmulLesson) -> DotLesson:
    """The matrix lesson's first entry, y = Y[1,1] = X[1,:]·W[:,1], as the scalar case."""
    x, w, g = lesson.x[0], lesson.w[:, 0], float(lesson.upstream[0, 0])
    return DotLesson(x, w, g, float(x @ w), g * w, g * x)
