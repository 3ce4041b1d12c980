"""What the explorer's "why training works or fails" panels say in words, with the numbers they show."""
from backprop.diagnostics import LayerSpread
from backprop.landscape import LossCurve, LossSurface, Parameter, every_parameter
from backprop.network import Network

PANELS = {"curve": "Loss along one weight", "surface": "Two weights", "norms": "Gradient norms per layer",
          "spread": "How activations spread"}


def curve_caption(curve: LossCurve, name: str, learning_rate: float) -> str:
    direction = "left (θ falls)" if curve.gradient > 0 else "right (θ rises)" if curve.gradient < 0 else "nowhere"
    change = curve.step_loss - curve.loss
    verdict = ("lower: the step went downhill" if change < 0 else
               "higher: the step overshot the valley, so η is too large for this weight" if change > 0 else "the same")
    return (f"Every other weight and bias stays as it is while {name} moves. The dashed tangent's slope is "
            f"∂L/∂θ = {curve.gradient:.6g}, the number the backward pass gives {name}: the loss rises that fast as "
            f"θ grows. SGD steps against it, to the {direction}: θ − η ∂L/∂θ = {curve.value:.6g} − "
            f"{learning_rate:g} × {curve.gradient:.6g} = {curve.step_value:.6g}, where L is {curve.step_loss:.6g}, "
            f"{verdict}. (A real step moves every parameter at once; this shows {name}'s share.)")


def surface_caption(surface: LossSurface, names: tuple[str, str], path_length: int) -> str:
    (g1, g2) = surface.gradient
    return (f"Contours of L over {names[0]} (across) and {names[1]} (up), every other parameter as it is now. "
            f"The orange arrow points along −∇L = −({g1:.4g}, {g2:.4g}), straight downhill and across the contours; "
            f"the diamond is where one SGD step lands. The dark line is where these two were at the loss curve's "
            f"last {path_length} point(s): train or apply an update to extend it. The other parameters moved too, "
            "so the map is the one around today's network.")


def norms_caption(norms: tuple[float, ...], layer_names: list[str]) -> str:
    first, last = norms[0], norms[-1]
    if first == 0:
        return (f"The gradient of the {layer_names[0]} is exactly 0: no signal reaches it (every path back passes "
                "through a unit that is off), so it cannot learn.")
    ratio = last / first
    compare = (f"{ratio:.3g} times smaller than the {layer_names[-1]}'s" if ratio >= 1
               else f"{1 / ratio:.3g} times larger than the {layer_names[-1]}'s")
    return (f"Now the {layer_names[0]}'s gradient is ‖∂L/∂W⁽¹⁾‖ = {first:.3g}, {compare} ({last:.3g}). "
            "Each layer back multiplies δ by Wᵀ and by f′(z): with sigmoids f′ ≤ 0.25, so a deep stack starves its "
            "first layers (vanishing); weights too large multiply it up (exploding).")


def spread_caption(spreads: list[LayerSpread], layer_names: list[str]) -> str:
    warnings = []
    for spread, name in zip(spreads, layer_names):
        if spread.saturated:
            warnings.append(f"{spread.saturated:.0%} of the {name}'s z are past ±4, where f′ is almost 0")
        if spread.dead:
            warnings.append(f"{spread.dead} of the {name}'s {spread.units} units never switch on, so nothing flows "
                            "back through them")
    summary = "; ".join(warnings) + "." if warnings else "No layer is saturated and no ReLU is dead."
    return ("Histograms of every sample's z (left) and a (right), layer by layer. " + summary[0].upper() + summary[1:])


def picked_parameter(pick: tuple | None) -> Parameter | None:
    """The graph's pick as a parameter: an edge's weight, or a hidden or output neuron's bias."""
    if pick is not None and pick[0] == "edge":
        return Parameter(*pick[1:])
    if pick is not None and pick[0] == "neuron" and pick[1] > 0:
        return Parameter(pick[1] - 1, pick[2], None)
    return None


def parameter_choices(network: Network, pick: tuple | None) -> tuple[list[Parameter], int]:
    """Every parameter, and which to start on: the graph's pick, else the output layer's first weight."""
    options, picked = every_parameter(network), picked_parameter(pick)
    return options, options.index(picked if picked in options else Parameter(len(network.layers) - 1, 0, 0))
