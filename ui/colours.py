"""The app's palette, defined once: TF Playground's colour-blind-safe pair, blue for positive and orange
for negative, both dark enough for WCAG's contrast against white. (.streamlit/config.toml repeats the blue: it cannot
import it. ui/explorer/stepper.css reads it as a CSS variable that ui/explorer/stepper.py sets.)"""
BLUE = "#0872b6"  # 4.7:1 on the sidebar's #f3f6f9 (a slider's value), 5.1:1 against white
BLUE_DARK = "#06609a"  # a pressed or hovered blue button
ORANGE = "#b85500"  # 4.8:1 against white; an edge drawn at 0.85 opacity keeps 3.8:1 (TF Playground's #f59322 has 2.1)
NEUTRAL = "#f7f7f7"   # zero, on a diverging scale
UNKNOWN = "#d0d0d0"   # not computed yet
PICK = "#ffb000"      # the edge or neuron being edited
DARK_TEXT, LIGHT_TEXT = "#000000", "#ffffff"  # one of the two reaches 4.58:1 on any colour


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[k:k + 2], 16) for k in (1, 3, 5))


def luminance(channels) -> float:
    """WCAG's relative luminance of an sRGB colour given as 0-255 channels."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (channel / 255 for channel in channels)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second) -> float:
    """WCAG's contrast ratio of two colours' channels, 1 to 21."""
    darker, lighter = sorted((luminance(first), luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


def over_white(channels, opacity: float) -> tuple[float, float, float]:
    """A colour drawn at this opacity over white, as the eye gets it."""
    return tuple(255 + (c - 255) * opacity for c in channels)


def text_on(channels) -> str:
    """Black or white, whichever reads better on this colour: at least 4.58:1, WCAG's 4.5 for text."""
    return DARK_TEXT if luminance(channels) > TEXT_CROSSOVER else LIGHT_TEXT


TEXT_CROSSOVER = 0.05 ** 0.5 * 1.05 ** 0.5 - 0.05  # the luminance at which black and white contrast equally
