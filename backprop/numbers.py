"""The one reader of typed numbers, for every field, list, quiz answer, link, CSV cell and the CLI.

Text is read whole or not at all, never guessed:
- the digits 0-9 (full-width ０-９ too, as a Chinese keyboard types them); other scripts' digits are refused;
- a sign: + or -, or the − the equations print;
- a decimal point or a decimal comma (0.5, .5, 1,5), and scientific notation (1e-3, 2.5E2);
- refused: a thousands separator (1,500 could be 1500 or 1.5), 1_000, 0x1, inf, nan, and anything past ±1e308.
A list separates its numbers with semicolons (1,5; 2), or with commas and the same spacing at every comma
(4,3,3,1 or 4, 3, 3, 1), or with spaces (4 3 3 1). An empty place (4,,1) is refused.
"""
import math
import re

from .i18n import _

MAX_TYPED = 40  # characters in one number; longer is not a number anyone means
MAX_LIST = 4000  # characters in a typed list
NUMBER = re.compile(r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?")
THOUSANDS = re.compile(r"[+-]?[1-9][0-9]{0,2},[0-9]{3}")  # 1,500: one thousand five hundred, or 1.5?
# full-width forms (U+FF01-FF5E) are ASCII shifted by 0xFEE0; U+2212 is the minus sign the equations print
WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x2212: ord("-")}


def read_number(value, what: str) -> float:
    """A finite float from text or a number, else ValueError naming `what` and saying what to type."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ValueError(_("{what} is empty: type a number").format(what=what))
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(_("{what}: {text!r} is not a number").format(what=what, text=str(value)[:MAX_TYPED]))
    if isinstance(value, str):
        value = _text_number(value, what)
    try:
        number = float(value)
    except OverflowError:  # an int of hundreds of digits
        number = math.inf
    if not math.isfinite(number):
        raise ValueError(_("{what}: {text} is too large to compute with").format(
            what=what, text=str(value)[:MAX_TYPED]))
    return number


def _text_number(value: str, what: str) -> str:
    text = value.strip().translate(WIDE)
    if not text:
        raise ValueError(_("{what} is empty: type a number").format(what=what))
    if len(text) <= MAX_TYPED and THOUSANDS.fullmatch(text):
        whole, part = text.split(",")
        raise ValueError(_("{what}: {text} could mean {thousands} or {decimal}. Write {thousands} without the comma, "
                           "or {decimal} with a point").format(what=what, text=text, thousands=whole + part,
                                                               decimal=f"{whole}.{part}"))
    if len(text) > MAX_TYPED or not NUMBER.fullmatch(text):
        raise ValueError(_("{what}: {text!r} is not a number (write 0.5, -2 or 1e-3)").format(
            what=what, text=text[:MAX_TYPED]))
    return text.replace(",", ".")


def read_whole(value, what: str, low: int, high: int) -> int:
    """A whole number from low to high (2, 2.0 and 1e3 are whole), else ValueError naming `what` and the range."""
    try:
        number = read_number(value, what)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number != int(number) or not low <= number <= high:
        raise ValueError(_("{what}: {text!r} is not a whole number from {low} to {high}").format(
            what=what, text=str(value).strip()[:MAX_TYPED], low=low, high=high))
    return int(number)


def split_list(text: str, what: str) -> list[str]:
    """The items of a typed list, by the separators the module's docstring gives; ValueError if it is ambiguous."""
    text = str(text).strip().translate(WIDE)
    if not text:
        raise ValueError(_("{what} is empty: type a number").format(what=what))
    if len(text) > MAX_LIST:
        raise ValueError(_("{what}: the text is too long").format(what=what))
    separator = ";" if ";" in text else "," if "," in text else None
    items = [item.strip() for item in text.split(separator)]
    if "" in items:
        raise ValueError(_("{what}: {text!r} has an empty place between separators").format(
            what=what, text=text[:MAX_TYPED]))
    if separator == "," and len({bool(re.match(r"\s", rest)) for rest in text.split(",")[1:]}) > 1:
        raise ValueError(_("{what}: {text!r} has commas with and without a space after them, so it is unclear "
                           "which comma is a decimal comma. Write 1.5, 2 or 1,5; 2").format(
            what=what, text=text[:MAX_TYPED]))
    return items


def read_numbers(text: str, what: str, item: str | None = None) -> list[float]:
    """Every number of a typed list, read by read_number; `item` names the k-th, as "logit {k}" (by default
    "--input, number {k}", or `what` alone for a list of one)."""
    items = split_list(text, what)
    return [read_number(typed, item_name(what, item, k, len(items))) for k, typed in enumerate(items)]


def item_name(what: str, item: str | None, k: int, n: int) -> str:
    """How a refusal names the k-th (0-based) of n numbers typed as `what`."""
    if item is not None:
        return item.format(k=k + 1)
    return what if n == 1 else _("{what}, number {k}").format(what=what, k=k + 1)


def read_whole_list(text: str, what: str, low: int, high: int) -> list[int]:
    """Whole numbers from low to high, as a list or in a network's notation, 4-3-3-1."""
    text = str(text).strip()
    items = text.split("-") if re.fullmatch(r"[0-9]+(-[0-9]+)+", text) else split_list(text, what)
    return [read_whole(item, what, low, high) for item in items]
