"""The network explorer's side: its declared state and link, the actions that change it, the stepper and graph
components, its figures and its panels."""
