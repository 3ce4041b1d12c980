// The stepper's elements, and the module's entry: each component's role.
function build_stepper(parentElement) {  // the buttons, the status line, the progress bar, and Apply update
  const root = document.createElement("div"), row = document.createElement("div");
  root.className = "bp-stepper";
  row.className = "bp-row";
  const ui = {buttons: {}, token: null, root, notice: null};
  for (const action of BUTTONS) {
    const button = document.createElement("button");
    button.dataset.action = action;
    if (action === "next") button.className = "bp-primary";
    button.addEventListener("click", () => go(ui, action));
    row.appendChild(button);
    ui.buttons[action] = button;
  }
  const play = document.createElement("div");  // autoplay: the button Space presses, and its speed
  play.className = "bp-play";
  ui.play = document.createElement("button");
  ui.play.addEventListener("click", () => toggle_play(ui));
  ui.speed = document.createElement("select");
  for (const ms of SPEEDS) ui.speed.add(new Option("", String(ms)));
  ui.speed.addEventListener("change", () => {
    memory.speed = Number(ui.speed.value);
    keep(SPEED_KEY, ui.speed.value);
  });
  play.append(ui.play, ui.speed);
  ui.apply = document.createElement("button");
  ui.apply.className = "bp-apply";
  ui.apply.addEventListener("click", () => apply(ui));
  const status = ui.status = document.createElement("div");
  status.className = "bp-status";
  status.setAttribute("aria-live", "polite");  // a screen reader hears each step's name and the loss as they come
  ui.position_text = document.createElement("span");
  ui.position_text.className = "bp-position";
  ui.loss = document.createElement("span");
  ui.loss.className = "bp-loss";
  status.append(ui.position_text, ui.loss, copy_button(ui));
  ui.update = document.createElement("div");
  ui.update.setAttribute("role", "status");
  const bar = document.createElement("div");
  bar.className = "bp-bar";
  ui.bar = document.createElement("div");
  bar.appendChild(ui.bar);
  const main = document.createElement("div"), side = document.createElement("div");
  main.className = "bp-main";
  side.className = "bp-side";  // Apply update, and what it said, beside the stepping (as tall, so nothing moves)
  main.append(row, status, bar);
  ui.pause = document.createElement("button");
  ui.pause.className = "bp-pause";
  ui.pause.hidden = true;
  ui.pause.addEventListener("click", () => { if (memory.training) memory.training.paused = true; });
  side.append(ui.apply, play, ui.pause, ui.update);  // autoplay beside the pass, so the row keeps one line
  root.append(main, side);
  parentElement.appendChild(root);
  return parentElement.__stepper = ui;
}

export default function (component) {
  const { data, parentElement } = component;
  if (data.role === "graph") return show_graph(component);
  if (data.role === "sync") return show_sync(component);
  if (data.role === "updates") return show_updates(component);
  if (data.role === "chart") return show_chart(component);
  if (data.role === "formula") return show_formula(component);
  if (data.role === "page") return show_page(component);
  const ui = parentElement.__stepper ?? build_stepper(parentElement);
  memory.current = ui;
  if (memory.autoplay?.ui.closed) memory.autoplay.ui = ui;  // a page run rebuilt the stepper while it played
  settle(data);
  ui.data = data;
  ui.notice = null;  // a refusal the page said lasts until the server speaks again
  const token = memory.local ? memory.local.token : data.token;
  if (ui.token !== token) {  // a new view (network, data, show mode, pick): it starts where the server was
    ui.token = token;
    ui.position = memory.positions[token] ?? data.start;
  }
  render(ui);
  draw();
  return () => { ui.closed = true; delete parentElement.__stepper; };
}
