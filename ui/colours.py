"""The app's palette, defined once: TF Playground's colour-blind-safe pair, blue for positive and orange
for negative. (.streamlit/config.toml repeats the blue: it cannot import it. ui/explorer/stepper.css reads it as
a CSS variable that ui/explorer/stepper.py sets.)"""
BLUE = "#0872b6"  # 4.7:1 on the sidebar's #f3f6f9 (a slider's value), 5.1:1 against white
BLUE_DARK = "#06609a"  # a pressed or hovered blue button
ORANGE = "#e8710a"
NEUTRAL = "#f7f7f7"   # zero, on a diverging scale
UNKNOWN = "#d0d0d0"   # not computed yet
PICK = "#ffb000"      # the edge or neuron being edited


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[k:k + 2], 16) for k in (1, 3, 5))
