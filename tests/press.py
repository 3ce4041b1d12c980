"""A stepping button pressed the way the browser's stepper (ui/page/stepper.js) presses it: it goes where the
state's step_targets say the button leads, through set_position, the one way the stepper moves the state."""


def press(state, button: str) -> None:
    state.set_position(state.step_targets()[button])
