"""The page's quiz (static/engine/quiz.js) against the server's, under Node: a whole pass answered in turn, right,
within the tolerance, just outside it, as each known mistake, wildly wrong, or skipped, on every preset and on drawn
networks of every activation × loss. After each answer the page's verdict, feedback sentence (byte for byte), score,
next question, last step it may show and stepping targets must be the core's. The questions travel as the server
sends them (ui/explorer/page_loop.py's page_quiz), through JSON."""
import json

import numpy as np

from engine_node import run_node
from helpers import HIDDEN_ACTIVATIONS, LOSS_OUTPUTS
from ui.explorer import quiz
from ui.explorer.link import state_from_link
from ui.explorer.page_loop import page_quiz

RUN = """
const quiz = await engine("quiz.js");
const out = cases.map(({page, n_steps, answers}) => {
  const questions = page.questions.map((q) => ({...q, expected: Number(q.expected),
                                                mistakes: q.mistakes.map(([what, v]) => [what, Number(v)])}));
  const given = {}, seen = [];
  for (const [text, number] of answers) {
    const asked = quiz.pending(questions, given);
    given[asked.position] = text === null ? {text: "", verdict: null}
                                          : {text: text.trim(), verdict: quiz.check(asked, number)};
    const last = quiz.unlocked(questions, given, n_steps);
    seen.push({feedback: quiz.feedback(asked, given[asked.position], page.words), score: quiz.score(questions, given),
               pending: quiz.pending(questions, given)?.position ?? null, unlocked: last,
               targets: Array.from({length: n_steps + 1},
                                   (_, p) => quiz.step_targets(p, last, page.loss_position, n_steps))});
  }
  return seen;
});
process.stdout.write(JSON.stringify(out));
"""


def links() -> list[dict[str, str]]:
    found = [{"quiz": "1", "preset": name} for name in ("seed", "mazur", "xor")]
    for k, ((loss, output), hidden) in enumerate((pair, act) for pair in LOSS_OUTPUTS for act in HIDDEN_ACTIVATIONS):
        sizes = ["3", "2", "3"] if k % 2 else ["2", "3", "2", "2"]
        acts = [hidden] * (len(sizes) - 2) + [output]
        found.append({"quiz": "1", "draw": str(k), "sizes": "-".join(sizes), "act": ".".join(acts), "loss": loss})
    return found


def answers_for(state, rng) -> list[tuple[str | None, float | None]]:
    """One answer per question: right, near, just outside, a known mistake, far off, or skipped (None)."""
    chosen = []
    for question in state.questions.values():
        value, options = question.expected, ["right", "near", "outside", "far", "skip"]
        if question.mistakes:
            options.append("mistake")
        pick = options[int(rng.integers(len(options)))]
        if pick == "skip":
            chosen.append((None, None))
            continue
        number = {"right": value, "near": value * 1.009 if abs(value) > 1 else value + 0.004,
                  "outside": value * 1.011 + (0.006 if abs(value) <= 1 else 0), "far": value * 3 + 7,
                  "mistake": question.mistakes[0][1] if question.mistakes else value}[pick]
        chosen.append((f"  {number!r} " if pick == "near" else repr(number), number))
    return chosen


def test_the_page_checks_a_whole_pass_as_the_core_does():
    rng = np.random.default_rng(28)
    cases, states = [], []
    for link in links():
        state = state_from_link(link)
        assert state.quiz and state.questions, link
        page = json.loads(json.dumps(page_quiz(state)))  # as the page receives it
        answers = answers_for(state, rng)
        cases.append({"page": page, "n_steps": state.n_steps, "answers": answers})
        states.append((link, answers))
    checked = 0
    for (link, answers), seen in zip(states, run_node(RUN, cases)):
        state = state_from_link(link)
        for (text, _number), mirrored in zip(answers, seen):
            asked = state.pending
            if text is None:
                quiz.skip(state)
            else:
                quiz.answer(state, text)
            assert state.message is None, state.message  # every answer here is a number the core reads
            assert mirrored["feedback"] == list(quiz.feedback(asked, state.answers[asked.position])), link
            assert mirrored["score"] == quiz.score(state)._asdict()
            assert mirrored["pending"] == (state.pending.position if state.pending else None)
            assert mirrored["unlocked"] == state.unlocked
            assert mirrored["targets"] == [state.step_targets(p) for p in range(state.n_steps + 1)]
            checked += 1
        assert state.pending is None  # the whole pass was answered
    assert checked > 200
