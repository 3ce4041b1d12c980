// The quiz's checks, mirrored for the browser: backprop/quiz.py's close and check, the pass's progress as
// ui/explorer/state.py reads it (pending, unlocked, step_targets), and ui/explorer/quiz.py's score and feedback. The
// questions themselves come from the server, drawn by the core; the page checks an answer against them at once.
// tests/test_engine_quiz.py holds each function to the core's, and each sentence to the core's, byte for byte.
const v = new URL(import.meta.url).search;  // the modules of one version load together
const {format_g} = await import(new URL("./latex.js" + v, import.meta.url));

export const RELATIVE = 0.01, ABSOLUTE = 0.005;  // right within 1 %, or to 2 decimals for small numbers

// ---------------------------------------------------------------- backprop/quiz.py
export function close(answer, value) {
  return Math.abs(answer - value) <= Math.max(RELATIVE * Math.abs(value), ABSOLUTE);
}

export function check(question, answer) {  // {right, mistake}: the first known mistake the answer matches, if wrong
  if (close(answer, question.expected)) return {right: true, mistake: null};
  const found = question.mistakes.find(([, value]) => close(answer, value));
  return {right: false, mistake: found ? found[0] : null};
}

// ---------------------------------------------------------------- ui/explorer/state.py: the pass's progress
export function unanswered(questions, answers) {  // the questions still to answer, in step order
  return questions.filter((q) => !(q.position in answers));
}

export function pending(questions, answers) {  // the question to answer next, or null
  return unanswered(questions, answers)[0] ?? null;
}

export function unlocked(questions, answers, n_steps) {  // the last position the learner may see
  const next = pending(questions, answers);
  return next === null ? n_steps : next.position - 1;
}

export function step_targets(position, last, loss_position, n_steps) {  // where each stepping button leads
  return {reset: 0, prev: Math.max(position - 1, 0), next: Math.min(position + 1, last),
          forward: Math.min(loss_position, last), backward: Math.min(n_steps - 1, last)};
}

// ---------------------------------------------------------------- ui/explorer/quiz.py
export function score(questions, answers) {  // {right, answered, skipped, asked}
  const verdicts = Object.values(answers).map((a) => a.verdict), checked = verdicts.filter((x) => x !== null);
  return {right: checked.filter((x) => x.right).length, answered: checked.length,
          skipped: verdicts.length - checked.length, asked: questions.length};
}

const fill = (template, fields) => template.replace(/\{(\w+)\}/g, (whole, name) => (name in fields ? fields[name] : whole));

export function feedback(question, given, words) {  // [level, sentence] for an answered question, in the server's words
  const value = format_g(question.expected, 6);
  if (given.verdict === null) return ["info", fill(words.skipped, {value})];
  if (given.verdict.right) return ["success", fill(words.right, {text: given.text, value})];
  const why = given.verdict.mistake ? " " + fill(words.looks_like, {mistake: given.verdict.mistake}) : "";
  return ["error", fill(words.wrong, {text: given.text, value}) + why];
}
