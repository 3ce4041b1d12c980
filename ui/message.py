"""What the last action said, and where on the page the learner will be looking for it."""
from typing import NamedTuple


class Message(NamedTuple):
    level: str          # "error", "warning", "success" or "info"
    text: str
    place: str = "top"  # the page section that shows it: "top", "pick", "setup", "edit", "train", "check", "files"
