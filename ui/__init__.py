"""The UI side: session state, figures and tables. Imports the core; the core never imports this."""
from .process import send_small_messages_at_once

send_small_messages_at_once()  # every page imports ui: the server's later connections skip Nagle's wait
