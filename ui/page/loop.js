// What the page computes itself, with the engine (static/engine/): Apply update, a typed weight or bias, and a
// Train, played live; each then reaches the server, which takes it with the core (ui/explorer/page_loop.py).
function page_view(e, shown, model, walk, base, count, locked = null) {  // a view computed in the page, from the engine
  // count: the changes since base, or "e…" for an edit; locked, in a quiz: what quiz_lock says (quiz.js)
  const token = `${base}+${count}`;
  return {base, count, token, model, walk, layouts: shown.layouts, figures: [], steps: [],
          ...computing(e, model, walk, shown.layouts, token, locked), loss_text: loss_text(e, model, walk)};
}

function computing(e, model, walk, layouts, token, locked) {  // a view's graph and step at any position, by the engine
  const last = locked ? locked.last : walk.steps.length, pick = locked ? locked.pick : model.pick;
  return {
    figure_of: (p) => (p > last ? null : {layout: {...layouts[p], meta: {...layouts[p].meta, bp: `${token}:${p}`}},
      data: e.graph.network_figure_data(e.graph.graph_view(model.network, walk, p, model.show, model.sample, pick,
                                                           locked ? locked.updates_known : true, model.names),
                                        model.style.px, model.names, model.style)}),
    step_of: (p) => (p === 0 || p > last ? null : {position: walk.steps[p - 1].position, summary: walk.steps[p - 1].summary,
                                                equations: walk.steps[p - 1].equations,
                                                table: e.tables.step_cells(walk.steps[p - 1], model.names)}),
    code_of: (p) => (p === 0 || p > last ? null : e.code.step_programs(model.network, walk, model.x, model.y,
                                                                       model.learning_rate, p, model.words.code)),
  };
}

function walk_of(e, model) {  // the walk-through of the model's network, as backprop.steps.walkthrough gives it
  return e.steps.walkthrough(model.network, model.x, model.y, model.learning_rate, model.sample, model.words);
}

function shown_walk(e, shown) {  // the walk-through of a view's own model, computed once
  return shown.walk ??= walk_of(e, shown.model);
}

function loss_text(e, model, walk) {  // the stepper's loss, as ui/explorer/stepper.py's loss_value writes it
  let value = e.latex.format_g(walk.backward.loss, 6);
  if (e.trace.clipped(model.network.loss, walk.forward.output, model.y)) value = fill(model.texts.clipped, {value});
  return fill(model.texts.loss, {value});
}

function refusal(e, model, why) {  // ExplorerState.apply_update's refusal, in the page
  const reason = why.why === "not_finite" ? model.texts.not_finite
                                          : fill(model.texts.too_large, {largest: e.latex.format_g(why.largest, 3)});
  const text = fill(model.texts.refused, {why: reason});
  return ["error", text[0].toUpperCase() + text.slice(1)];
}

function said(e, model, walk) {  // ExplorerState.apply_update's message, in the page
  const fields = {before: e.latex.format_g(walk.backward.loss, 6), after: e.latex.format_g(walk.loss_after, 6)};
  return walk.loss_after > walk.backward.loss ? ["warning", fill(model.texts.rose, fields)]
                                               : ["success", fill(model.texts.applied, fields)];
}

function apply(ui) {  // Apply update: computed here when the page holds the model, then replayed by the server
  if (memory.training) return;  // Pause first: the run's epochs are the next pass's start
  // an edit, a run or a quiz's answers on their way: the update follows them
  if (memory.local && (typeof memory.local.count !== "number" || memory.local.quiz)) {
    memory.waiting = () => apply(ui);
    return;
  }
  const shown = view(), base = memory.local ? memory.local.base : ui.data.token, e = memory.modules;
  if (!memory.chain || memory.chain.base !== base) memory.chain = {base, count: 0};
  // a quiz (a new pass draws new questions), a view still on its way, or an engine not loaded yet: the server
  // applies it, and its view follows
  if (!shown || !shown.model || shown.model.quiz || shown.token !== ui.token || !e) {
    send_updates(base, ++memory.chain.count);
    return;
  }
  const model = shown.model;
  const walk = shown_walk(e, shown);
  const why = e.training.divergence(walk.loss_after, walk.update.network_after);
  if (why) {
    ui.notice = refusal(e, model, why);
    render(ui);
    return;
  }
  const after = {...model, network: walk.update.network_after};
  const walk_after = walk_of(e, after);
  memory.local = page_view(e, shown, after, walk_after, base, ++memory.chain.count);
  memory.local.chain = "update";
  memory.local.update = said(e, model, walk);
  ui.notice = null;
  ui.token = memory.local.token;
  ui.position = memory.positions[ui.token] = 0;
  render(ui);
  draw();
  send_updates(base, memory.chain.count);
}

function typed(event) {  // a weight or bias typed into the pick's editor (a Streamlit field): computed here at once
  const ui = memory.current, shown = view(), e = memory.modules, field = event.target;
  if (event.type === "keydown" && event.key !== "Enter") return;
  // a view of the page's own still on its way, or no engine yet: the server alone takes this edit
  if (!ui || ui.closed || memory.local || !shown || !shown.model?.edit_key || shown.model.quiz || !e ||
      shown.token !== ui.token) return;
  if (!(field instanceof HTMLInputElement) || !field.closest(`.st-key-${shown.model.edit_key}`)) return;
  const number = e.numbers.read_number(field.value);
  if (number === null || !(Math.abs(number) <= e.trace.MAX_ABS_PARAMETER)) return;  // the server says why
  const model = shown.model, pick = model.pick, layers = model.network.layers.map((layer) => ({...layer}));
  const now = pick.kind === "edge" ? layers[pick.layer].weights[pick.i][pick.j] : layers[pick.layer - 1].biases[pick.i];
  // the value it holds already (a change event once the server's view has come): no edit, and no view of the page's
  // own, which no server view would then replace
  if (number === now) return;
  if (pick.kind === "edge") {
    const layer = layers[pick.layer];
    layer.weights = layer.weights.map((row, i) => (i === pick.i ? row.map((w, j) => (j === pick.j ? number : w)) : row));
  } else {
    const layer = layers[pick.layer - 1];
    layer.biases = layer.biases.map((b, i) => (i === pick.i ? number : b));
  }
  const after = {...model, network: {...model.network, layers}};
  const walk = walk_of(e, after);
  memory.local = page_view(e, shown, after, walk, ui.data.token, `e${++memory.sequence}`);
  memory.local.update = ui.data.update;
  memory.positions[memory.local.token] = ui.position;  // an edit keeps the learner on their step
  ui.token = memory.local.token;
  render(ui);
  draw();
}

if (!memory.typing) {  // once per page; ahead of Streamlit's own handlers, which then send the field to the server
  memory.typing = true;
  document.addEventListener("keydown", typed, true);
  document.addEventListener("change", typed, true);
}

// ---------------------------------------------------------------- the page's own training, played live
function whole(e, text, low, high) {  // a whole number from low to high, as backprop.numbers.read_whole takes one
  const number = e.numbers.read_number(text);
  return number !== null && Number.isInteger(number) && number >= low && number <= high ? number : null;
}

function field_value(key) {
  return document.querySelector(`.st-key-${key} input`)?.value;
}

function clicked_train(event) {  // Train: a run the page can take on, trained here and drawn as it goes
  const ui = memory.current, shown = view(), e = memory.modules, plan = shown?.model?.train;
  if (!ui || ui.closed || memory.local || memory.training || !plan || shown.model.quiz || !e ||
      shown.token !== ui.token) return;
  if (!event.target.closest?.(`.st-key-${plan.button} button`)) return;
  const epochs = whole(e, field_value(plan.epochs), 1, plan.limit);
  const batch = whole(e, field_value(plan.batch), 0, plan.largest_batch);  // past it, the server refuses it
  if (epochs === null || batch === null) return;  // the server's to refuse, in its words
  const batch_size = batch === 0 || batch >= plan.samples ? null : batch;  // as ExplorerState.set_batch_size reads it
  const batches = batch_size === null ? 1 : Math.ceil(plan.samples / batch_size);
  if (epochs * (plan.cost[0] + plan.cost[1] * batches) > plan.budget) return;  // the server's, with its progress bar
  event.preventDefault();
  event.stopImmediatePropagation();  // Streamlit never hears this click: the server replays the run instead
  play(ui, shown, e, epochs, batch, batch_size);
}

function play(ui, shown, e, epochs, batch, batch_size) {  // about 60 frames whatever the run's length, each redrawn
  const model = shown.model, base = ui.data.token, per_frame = Math.max(1, Math.ceil(epochs / 60));
  const run = memory.training = {done: 0, network: model.network, paused: false, frames: 0, start: performance.now(),
                                 losses: []};
  const curve = document.querySelector(".st-key-loss_curve .js-plotly-plot");
  const frame = () => {
    const first = model.train.done + run.done + 1;
    const result = e.training.train(run.network, model.x, model.y, model.learning_rate,
                                    Math.min(per_frame, epochs - run.done), batch_size, model.train.seed, first - 1,
                                    model.train.stop, run.losses);  // a Stop judges the whole run, not this frame
    run.network = result.network;
    run.done += result.losses.length;
    run.losses.push(...result.losses);
    if (result.losses.length) run.loss = result.losses[result.losses.length - 1];
    if (curve && memory.Plotly && result.losses.length) {  // the loss curve grows as the epochs come in
      memory.Plotly.extendTraces(curve, {x: [result.losses.map((_, k) => first + k)], y: [result.losses]}, [0]);
    }
    if (result.diverged_at !== null) run.done += 1;  // the core stops at the same epoch, and says why
    const trained = {...model, network: run.network};
    memory.local = page_view(e, shown, trained, walk_of(e, trained), base, `t${run.done}`);
    memory.local.update = ui.data.update;
    memory.positions[memory.local.token] = ui.position;
    ui.token = memory.local.token;
    ui.notice = ["info", fill(ui.data.words.training, {done: `${Math.floor(100 * run.done / epochs)}%`})];
    render(ui);
    draw();
    run.frames += 1;
    if (run.done < epochs && result.diverged_at === null && !result.stopped && !run.paused && !ui.closed) {
      requestAnimationFrame(frame);
      return;
    }
    memory.training = null;
    memory.last_run = {epochs: run.done, frames: run.frames, ms: performance.now() - run.start, loss: run.loss};  // played
    ui.notice = null;
    render(ui);
    send_training(base, run.done, batch);
  };
  render(ui);
  requestAnimationFrame(frame);
}

function send_training(base, epochs, batch) {  // the server trains the same epochs with the core, in the background
  const updates = memory.updates;
  if (updates && !updates.closed && epochs > 0) updates.setStateValue("train", [base, epochs, ++memory.sequence, batch]);
}

if (!memory.training_clicks) {  // once per page, ahead of Streamlit's own handler
  memory.training_clicks = true;
  document.addEventListener("click", clicked_train, true);
}

function send_updates(base, count) {  // the server replays the page's updates with the core, in the background
  const updates = memory.updates;
  if (updates && !updates.closed) updates.setStateValue("update", [base, count, ++memory.sequence]);
}

function show_updates(component) {  // the updates' sync: no element; the page's updates reach the server through it
  const updates = memory.updates = {setStateValue: component.setStateValue};
  return () => { updates.closed = true; };
}
