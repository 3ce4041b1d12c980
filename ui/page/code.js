// The numpy beside the step: each step's program in the convention the learner picks, what it prints, and the setup
// it runs after (backprop/stepcode.py, mirrored in static/engine/code.js). The panel is the graph's, under its step;
// open or shut and the convention outlive a step, a view and a reload.
const CODE_KEY = "bp-code-convention";

function build_code(graph) {  // <details> under the step: its body is written when open, for the step on show
  const details = document.createElement("details"), summary = document.createElement("summary");
  const body = document.createElement("div");
  details.className = "bp-code";
  details.hidden = true;
  details.append(summary, body);
  details.addEventListener("toggle", () => { memory.code_open = details.open; draw(); });
  body.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.convention) {
      memory.convention = button.dataset.convention;
      keep(CODE_KEY, memory.convention);
      draw();
      body.querySelector(`[data-convention="${memory.convention}"]`)?.focus();
    } else if (button.classList.contains("bp-copy-code")) {
      copy_program(graph, button);
    }
  });
  body.addEventListener("toggle", (event) => { memory.setup_open = event.target.open; }, true);
  graph.code = {details, summary, body, shown: null};
  return details;
}

function convention() {  // the learner's pick, kept across reloads; a batch as rows until they pick
  memory.convention ??= kept(CODE_KEY) === "columns" ? "columns" : "rows";
  return memory.convention;
}

function code_at(shown, position) {  // the step's programs, by the engine (the server sends none: the page has it)
  if (!step_at(shown, position) || (!shown.code_of && !computable(shown))) return null;
  shown.codes ??= [];
  return shown.codes[position] ??= shown.code_of(position);
}

function show_code(graph, shown, position) {  // the panel for this position: hidden with no step, written when open
  const code = graph.code, words = graph.words;
  set(code.details, "hidden", !(position > 0 && step_at(shown, position)));
  set(code.summary, "textContent", words.code);
  if (code.details.hidden) return;
  set(code.details, "open", Boolean(memory.code_open));
  const chosen = convention(), key = [shown.token, position, chosen, code.details.open, memory.setup_open].join();
  if (!code.details.open || code.shown === key) return;  // shut, the panel costs the step nothing
  const programs = code_at(shown, position);
  if (!programs) return;
  code.shown = key;
  const program = programs[chosen];
  const buttons = ["rows", "columns"].map((c) =>
    `<button type="button" data-convention="${c}" aria-pressed="${c === chosen}">${escape(words[c])}</button>`).join("");
  code.body.innerHTML =  // escaped text only: the programs are the engine's, their words the server's
    `<div class="bp-code-bar"><div role="group" aria-label="${escape(words.convention)}">${buttons}</div>` +
    `<button type="button" class="bp-copy-code">${escape(words.copy_code)}</button></div>` +
    `<pre class="bp-source" tabindex="0"><code>${escape(program.source)}</code></pre>` +
    `<p class="bp-prints">${escape(words.prints)}</p><pre class="bp-printed" tabindex="0">${escape(program.printed)}</pre>` +
    `<details class="bp-setup"${memory.setup_open ? " open" : ""}><summary>${escape(words.setup)}</summary>` +
    `<pre tabindex="0"><code>${escape(programs.setup[chosen])}</code></pre></details>`;
}

function copy_program(graph, button) {  // the setup and every step up to this one: a program that runs as copied
  const shown = view(), ui = memory.current, position = ui && !ui.closed ? ui.position : graph.start, chosen = convention();
  const parts = [code_at(shown, position)?.setup[chosen]];
  for (let p = 1; p <= position; p++) parts.push(code_at(shown, p)?.[chosen].source);
  if (parts.some((part) => !part)) return;  // a step not computed yet: nothing half copied
  const words = graph.words;
  copy_text(button, parts.join("\n"), {done: words.code_copied, by_hand: words.copy_by_hand, label: words.copy_code});
}
