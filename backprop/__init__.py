"""Backprop Explorer's numpy core: a traced MLP that keeps every number a learner may ask about.

Conventions, kept everywhere: samples are rows, weights are (n_out, n_in), Z = X Wᵀ + b.
"""
from .activations import ACTIVATIONS, naive_softmax, softmax, softmax_backward, softmax_jacobian
from .gradcheck import (GradientCheck, gradient_check, numerical_gradient,
                        numerical_gradient_upstream, relative_error)
from .layers import linear_backward, linear_forward, matmul_backward, matmul_forward
from .losses import LOSSES, cross_entropy
from .network import Layer, Network, make_network
from .presets import PRESETS, Preset, initialise
from .steps import Step, Walkthrough, walkthrough
from .trace import BackwardTrace, ForwardTrace, Update, backward, forward, loss_of, sgd_step
from .training import TrainResult, evaluate, train
from .validation import MAX_LAYERS, MAX_UNITS

__all__ = [name for name in dir() if not name.startswith("_")]
