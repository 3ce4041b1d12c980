// The in-page module every component of the app shares: the stepper, the graph with its steps, the position's and the
// updates' syncs, and the charts (ui/explorer/stepper.py explains the design). Streamlit loads a component's code as
// one ES module, so ui/charts.py joins these parts, in this order: memory.js (what outlives a component, and the
// libraries the page loads), graph.js, code.js (the numpy beside the step), cursor.js (the graph from the keyboard,
// and as tables), loop.js (what the page computes itself), quiz.js (the quiz's panel and checks), stepper.js,
// charts.js, access.js (what every page does for access), index.js.
const BUTTONS = ["reset", "prev", "next", "forward", "backward"];  // their words come in data.words
const CONFIG = {displayModeBar: false, responsive: true};
const CHART_CONFIG = {displaylogo: false, responsive: true};  // a chart keeps Plotly's zoom, as Streamlit's do
// a presenter's clicker sends PageDown/PageUp; Home starts the pass again
const KEYS = {ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev", Home: "reset"};
const SPEEDS = [3000, 1500, 750];  // autoplay: milliseconds a step stays on screen, slow to fast (words.speeds)

// outlives a remount of the component (a page run can rebuild it): where the learner is in each view, a click
// counter that keeps each synced value new, the libraries loaded, and the page's own view after its updates
const memory = window.__bp_stepper || (window.__bp_stepper = {sequence: 0, positions: {}, libraries: {}, local: null});

function target(ui, action) {  // the rules live in ExplorerState.step_targets; a quiz's own view carries its own
  const local = memory.local && memory.local.token === ui.token ? memory.local : null;
  return (local?.targets ?? ui.data.targets)[ui.position][action];
}

function kept(key) {  // a choice the learner made, kept across reloads in this browser (null: none, or no storage)
  try { return localStorage.getItem(key); } catch (error) { return null; }
}

function keep(key, value) {  // private mode and the like refuse storage: the choice then lasts this page only
  try { localStorage.setItem(key, value); } catch (error) { /* for this page only */ }
}

async function copy_text(button, text, words) {  // text to the clipboard, said on the button, or by hand where refused
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = words.done;
  } catch (error) {  // no clipboard (an insecure page): the text, selected, to copy by hand
    window.prompt(words.by_hand, text);
  }
  setTimeout(() => { button.textContent = words.label; }, 2500);
}

function set(node, property, value) {  // write only changes: the page settles sooner
  if (node[property] !== value) node[property] = value;
}

function fill(template, fields) {  // the server's sentence with the page's numbers in its {fields}
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in fields ? fields[name] : whole));
}

// ---------------------------------------------------------------- what the page loads itself
function library(path) {  // a pinned library the app serves (ui/vendor.py), fetched once a page: a promise of it
  if (!memory.libraries[path]) {
    memory.libraries[path] = fetch(new URL(path, document.baseURI)).then((response) => {
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return response.text();
    }).then((code) => {  // its UMD wrapper hands it to a module object: this module's own, whatever else loads
      const module = {exports: {}};
      new Function("module", "exports", code)(module, module.exports);
      return module.exports;
    });
    memory.libraries[path].catch(() => { delete memory.libraries[path]; });  // the next use tries again
  }
  return memory.libraries[path];
}

function plotly(path) {
  return library(path).then((Plotly) => { memory.Plotly = Plotly; });
}

function engine(urls) {  // the core mirrored (static/engine/): a promise of its modules
  if (!memory.engine) {
    const load = (name) => import(new URL(urls[name], document.baseURI));
    const names = Object.keys(urls);
    memory.engine = Promise.all(names.map(load)).then((modules) =>
      (memory.modules = Object.fromEntries(names.map((name, k) => [name, modules[k]]))));
    memory.engine.catch(() => { memory.engine = null; });
  }
  return memory.engine;
}

function with_plotly(target, paint) {  // paint now, or once Plotly has loaded; say so where it never can
  if (paint()) return;
  plotly(target.plotly).then(() => { if (!target.closed) paint(); },
                             () => { if (!target.closed) target.element.textContent = target.words.no_plotly; });
}
