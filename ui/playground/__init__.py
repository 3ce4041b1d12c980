"""The 2-D playground's side: its state and actions, and its figures."""
