// The quiz's panel, drawn by the graph's component above the graph, and its checks. The page checks an answer with
// the engine (static/engine/quiz.js) and shows the verdict and the step it unlocks in the next frame; the server then
// takes the same answers with the core (replay_quiz in ui/explorer/page_loop.py), and its view replaces the page's.
// A prediction that is not a number goes to the server alone, which refuses it in its own words.
const MAX_PREDICTION = 1e300;  // ui/explorer/quiz.py's answer reads no number past it

function element(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

function build_quiz(parent) {  // the question, the prediction with Check, Hint and Skip, and what the last answer got
  const q = {box: element("div", "bp-quiz"), form: element("form", "bp-ask"), question: element("p", "bp-question"),
             label: element("span"), field: element("input"), help: element("div", "bp-help"),
             check: element("button", "bp-primary"), hint: element("button"), skip: element("button"),
             said: element("div", "bp-said"), done: element("div", "bp-told bp-success"), told: element("div", "bp-told bp-verdict"),
             answer: element("div", "bp-answer"), caption: element("p", "bp-caption"), hinted: element("div", "bp-hint")};
  const label = element("label", "bp-label"), buttons = element("div", "bp-quiz-buttons"), row = element("div", "bp-quiz-row");
  q.box.hidden = true;
  Object.assign(q.field, {type: "text", autocomplete: "off", spellcheck: false});
  q.help.id = "bp-quiz-help";
  q.field.setAttribute("aria-describedby", q.help.id);
  q.check.type = "submit";
  q.hint.type = q.skip.type = "button";
  q.said.setAttribute("role", "alert");
  q.told.setAttribute("role", "status");
  q.told.tabIndex = q.done.tabIndex = -1;  // focus moves here after an answer: the arrow keys then step again
  label.append(q.label, q.field);
  buttons.append(q.check, q.hint, q.skip);
  q.form.append(q.question, label, q.help, buttons, q.said);
  row.append(q.form, q.done, q.told);
  q.box.append(row, q.answer, q.caption, q.hinted);
  q.form.addEventListener("submit", (event) => { event.preventDefault(); act("answer", q.field.value); });
  q.hint.addEventListener("click", () => act("hint", ""));
  q.skip.addEventListener("click", () => act("skip", ""));
  parent.prepend(q.box);
  return q;
}

function prose(template, fields) {  // a sentence of the catalogue as HTML: fields escaped, **bold** kept as Markdown says
  return escape(fill(template, fields)).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>");
}

function inline_math(tex) {
  return memory.katex.renderToString(tex, {throwOnError: false});
}

function display_math(tex) {
  return memory.katex.renderToString(tex, {displayMode: true, throwOnError: false});
}

function render_quiz(graph) {  // the panel of the view on show; drawn again only when what it shows changes
  const shown = view(), quiz = shown && shown.quiz, q = graph.quiz_ui;
  set(q.box, "hidden", !quiz);
  if (!quiz) return;
  if (!memory.katex) {
    library(graph.katex).then((katex) => { memory.katex = katex; if (!graph.closed) render_quiz(graph); });
    return;
  }
  q.box.classList.toggle("bp-large", Boolean(graph.projector));
  const said = graph.quiz_said, drawn = [shown.token, quiz.hints.join(), said ? said.join() : ""].join("|");
  if (q.drawn === drawn) return;
  q.drawn = drawn;
  const w = quiz.words, asked = quiz.questions.find((question) => question.position === quiz.pending) ?? null;
  const score = quiz.score, last = quiz.questions.find((question) => question.position === quiz.last) ?? null;
  set(q.form, "hidden", !asked);
  set(q.done, "hidden", Boolean(asked));
  if (asked) {
    const answered = quiz.questions.filter((question) => question.position in quiz.answers).length;
    const [before, after] = w.question.split("{symbol}");
    const fields = {k: answered + 1, asked: score.asked, right: score.right, answered: score.answered,
                    position: asked.position, place: asked.where};
    q.question.innerHTML = prose(before, fields) + inline_math(asked.symbol) + prose(after ?? "", fields);
    if (q.field.dataset.position !== String(asked.position)) {  // a new question: an empty field
      q.field.value = "";
      q.field.dataset.position = asked.position;
    }
  } else {
    const template = score.skipped ? w.complete_skipped : w.complete;
    set(q.done, "textContent", fill(template, score) + " " + w.next_pass);
  }
  for (const [name, node] of [["label", q.label], ["help", q.help], ["check", q.check], ["hint", q.hint], ["skip", q.skip]]) {
    set(node, "textContent", w[name]);
  }
  set(q.said, "className", said ? `bp-said bp-${said[0]}` : "bp-said");
  set(q.said, "textContent", said ? said[1] : "");
  const [level, text] = quiz.feedback ?? ["", ""];
  set(q.told, "hidden", !quiz.feedback);
  set(q.told, "className", `bp-told bp-verdict bp-${level}`);
  set(q.told, "textContent", text);
  q.answer.innerHTML = last ? display_math(last.answer) : "";  // KaTeX's markup only
  const hinted = asked && quiz.hints.includes(asked.position);
  set(q.caption, "textContent", hinted ? w.hint_caption : "");
  q.hinted.innerHTML = hinted ? display_math(asked.hint) : "";
}

function quiz_lock(e, quiz, model, n) {  // as ui/explorer/stepper.py's figure_at: what a quiz's answers so far unlock
  const asked = e.quiz.pending(quiz.questions, quiz.answers);
  return {asked, last: e.quiz.unlocked(quiz.questions, quiz.answers, n),
          // the graph rings the number asked, and keeps Δw off it while a question may still ask an updated weight
          pick: model.pick ?? (asked && asked.place.kind !== "loss" ? asked.place : null),
          updates_known: !e.quiz.unanswered(quiz.questions, quiz.answers).some((q) => q.kind === "new_weight")};
}

function quiz_view(e, shown, quiz, base, count) {  // the view after the page's own answers: the steps they unlock
  const model = shown.model, n = shown_walk(e, shown).steps.length;
  const locked = quiz_lock(e, quiz, model, n), asked = locked.asked;
  const local = page_view(e, shown, model, shown.walk, base, count, locked);
  local.targets = Array.from({length: n + 1}, (_, p) => e.quiz.step_targets(p, locked.last, quiz.loss_position, n));
  if (locked.last < quiz.loss_position) local.loss_text = fill(model.texts.loss, {value: "?"});  // still to be asked
  const answered = quiz.questions.filter((q) => q.position in quiz.answers), previous = answered.at(-1) ?? null;
  local.quiz = {...quiz, pending: asked ? asked.position : null, score: e.quiz.score(quiz.questions, quiz.answers),
                last: previous ? previous.position : null,
                feedback: previous ? e.quiz.feedback(previous, quiz.answers[previous.position], quiz.words) : null};
  return local;
}

function act(kind, text) {  // Check, Hint or Skip: computed here, then sent to the server with the page's others
  const ui = memory.current, graph = memory.graph, shown = view(), e = memory.modules;
  if (!ui || ui.closed || !graph || !shown || !shown.quiz || shown.quiz.pending === null) return;
  const quiz = shown.quiz, position = quiz.pending, base = memory.local ? memory.local.base : ui.data.token;
  if (!memory.answers || memory.answers.base !== base) memory.answers = {base, actions: []};
  memory.answers.actions.push([position, kind, text]);
  graph.quiz_said = null;  // a refusal lasts until the learner tries again
  if (!e || shown.token !== ui.token) {  // no engine yet, or a view on its way: the server alone takes it
    send_quiz();
    render_quiz(graph);
    return;
  }
  const asked = quiz.questions.find((q) => q.position === position);
  const number = kind === "answer" ? e.numbers.read_number(text) : null;
  const readable = number !== null && Math.abs(number) <= MAX_PREDICTION;
  let answers = quiz.answers, hints = quiz.hints;
  if (kind === "hint") hints = [...hints, position];
  else if (kind === "skip") answers = {...answers, [position]: {text: "", verdict: null}};
  // not a number the quiz reads: nothing changes here, and the server refuses it in its own words
  else if (readable) answers = {...answers, [position]: {text: text.trim(), verdict: e.quiz.check(asked, number)}};
  memory.local = quiz_view(e, shown, {...quiz, answers, hints}, base, memory.answers.actions.length);
  memory.local.chain = "quiz";
  memory.local.update = ui.data.update;
  memory.positions[memory.local.token] = ui.position;  // the learner stays on their step; Next now reaches further
  ui.token = memory.local.token;
  render(ui);
  draw();
  send_quiz();
  if (answers !== quiz.answers) graph.quiz_ui.told.focus({preventScroll: true});
}

function send_quiz() {  // the chain of the page's answers since its base view, for replay_quiz
  const updates = memory.updates, {base, actions} = memory.answers;
  if (updates && !updates.closed) updates.setStateValue("quiz", [base, actions.length, ++memory.sequence, actions]);
}
