"""The reveal's summary of a class's answers: every answer in a bin, the right share, the mistakes commonest first."""
from backprop.classroom import ClassAnswer, summary


def test_every_answer_falls_in_a_bin_that_spans_the_right_one_too():
    answers = [ClassAnswer(v, v == 2.0, None if v == 2.0 else "m") for v in (2.0, 2.0, 5.0, -1.0)]
    done = summary(answers, 2.0)
    assert sum(done.counts) == 4 and done.edges[0] == -1.0 and done.edges[-1] == 5.0
    assert done.right == 0.5 and done.mistakes == (("m", 0.5),)


def test_one_value_for_all_still_draws_a_histogram_and_no_answer_draws_none():
    done = summary([ClassAnswer(0.0, True, None)] * 3, 0.0)
    assert sum(done.counts) == 3 and done.edges[0] < 0.0 < done.edges[-1]
    assert summary([], 1.0) == (0, 0.0, (), (), ())


def test_mistakes_come_commonest_first_then_by_name():
    answers = [ClassAnswer(1.0, False, m) for m in ("b", "a", "b", "c", "a", "b")]
    assert [what for what, _ in summary(answers, 0.0).mistakes] == ["b", "a", "c"]
