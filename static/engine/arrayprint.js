// numpy's print of a float64 array (numpy/_core/arrayprint.py: array2string under set_printoptions(precision=p,
// suppress=True), its other options at their defaults), and Python's repr of a float: what the explorer's numpy
// programs print, and how they write a number, byte for byte. 1-D and 2-D arrays, as the programs print them;
// tests/test_engine_code.py holds both to numpy and Python on edge cases and random arrays.
const v = new URL(import.meta.url).search;  // the modules of one version load together
const {exact_digits, rounded} = await import(new URL("./latex.js" + v, import.meta.url));

export const LINE_WIDTH = 75;  // numpy's defaults: linewidth, threshold (past it the middle becomes ...), edgeitems
export const THRESHOLD = 1000;
export const EDGE_ITEMS = 3;
const EXP_CUTOFF = 1e8;  // with suppress=True, only a number this large turns the whole array scientific

export function py_repr(value) {  // Python's repr() of a float: the shortest digits that read back, as Python lays them out
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "", [mantissa, exponent] = Math.abs(value).toExponential().split("e");
  const digits = mantissa.replace(".", ""), e = Number(exponent);
  if (e < -4 || e >= 16) {
    const power = String(Math.abs(e)).padStart(2, "0");
    return `${sign}${digits[0]}${digits.length > 1 ? "." + digits.slice(1) : ""}e${e < 0 ? "-" : "+"}${power}`;
  }
  if (e < 0) return `${sign}0.${"0".repeat(-e - 1)}${digits}`;
  return `${sign}${digits.slice(0, e + 1).padEnd(e + 1, "0")}.${digits.slice(e + 1) || "0"}`;
}

function fixed(value, decimals) {  // Python's f"{value:.{decimals}f}" of a finite value below 1e21: ties to even
  const sign = value < 0 || Object.is(value, -0) ? "-" : "", size = Math.abs(value);
  let text = size.toFixed(decimals);  // JavaScript rounds an exact tie away from zero
  if (size !== 0) {
    const [digits, first] = exact_digits(size), point = first + 1, cut = point + decimals;
    const kept = cut > 0 ? Number(digits[cut - 1] ?? 0) : 0;
    if (cut >= 0 && digits.slice(cut).replace(/0+$/, "") === "5" && kept % 2 === 0) {
      const padded = point > 0 ? digits : "0".repeat(1 - point) + digits, at = Math.max(point, 1);
      const fraction = padded.slice(at, at + decimals).padEnd(decimals, "0");
      text = padded.slice(0, at) + (decimals ? "." + fraction : "");
    }
  }
  return sign + text;
}

function positional(value, precision) {  // numpy's dragon4_positional(unique=True, trim="."): "3." for 3.0
  const text = fixed(value, precision);
  return text.includes(".") ? text.replace(/0+$/, "") : text + ".";
}

function float_format(shown, precision) {  // FloatingFormat: one width for every number of the array, fitted to shown
  const finite = shown.filter(Number.isFinite), sizes = finite.filter((x) => x !== 0).map(Math.abs);
  const exp_format = sizes.length > 0 && Math.max(...sizes) >= EXP_CUTOFF;
  let pad_left = 0, pad_right = 0, format;
  if (exp_format && finite.length) {
    // each number to `precision` decimals, its zeros trimmed (numpy's dragon4_scientific, unique, trim "."); then all
    // to the most decimals any of them kept
    const parts = finite.map((x) => scientific_at(x, precision));
    const digits = Math.max(...parts.map(([m]) => m.split(".")[1].replace(/0+$/, "").length));
    const exp_size = Math.max(2, ...parts.map(([, e]) => String(Math.abs(e)).length));
    pad_left = Math.max(...parts.map(([m]) => m.split(".")[0].length));
    pad_right = exp_size + 2 + digits;
    format = (x) => {
      const [mantissa, e] = scientific_at(x, digits);
      return mantissa.padStart(pad_left + 1 + digits) + "e" + (e < 0 ? "-" : "+") + String(Math.abs(e)).padStart(exp_size, "0");
    };
  } else if (finite.length) {
    const parts = finite.map((x) => positional(x, precision).split("."));
    pad_left = Math.max(...parts.map(([whole]) => whole.length));
    pad_right = Math.max(...parts.map(([, fraction]) => fraction.length));
    format = (x) => {
      const [whole, fraction] = positional(x, precision).split(".");
      return whole.padStart(pad_left) + "." + fraction.padEnd(pad_right);
    };
  }
  if (finite.length !== shown.length) {  // a NaN or an infinity may need more room than the numbers
    const negative = shown.some((x) => x === -Infinity) ? 1 : 0;
    pad_left = Math.max(pad_left, 3 - (pad_right + 1), 3 + negative - (pad_right + 1));
  }
  return (x) => {
    if (Number.isFinite(x)) return format(x);
    const text = Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
    return text.padStart(pad_left + pad_right + 1);
  };
}

function scientific_at(value, digits) {  // the mantissa with exactly `digits` decimals (numpy's min_digits), and exponent
  const [rounded_digits, exponent] = rounded(Math.abs(value), digits + 1);
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  return [`${sign}${rounded_digits[0]}.${rounded_digits.slice(1)}`, exponent];
}

function edges(values, summary) {  // the items numpy fits its format to: all, or the first and last 3 of a long axis
  return summary && values.length > 2 * EDGE_ITEMS
    ? [...values.slice(0, EDGE_ITEMS), ...values.slice(-EDGE_ITEMS)] : values;
}

function extend(s, line, word, width, prefix) {  // numpy's _extendLine: a word on the line, or on a new line past width
  if (line.length + word.length > width && line.length > prefix.length) {
    s += line.trimEnd() + "\n";
    line = prefix;
  }
  return [s, line + word];
}

export function array_str(values, precision) {  // print(array): a vector, or a matrix as an array of rows
  const matrix = Array.isArray(values[0]), size = matrix ? values.length * values[0].length : values.length;
  const summary = size > THRESHOLD;
  const shown = matrix ? edges(values, summary).flatMap((row) => edges(row, summary)) : edges(values, summary);
  const format = float_format(shown, precision);
  const recurse = (item, hanging, width) => {  // numpy's _formatArray, for one or two axes, separator " "
    const n = item.length, cut = summary && 2 * EDGE_ITEMS < n;
    const indices = cut ? [...Array(EDGE_ITEMS).keys(), null, ...Array.from({length: EDGE_ITEMS}, (_, k) => n - EDGE_ITEMS + k)]
                        : [...Array(n).keys()];
    let s = "";
    if (!Array.isArray(item[0])) {  // the last axis: its numbers along lines of `width`, less the closing bracket
      let line = hanging;
      indices.forEach((i, k) => {
        [s, line] = extend(s, line, i === null ? "..." : format(item[i]), width - 1, hanging);
        if (k < indices.length - 1) line += " ";
      });
      s += line;
    } else {
      s = indices.map((i) => hanging + (i === null ? "..." : recurse(item[i], hanging + " ", width - 1))).join("\n");
    }
    return "[" + s.slice(hanging.length) + "]";
  };
  return recurse(values, " ", LINE_WIDTH);
}
