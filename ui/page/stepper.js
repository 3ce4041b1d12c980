// The stepper's buttons and keys, its status, and the position's sync.
function copy_button(ui) {  // the address bar holds the state; the step on screen may not have synced yet
  const button = document.createElement("button");
  button.className = "bp-copy";
  ui.copy = button;
  button.addEventListener("click", () => {
    const url = new URL(window.location.href), key = ui.data.step_key, words = ui.data.words;
    if (ui.position) url.searchParams.set(key, ui.position); else url.searchParams.delete(key);
    copy_text(button, url.href, {done: words.copied, by_hand: words.copy_by_hand, label: words.copy});
  });
  return button;
}

function sync() {  // tell the server where the learner is in the sync's view, if the stepper has moved there
  const s = memory.sync, p = s && !s.closed ? memory.positions[s.token] : undefined;
  if (p === undefined || p === s.sent) return;
  s.sent = p;
  s.setStateValue("position", [p, ++memory.sequence]);
}

function go(ui, action) {  // a button or a key: move, tell the server, redraw
  const p = target(ui, action);
  if (p === ui.position) return;
  ui.position = memory.positions[ui.token] = p;
  // draw first, and tell the server once that frame is painted: Streamlit's own work on the message (its rerun's
  // start) would otherwise come before the redraw
  render(ui);
  draw();
  requestAnimationFrame(() => setTimeout(sync, 0));
}

function show_sync(component) {  // the sync's component: a stepper's move reaches the server through it
  const { data, setStateValue } = component;
  const s = memory.sync = {token: data.token, setStateValue, sent: memory.sync?.token === data.token ?
                           memory.sync.sent : undefined};
  sync();  // a move made before this view's sync was drawn
  return () => { s.closed = true; };
}

function typing(target) {  // keys typed into a field are the learner's, not the stepper's
  return target.closest && target.closest("input, textarea, select, [contenteditable=true], [role=combobox]");
}

// ---------------------------------------------------------------- autoplay: Space plays the pass, step by step
const SPEED_KEY = "bp-autoplay-speed";

function speed() {  // milliseconds a step stays on screen: the presenter's pick, kept across reloads
  if (memory.speed === undefined) {
    const chosen = Number(kept(SPEED_KEY));
    memory.speed = SPEEDS.includes(chosen) ? chosen : SPEEDS[1];
  }
  return memory.speed;
}

function playing(ui) {
  return Boolean(memory.autoplay && memory.autoplay.ui === ui);
}

function start_playing(ui) {  // from the next step on, one step per `speed()`; from the start again when the pass is over
  stop_playing();
  if (target(ui, "next") === ui.position) {
    if (ui.position !== ui.data.n) return;  // a quiz's question waits for its answer
    go(ui, "reset");
  }
  const tick = () => {  // the stepper may have been rebuilt by a page run since: the run goes on in the new one
    const now = memory.autoplay?.ui;
    if (!now || now.closed || memory.training) return stop_playing();
    go(now, "next");
    if (target(now, "next") === now.position) return stop_playing();
    memory.autoplay.timer = setTimeout(tick, speed());
  };
  memory.autoplay = {ui, token: ui.token, timer: setTimeout(tick, speed())};
  render(ui);
}

function stop_playing() {
  const playing_now = memory.autoplay;
  if (!playing_now) return;
  clearTimeout(playing_now.timer);
  memory.autoplay = null;
  if (!playing_now.ui.closed) render(playing_now.ui);
}

function toggle_play(ui) {
  if (playing(ui)) stop_playing(); else start_playing(ui);
}

function interactive(event) {  // Space on a control is the control's (a button presses, the graph opens its editor);
  // a link is not one: Space only scrolls it, and the sidebar's link keeps the focus once it has opened the explorer
  const node = event.composedPath()[0];
  return node instanceof Element && Boolean(node.closest(
    "button, input, textarea, select, summary, [contenteditable=true], [role=button], [role=application], " +
    "[role=combobox], [role=checkbox], [role=switch], [role=radio], [role=tab], [role=slider]"));
}

if (!memory.keys) {  // once per page, so it works before anything is clicked
  memory.keys = true;
  document.addEventListener("keydown", (event) => {
    const ui = memory.current, action = KEYS[event.key];
    if (!ui || ui.closed || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (event.key === " " && !event.shiftKey && !interactive(event)) {  // Space: play the pass, or pause it
      event.preventDefault();  // the page would scroll
      toggle_play(ui);
      return;
    }
    const field = document.querySelector(".bp-quiz:not([hidden]) .bp-ask:not([hidden]) input");
    if (event.key === "Enter" && field) {  // a quiz: Enter goes to the prediction, typed from the keyboard alone
      event.preventDefault();
      field.focus();
      return;
    }
    if (!action) return;
    event.preventDefault();  // PageDown would scroll the page away from the graph
    go(ui, action);
  });
}

function render(ui) {
  const d = ui.data, p = ui.position, local = memory.local && memory.local.token === ui.token ? memory.local : null;
  ui.root.classList.toggle("bp-large", Boolean(d.projector));
  for (const [action, button] of Object.entries(ui.buttons)) set(button, "textContent", d.words[action]);
  if (!ui.copy.textContent.endsWith("✓")) set(ui.copy, "textContent", d.words.copy);
  set(ui.copy, "title", d.words.copy_help);
  set(ui.position_text, "textContent", d.texts[p]);
  set(ui.loss, "textContent", p >= d.loss_from ? (local ? local.loss_text : d.loss_text) : d.loss_waiting);
  set(ui.bar.style, "width", (100 * p / d.n) + "%");
  for (const [action, button] of Object.entries(ui.buttons)) set(button, "disabled", target(ui, action) === p);
  const on = playing(ui) && memory.autoplay.token === ui.token;
  if (playing(ui) && !on) stop_playing();  // a new view (an update, an edit): the presenter starts it again
  set(ui.play, "textContent", on ? d.words.pause_play : d.words.play);
  set(ui.play, "ariaPressed", on ? "true" : "false");
  set(ui.play, "title", d.words.play_help);
  set(ui.speed, "ariaLabel", d.words.speed);
  d.words.speeds.forEach((text, k) => set(ui.speed.options[k], "textContent", text));
  set(ui.speed, "value", String(speed()));
  set(ui.apply, "textContent", d.words.update);
  set(ui.pause, "textContent", d.words.pause);
  set(ui.pause, "hidden", !memory.training);
  set(ui.apply, "title", d.words.update_help);
  ui.apply.classList.toggle("bp-quiet", p < d.targets[0].backward);  // quiet until the backward pass is done
  const busy = memory.training ? "true" : "false";  // a run's frames are heard once, as it ends, not sixty times
  set(ui.status, "ariaBusy", busy);
  set(ui.update, "ariaBusy", busy);
  const [level, text] = ui.notice ?? (local ? local.update : d.update) ?? ["", ""];
  set(ui.update, "className", `bp-update bp-${level}`);
  set(ui.update, "textContent", text);
}
