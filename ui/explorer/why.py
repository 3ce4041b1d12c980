"""What the explorer's "why training works or fails" panels say in words, with the numbers they show."""
from backprop.diagnostics import LayerSpread
from backprop.i18n import N_, _
from backprop.landscape import LossCurve, LossSurface, Parameter, every_parameter
from backprop.network import Network, Place

PANELS = {"curve": N_("Loss along one weight"), "surface": N_("Two weights"), "norms": N_("Gradient norms per layer"),
          "spread": N_("How activations spread")}


def curve_caption(curve: LossCurve, name: str, learning_rate: float) -> str:
    direction = (_("left (θ falls)") if curve.gradient > 0 else _("right (θ rises)") if curve.gradient < 0
                 else _("nowhere"))
    change = curve.step_loss - curve.loss
    verdict = (_("lower: the step went downhill") if change < 0 else
               _("higher: the step overshot the valley, so η is too large for this weight") if change > 0
               else _("the same"))
    return _("Every other weight and bias stays as it is while {name} moves. The dashed tangent's slope is "
             "∂L/∂θ = {gradient}, the number the backward pass gives {name}: the loss rises that fast as θ grows. SGD "
             "steps against it, to the {direction}: θ − η ∂L/∂θ = {value} − {rate} × {gradient} = {step}, where L is "
             "{loss}, {verdict}. (A real step moves every parameter at once; this shows {name}'s share.)").format(
        name=name, gradient=f"{curve.gradient:.6g}", direction=direction, value=f"{curve.value:.6g}",
        rate=f"{learning_rate:g}", step=f"{curve.step_value:.6g}", loss=f"{curve.step_loss:.6g}", verdict=verdict)


def surface_caption(surface: LossSurface, names: tuple[str, str], path_length: int) -> str:
    (g1, g2) = surface.gradient
    return _("Contours of L over {first} (across) and {second} (up), every other parameter as it is now. The orange "
             "arrow points along −∇L = −({g1}, {g2}), straight downhill and across the contours; the diamond is where "
             "one SGD step lands. The dark line is where these two were at the loss curve's last {n} point(s): train "
             "or apply an update to extend it. The other parameters moved too, so the map is the one around today's "
             "network.").format(first=names[0], second=names[1], g1=f"{g1:.4g}", g2=f"{g2:.4g}", n=path_length)


def norms_caption(norms: tuple[float, ...], layer_names: list[str]) -> str:
    first, last = norms[0], norms[-1]
    if first == 0:
        return _("The gradient of the {layer} is exactly 0: no signal reaches it (every path back passes through a "
                 "unit that is off), so it cannot learn.").format(layer=layer_names[0])
    ratio = last / first
    compare = (_("{ratio} times smaller than the {layer}'s") if ratio >= 1 else
               _("{ratio} times larger than the {layer}'s")).format(ratio=f"{max(ratio, 1 / ratio):.3g}",
                                                                      layer=layer_names[-1])
    return _("Now the {layer}'s gradient is ‖∂L/∂W⁽¹⁾‖ = {first}, {compare} ({last}). Each layer back multiplies δ "
             "by Wᵀ and by f′(z): with sigmoids f′ ≤ 0.25, so a deep stack starves its first layers (vanishing); "
             "weights too large multiply it up (exploding).").format(layer=layer_names[0], first=f"{first:.3g}",
                                                                     compare=compare, last=f"{last:.3g}")


def spread_caption(spreads: list[LayerSpread], layer_names: list[str]) -> str:
    warnings = []
    for spread, name in zip(spreads, layer_names):
        if spread.saturated:
            warnings.append(_("{share} of the {layer}'s z are past ±4, where f′ is almost 0").format(
                share=f"{spread.saturated:.0%}", layer=name))
        if spread.dead:
            warnings.append(_("{dead} of the {layer}'s {units} units never switch on, so nothing flows back through "
                              "them").format(dead=spread.dead, layer=name, units=spread.units))
    summary = "; ".join(warnings) + "." if warnings else _("No layer is saturated and no ReLU is dead.")
    return _("Histograms of every sample's z (left) and a (right), layer by layer.") + " " + summary[0].upper() + summary[1:]


def picked_parameter(pick: Place | None) -> Parameter | None:
    """The graph's pick as a parameter: an edge's weight, or a hidden or output neuron's bias."""
    if pick is not None and pick.kind == "edge":
        return Parameter(pick.layer, pick.i, pick.j)
    if pick is not None and pick.kind == "neuron" and pick.layer > 0:
        return Parameter(pick.layer - 1, pick.i, None)
    return None


def parameter_choices(network: Network, pick: Place | None) -> tuple[list[Parameter], int]:
    """Every parameter, and which to start on: the graph's pick, else the output layer's first weight."""
    options, picked = every_parameter(network), picked_parameter(pick)
    return options, options.index(picked if picked in options else Parameter(len(network.layers) - 1, 0, 0))
