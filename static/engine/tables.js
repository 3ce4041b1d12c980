// The step's table of ui/tables.py, mirrored: step_table's rows and columns, each value as readable() writes it.
const v = new URL(import.meta.url).search;  // the modules of one version load together
const {format_g} = await import(new URL("./latex.js" + v, import.meta.url));

export function readable(value) {  // 6 significant digits; NaN and ∞ as a learner reads them; −0 as 0
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value < 0 ? "−∞" : "∞";
  return format_g(value + 0, 6);
}

export function step_table(step, names) {  // [columns, rows]: a row per neuron of the step's layer, or one row, L
  const vectors = step.values.map(([name, value]) => [name, Array.isArray(value) ? value : [value]]);
  let rows, columns;
  if (step.layer === null) {
    rows = ["L"];
    columns = vectors.map(([name, value]) => [name, value.slice(0, 1)]);
  } else {
    rows = names[step.layer + 1];
    columns = vectors.filter(([, value]) => value.length === rows.length);
  }
  return [columns.map(([name]) => name), rows.map((name, r) => [name, columns.map(([, value]) => value[r])])];
}

export function step_cells(step, names) {  // step_table as the page draws it, each value written by readable()
  const [columns, rows] = step_table(step, names);
  return {columns, rows: rows.map(([name, values]) => [name, values.map(readable)])};
}
