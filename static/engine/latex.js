// backprop/latex.py, mirrored: numbers, vectors and matrices as LaTeX, byte for byte what the core writes. Python's
// float formatting is mirrored too (format_g), since JavaScript rounds a tie up where Python rounds it to even.

export const MAX_SHOWN = 6;  // rows or columns written out in full; beyond this the middle becomes dots
export const LINE_WIDTH = 70;  // roughly what fits across a classroom screen at display size, in visible characters

export function exact_digits(value) {  // the exact decimal of a finite positive double: [digits, exponent of the first]
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0), biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn, power = biased - 1075;
  if (biased) mantissa |= 1n << 52n; else power = -1074;
  const scaled = power >= 0 ? mantissa << BigInt(power) : mantissa * 5n ** BigInt(-power);  // × 10^min(power, 0)
  const digits = scaled.toString();
  return [digits, digits.length - 1 + Math.min(power, 0)];
}

export function rounded(value, precision) {  // [precision significant digits, exponent], ties to even as Python rounds
  let [digits, exponent] = value.toExponential(precision - 1).replace(".", "").split("e");
  const candidate = value.toExponential(precision);  // a tie, if any, is exactly this with a last digit of 5
  if (candidate[candidate.indexOf("e") - 1] === "5" && Number(candidate) === value) {
    const [exact, first] = exact_digits(value);
    const head = exact.replace(/0+$/, "");
    if (head.length === precision + 1 && Number(head[precision - 1]) % 2 === 0) {  // even: Python keeps it
      [digits, exponent] = [head.slice(0, precision), first];
    }
  }
  return [digits, Number(exponent)];
}

export function format_g(value, precision = 6) {  // Python's f"{value:.{precision}g}"
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  if (value === 0) return sign + "0";
  const [digits, exponent] = rounded(Math.abs(value), precision);
  if (exponent >= -4 && exponent < precision) {
    const whole = exponent >= 0 ? digits.slice(0, exponent + 1).padEnd(exponent + 1, "0") : "0";
    const fraction = (exponent >= 0 ? digits.slice(exponent + 1) : "0".repeat(-exponent - 1) + digits).replace(/0+$/, "");
    return sign + whole + (fraction ? "." + fraction : "");
  }
  const fraction = digits.slice(1).replace(/0+$/, "");
  const power = String(Math.abs(exponent)).padStart(2, "0");
  return `${sign}${digits[0]}${fraction ? "." + fraction : ""}e${exponent < 0 ? "-" : "+"}${power}`;
}

export function number(value, digits = 4) {  // a float to `digits` significant figures, ×10^k when very large or small
  if (!Number.isFinite(value)) return "\\text{" + format_g(value) + "}";
  if (value === 0) return "0";
  const text = format_g(value, digits);
  if (!text.includes("e")) return text;
  const [mantissa, exponent] = text.split("e");
  return `${mantissa} \\times 10^{${Number(exponent)}}`;
}

function _positions(n) {  // indices to show along one axis; null marks the elided middle
  if (n <= MAX_SHOWN) return [...Array(n).keys()];
  const half = Math.floor(MAX_SHOWN / 2);
  return [...Array(half - 1).keys(), null, ...Array.from({length: half}, (_, k) => n - half + k)];
}

export function matrix(values, digits = 4) {  // a matrix (array of rows) as a bmatrix; a vector as a column
  const array = Array.isArray(values[0]) ? values : values.map((v) => [v]);
  const rows = _positions(array.length).map((i) => _positions(array[0].length).map((j) => {
    if (i === null) return j === null ? "\\ddots" : "\\vdots";
    return j === null ? "\\cdots" : number(array[i][j], digits);
  }).join(" & "));
  return "\\begin{bmatrix}" + rows.join(" \\\\ ") + "\\end{bmatrix}";
}

export function row(values, digits = 4) {  // a vector as a row (a transposed column)
  return matrix([values], digits);
}

function _visible_width(tex) {  // about how many characters wide tex displays (see latex.py)
  let width = 0;
  tex.split(/\\begin\{bmatrix\}|\\end\{bmatrix\}/).forEach((block, k) => {
    const rows = k % 2 ? block.split("\\\\") : [block];
    width += Math.max(...rows.map((r) => [...r.replace(/\\[a-zA-Z]+|[{}^_ ]/g, "").replaceAll("&", "  ")].length));
  });
  return width;
}

export function chain(...parts) {  // a = b = c on one line, or one '= …' a line when that would run off the screen
  if (_visible_width(parts.join(" = ")) <= LINE_WIDTH) return parts.join(" = ");
  const lines = [parts[0] + " &= " + parts[1], ...parts.slice(2).map((p) => "&= " + p)];
  return "\\begin{aligned}" + lines.join(" \\\\[4pt] ") + "\\end{aligned}";
}
