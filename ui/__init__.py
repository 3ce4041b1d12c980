"""The UI side: session state, figures and tables. Imports the core; the core never imports this."""
