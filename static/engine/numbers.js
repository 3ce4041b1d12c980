// backprop/numbers.py's read_number, mirrored: the page reads a typed weight exactly as the core would, and takes
// only what the core takes. Its refusals are the server's to word: the page computes nothing with them.
export const MAX_TYPED = 40;  // characters in one number
const NUMBER = /^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?$/;
const THOUSANDS = /^[+-]?[1-9][0-9]{0,2},[0-9]{3}$/;  // 1,500: one thousand five hundred, or 1.5?
// Python's str.strip(): the characters str.isspace() holds as whitespace
const SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const STRIP = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, "g");

function wide(text) {  // full-width forms are ASCII shifted by 0xFEE0; U+2212 is the minus sign the equations print
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replaceAll("\u2212", "-");
}

export function read_number(text) {  // the number the core reads from `text`, or null where the core refuses it
  if (typeof text !== "string") return null;
  const stripped = wide(text.replace(STRIP, ""));
  if (!stripped || stripped.length > MAX_TYPED || THOUSANDS.test(stripped) || !NUMBER.test(stripped)) return null;
  const number = Number(stripped.replace(",", "."));
  return Number.isFinite(number) ? number : null;
}
