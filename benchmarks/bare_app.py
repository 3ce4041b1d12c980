"""The baseline for browser timings: a Streamlit app with one button and nothing else."""
from button import counted_button

counted_button()
