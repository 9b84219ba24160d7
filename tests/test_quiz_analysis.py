"""Item analysis as Moodle computes it, checked against values worked out by hand."""

import dataclasses
import math
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from livermets_edu.quiz.analysis import analyse, marks_statistics
from livermets_edu.quiz.results import AttemptRecord, ItemResult
from livermets_edu.quiz.schema import parse_question

START = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)

# Five students, three one-mark items (1 = right, 0 = wrong). Totals T in the last column.
#          q1 q2 q3   T
HAND = {
    "s1": (1, 1, 1),  # 3
    "s2": (1, 1, 0),  # 2
    "s3": (1, 0, 1),  # 2
    "s4": (0, 1, 0),  # 1
    "s5": (0, 0, 0),  # 0
}


def attempt(number, student, marks, *, quiz="demo", minutes=None, max_score=1.0, drop=()):
    """An attempt with item q<n> marked marks[n-1] (a share of max_score); drop leaves items out."""
    items = [
        ItemResult(
            question_id=f"q{n}",
            type="true_false",
            response=bool(mark),
            score=float(mark),
            max_score=max_score,
        )
        for n, mark in enumerate(marks, start=1)
        if f"q{n}" not in drop
    ]
    submitted = START + timedelta(minutes=number if minutes is None else minutes)
    return AttemptRecord(
        attempt_id=f"att-{number}",
        student_id=student,
        quiz_id=quiz,
        mode="exam",
        seed=1,
        started_at=START,
        submitted_at=submitted,
        items=items,
        score=math.fsum(item.mark for item in items),
        max_score=max_score * len(items),
    )


def hand_records(**options):
    return [
        attempt(n, student, marks, **options) for n, (student, marks) in enumerate(HAND.items())
    ]


# Worked by hand (s = 5, p = 3, every (co)variance divided by s - 1 = 4):
#
# Item means 3/5, 3/5, 2/5 -> facility 60 %, 60 %, 40 %.
# Item variances: q1 deviations +.4,+.4,+.4,-.6,-.6 -> squares 3(.16) + 2(.36) = 1.2 -> 1.2/4 = .3;
#   q2 and q3 likewise 1.2/4 = .3. SD = sqrt(.3) = .547723 -> 54.7723 % of a 1-mark item.
# Totals T = 3,2,2,1,0, mean 1.6: deviations 1.4,.4,.4,-.6,-1.6 -> squares 1.96+.16+.16+.36+2.56
#   = 5.2 -> var T = 1.3, SD_T = sqrt(1.3) = 1.140175; median 2.
#
# q1: rest R = T - x = 2,1,1,1,0 (mean 1; deviations 1,0,0,0,-1; var 2/4 = .5).
#   cov = (.4·1 + .4·0 + .4·0 - .6·0 - .6·-1)/4 = 1.0/4 = .25
#   D = 100·.25/sqrt(.3·.5) = 25/.387298 = 64.5497
#   sorted x 0,0,1,1,1 (dev -.6,-.6,.4,.4,.4) with sorted R 0,1,1,1,2 (dev -1,0,0,0,1):
#   (.6 + 0 + 0 + 0 + .4)/4 = .25 -> DE = 100·.25/.25 = 100
# q2: R = 2,1,2,0,0 (mean 1; deviations 1,0,1,-1,-1; var 4/4 = 1); x deviations .4,.4,-.6,.4,-.6
#   cov = (.4 + 0 - .6 - .4 + .6)/4 = 0 -> D = 0, DE = 0
#   (cov_max: sorted R 0,0,1,2,2, dev -1,-1,0,1,1: (.6+.6+0+.4+.4)/4 = .5, not zero)
# q3: x = 1,0,1,0,0 (mean .4; deviations .6,-.4,.6,-.4,-.4); R = 2,2,1,1,0 (mean 1.2;
#   deviations .8,.8,-.2,-.2,-1.2; squares .64+.64+.04+.04+1.44 = 2.8 -> var .7)
#   cov = (.48 - .32 - .12 + .08 + .48)/4 = .6/4 = .15 -> D = 100·.15/sqrt(.3·.7) = 32.7327
#   sorted x 0,0,0,1,1 (dev -.4,-.4,-.4,.6,.6), sorted R 0,1,1,2,2 (dev -1.2,-.2,-.2,.8,.8):
#   (.48 + .08 + .08 + .48 + .48)/4 = .4 -> DE = 100·.15/.4 = 37.5
# Effective weight: cov(x, T) = var x + cov(x, R) = .55, .30, .45 (sum 1.3 = var T);
#   sqrt = .741620, .547723, .670820, sum 1.960163 -> 37.8346 %, 27.9427 %, 34.2227 %.
# CIC = 100·3/2·(1 - (.3+.3+.3)/1.3) = 150·.4/1.3 = 46.1538 %
# ER = 100·sqrt(1 - .461538) = 100·sqrt(7/13) = 73.3799 %
# SE = ER·SD_T/100 = sqrt(7/13)·sqrt(1.3) = sqrt(.7) = .836660 marks
# Skewness: m2 = 5.2/5 = 1.04, m3 = (2.744 + .064 + .064 - .216 - 4.096)/5 = -.288,
#   k2 = 5·1.04/4 = 1.3, k3 = 25·(-.288)/(4·3) = -.6 -> -.6/1.3^1.5 = -.404796
# Kurtosis: m4 = (3.8416 + .0256 + .0256 + .1296 + 6.5536)/5 = 2.1152,
#   k4 = 25·(6·2.1152 - 3·4·1.04²)/(4·3·2) = 25·(-.288)/24 = -.3 -> -.3/1.3² = -.177515
HAND_ITEMS = {
    # id: facility, SD %, D, DE, effective weight
    "q1": (60.0, 54.7723, 64.5497, 100.0, 37.8346),
    "q2": (60.0, 54.7723, 0.0, 0.0, 27.9427),
    "q3": (40.0, 54.7723, 32.7327, 37.5, 34.2227),
}


def close(value):
    return pytest.approx(value, abs=5e-4)


def test_item_statistics_match_the_hand_calculation():
    analysis = analyse(hand_records())
    assert [item.question_id for item in analysis.items] == ["q1", "q2", "q3"]
    for item in analysis.items:
        facility, sd, index, efficiency, weight = HAND_ITEMS[item.question_id]
        assert item.attempts == 5 and item.missing == 0 and item.max_mark == 1.0
        assert item.facility_percent == close(facility)
        assert item.sd_percent == close(sd)
        assert item.discrimination_index == close(index)
        assert item.discriminative_efficiency == close(efficiency)
        assert item.effective_weight == close(weight)
        assert item.notes == ()


def test_test_statistics_match_the_hand_calculation():
    summary = analyse(hand_records()).summary
    assert (summary.attempts, summary.items, summary.max_total) == (5, 3, 3.0)
    assert summary.mean == close(1.6) and summary.median == close(2.0)
    assert summary.mean_percent == close(53.3333)  # 1.6 of 3 marks
    assert summary.sd == close(1.140175)
    assert summary.sd_percent == close(38.0058)  # 1.140175 of 3 marks
    assert summary.cic == close(46.1538)
    assert summary.error_ratio == close(73.3799)
    assert summary.standard_error == close(0.836660)
    assert summary.skewness == close(-0.404796)
    assert summary.kurtosis == close(-0.177515)


def test_discrimination_is_the_item_rest_correlation():
    # Cross-check with numpy's Pearson correlation of each item with the rest of the test.
    marks = np.array(list(HAND.values()), dtype=float)
    rest = marks.sum(axis=1, keepdims=True) - marks
    analysis = analyse(hand_records())
    for column, item in enumerate(analysis.items):
        expected = 100 * np.corrcoef(marks[:, column], rest[:, column])[0, 1]
        assert item.discrimination_index == pytest.approx(expected, abs=1e-9)


def test_heavier_items_change_marks_but_not_the_percentages():
    # Every item worth 2 marks (same shares of credit): facility, D, DE and CIC are
    # scale-free; the SD of the totals and the standard error double.
    single, double = analyse(hand_records()), analyse(hand_records(max_score=2.0))
    for one, two in zip(single.items, double.items, strict=True):
        assert two.mean_mark == pytest.approx(2 * one.mean_mark)
        assert two.facility_percent == pytest.approx(one.facility_percent)
        assert two.sd_percent == pytest.approx(one.sd_percent)
        assert two.discrimination_index == pytest.approx(one.discrimination_index, abs=1e-9)
    assert double.summary.cic == pytest.approx(single.summary.cic)
    assert double.summary.sd == pytest.approx(2 * single.summary.sd)
    assert double.summary.standard_error == pytest.approx(2 * single.summary.standard_error)


def test_only_each_students_first_attempt_counts_by_default():
    later = attempt(9, "s5", (1, 1, 1), minutes=90)  # s5 tries again and gets all right
    analysis = analyse([later, *hand_records()])
    assert analysis.summary.attempts == 5
    assert analysis.item("q1").facility_percent == close(60.0)  # unchanged
    assert "1 later attempts left out" in analysis.summary.notes[0]
    every = analyse([later, *hand_records()], attempts="all")
    assert every.summary.attempts == 6
    assert every.item("q1").facility_percent == close(100 * 4 / 6)  # 3 + 1 right of 6


def test_a_student_id_typed_in_another_case_is_the_same_student():
    # ' S5' and 's5' are one student to the exam seeds (NFKC, strip, casefold), so the later
    # attempt is a second try, left out as in the test above, not a sixth student.
    later = attempt(9, " S5", (1, 1, 1), minutes=90)
    analysis = analyse([later, *hand_records()])
    assert analysis.summary.attempts == 5
    assert analysis.item("q1").facility_percent == close(60.0)
    assert "1 later attempts left out" in analysis.summary.notes[0]
    # Ids that differ after normalising stay apart: "s5x" is a sixth student (q1 right).
    other = analyse([attempt(9, "S5x", (1, 1, 1), minutes=90), *hand_records()])
    assert other.summary.attempts == 6 and other.item("q1").facility_percent == close(400 / 6)


def test_other_quizzes_are_skipped_and_reported():
    stray = attempt(7, "s1", (0, 0, 0), quiz="other-quiz")
    analysis = analyse([*hand_records(), stray], quiz_id="demo")
    assert analysis.summary.attempts == 5
    assert analysis.problems == ("1 attempts at other quizzes skipped (other-quiz: 1)",)
    with pytest.raises(ValueError, match="several quizzes \\(demo, other-quiz\\)"):
        analyse([*hand_records(), stray])
    with pytest.raises(ValueError, match="no attempts at quiz 'nope'"):
        analyse(hand_records(), quiz_id="nope")
    with pytest.raises(ValueError, match="no attempts to analyse"):
        analyse([])


def test_a_missing_item_counts_as_zero_and_is_reported():
    records = hand_records()
    records[2] = attempt(2, "s3", HAND["s3"], drop=("q3",))  # s3 had q3 right
    analysis = analyse(records)
    q3 = analysis.item("q3")
    # q3 is now 1,0,0,0,0: facility 1/5 = 20 %.
    assert q3.facility_percent == close(20.0) and q3.missing == 1
    assert analysis.problems == (
        "item q3 is missing from 1 attempts (students s3): counted as 0 marks",
    )
    assert ("(no answer)", 1) in [(row.value, row.count) for row in q3.responses]


def no_nan(analysis):
    values = [dataclasses.asdict(analysis.summary), *map(dataclasses.asdict, analysis.items)]
    for mapping in values:
        for value in mapping.values():
            assert not (isinstance(value, float) and math.isnan(value))


def test_one_attempt_gives_none_with_reasons():
    analysis = analyse([attempt(1, "s1", (1, 0, 1))])
    no_nan(analysis)
    item = analysis.item("q1")
    assert item.facility_percent == 100.0
    assert (item.sd_percent, item.discrimination_index, item.discriminative_efficiency) == (
        None,
        None,
        None,
    )
    assert item.notes == ("spread, discrimination and efficiency need at least 2 attempts",)
    summary = analysis.summary
    assert (summary.sd, summary.cic, summary.error_ratio, summary.standard_error) == (None,) * 4
    assert "the SD of the totals needs at least 2 attempts" in summary.notes


def test_an_item_everyone_got_right_cannot_discriminate():
    records = [
        attempt(n, s, (1, *marks[1:])) for n, (s, marks) in enumerate(HAND.items())
    ]  # q1 right for all
    analysis = analyse(records)
    no_nan(analysis)
    q1 = analysis.item("q1")
    assert q1.facility_percent == 100.0 and q1.sd_percent == 0.0
    assert q1.discrimination_index is None and q1.discriminative_efficiency is None
    assert "every student got the same mark" in q1.notes[0]
    assert analysis.item("q2").discrimination_index is not None


def test_cic_needs_three_attempts_and_two_items():
    two = analyse([attempt(1, "s1", (1, 1, 0)), attempt(2, "s2", (0, 1, 1))])
    assert two.summary.sd is not None and two.summary.cic is None  # Moodle: s > 2
    assert any("at least 3 attempts" in note for note in two.summary.notes)
    one_item = analyse([attempt(n, s, marks[:1]) for n, (s, marks) in enumerate(HAND.items())])
    no_nan(one_item)
    assert one_item.summary.cic is None and "the CIC needs at least 2 items" in (
        one_item.summary.notes
    )
    assert one_item.item("q1").discrimination_index is None
    assert "no rest score" in one_item.item("q1").notes[0]


def test_constant_fractional_marks_are_not_a_spread():
    # 0.1 + 0.1 + 0.1 has binary noise in its mean; it must still count as no spread.
    items, summary = marks_statistics([[0.1, 1.0], [0.1, 0.0], [0.1, 1.0]], [1.0, 1.0])
    assert items[0].sd_percent == 0.0 and items[0].discrimination_index is None


def test_marks_statistics_checks_its_input():
    with pytest.raises(ValueError, match="one positive maximum mark per item"):
        marks_statistics([[1.0, 0.0]], [1.0])
    with pytest.raises(ValueError, match="finite"):
        marks_statistics([[float("nan")]], [1.0])


# --- response counts (distractor analysis) --------------------------------------------------

SINGLE = parse_question(
    {
        "id": "d-single",
        "type": "single",
        "stem": "Which?",
        "source": "test",
        "answer": "b",
        "options": [{"id": key, "text": key.upper()} for key in "abcd"],
    }
)
MULTIPLE = parse_question(
    {
        "id": "d-multiple",
        "type": "multiple",
        "stem": "Which ones?",
        "source": "test",
        "answer": ["a", "c"],
        "options": [{"id": key, "text": key.upper()} for key in "abc"],
    }
)


def choice_attempt(number, single, multiple, number_given):
    items = [
        ItemResult(
            question_id="d-single",
            type="single",
            response=single,
            score=float(single == "b"),
            max_score=1.0,
        ),
        ItemResult(
            question_id="d-multiple",
            type="multiple",
            response=multiple,
            score=max(0.0, (len({"a", "c"} & set(multiple)) - len(set(multiple) - {"a", "c"})) / 2),
            max_score=1.0,
        ),
        ItemResult(
            question_id="d-number",
            type="numeric",
            response=number_given,
            score=float(number_given == "42"),
            max_score=1.0,
        ),
    ]
    return AttemptRecord(
        attempt_id=f"c-{number}",
        student_id=f"s{number}",
        quiz_id="choices",
        mode="exam",
        seed=1,
        started_at=START,
        submitted_at=START + timedelta(minutes=number),
        items=items,
        score=math.fsum(item.mark for item in items),
        max_score=3.0,
    )


def test_response_counts_per_option_and_top_free_answers():
    given = [
        ("b", ["a", "c"], "42"),
        ("b", ["a"], "42"),
        ("c", ["a", "b"], "4.2"),
        ("c", ["c"], "420"),
        ("a", ["a", "c"], "42"),
        ("b", ["b"], "24"),
    ]
    records = [choice_attempt(n, *row) for n, row in enumerate(given)]
    analysis = analyse(records, questions=[SINGLE, MULTIPLE], top_responses=2)
    single = {row.value: row for row in analysis.item("d-single").responses}
    # Counted by hand: a 1, b 3, c 2, d 0 of 6 attempts; b is the key.
    assert [(v, r.count, r.correct) for v, r in single.items()] == [
        ("a", 1, False),
        ("b", 3, True),
        ("c", 2, False),
        ("d", 0, False),
    ]
    assert single["b"].share == pytest.approx(0.5) and single["d"].mean_score is None
    multiple = {row.value: row for row in analysis.item("d-multiple").responses}
    # Each option chosen: a in 4 responses, b in 2, c in 3.
    assert [(v, r.count, r.correct) for v, r in multiple.items()] == [
        ("a", 4, True),
        ("b", 2, False),
        ("c", 3, True),
    ]
    free = analysis.item("d-number").responses
    # 42 three times, then 24 / 4.2 / 420 once each: top 2 are 42 and (alphabetically) 24.
    assert [(row.value, row.count) for row in free] == [
        ("42", 3),
        ("24", 1),
        ("other (2 distinct)", 2),
    ]
    assert free[0].mean_score == 1.0 and free[2].correct is None
    # The questions set the item order; d-number (not given) comes after them.
    assert [item.question_id for item in analysis.items] == ["d-single", "d-multiple", "d-number"]


def test_rows_for_csv():
    analysis = analyse(hand_records())
    rows = analysis.to_rows()
    assert [row["question_id"] for row in rows] == ["q1", "q2", "q3"]
    assert rows[0]["facility_percent"] == close(60.0) and "responses" not in rows[0]
    responses = analysis.response_rows()
    assert {row["question_id"] for row in responses} == {"q1", "q2", "q3"}
    assert sum(row["count"] for row in responses if row["question_id"] == "q1") == 5


def test_the_analysis_module_does_not_load_matplotlib():
    code = (
        "import sys, livermets_edu.quiz.analysis, livermets_edu.quiz.results\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# --- plots ----------------------------------------------------------------------------------


def test_plots_are_written_with_alt_text(tmp_path):
    from PIL import Image

    from livermets_edu.quiz.analysis_plots import (
        facility_discrimination_figure,
        figure_alt_text,
        save_analysis_plots,
    )

    records = [attempt(n, s, (1, *marks[1:])) for n, (s, marks) in enumerate(HAND.items())]
    analysis = analyse(records)  # q1 right for everyone: no discrimination index
    paths = save_analysis_plots(analysis, tmp_path / "plots")
    assert [path.name for path in paths] == [
        "demo-facility-discrimination.png",
        "demo-total-scores.png",
    ]
    with Image.open(paths[0]) as image:
        description = image.text["Description"]
    # With q1 constant, q2's rest is q3 + 1 = 2,1,2,1,1 (deviations .6,-.4,.6,-.4,-.4) and its
    # marks 1,1,0,1,0 (deviations .4,.4,-.6,.4,-.6): cov = (.24-.16-.36-.16+.24)/4 = -.05,
    # both variances 1.2/4 = .3, so D = 100·(-.05)/.3 = -16.7 %.
    assert "q2: facility 60%, discrimination -17%" in description
    assert "Negative discrimination: q2" in description
    assert "Not plotted (no discrimination index): q1" in description
    with Image.open(paths[1]) as image:
        assert "mean" in image.text["Description"] and "5 attempts" in image.text["Description"]
    figure = facility_discrimination_figure(analysis)
    labels = {text.get_text() for text in figure.axes[0].texts}
    assert {"q2", "q3"} <= labels
    assert figure_alt_text(figure) == description


def test_a_plot_shows_in_jupyter_with_its_alt_text_in_every_form():
    from livermets_edu.quiz.analysis_plots import total_score_plot

    records = [attempt(n, s, marks) for n, (s, marks) in enumerate(HAND.items())]
    plot = total_score_plot(analyse(records))
    data, metadata = plot._repr_mimebundle_()
    assert data["text/plain"] == plot.alt_text == metadata["image/png"]["alt"]
    assert "5 attempts" in plot.alt_text
    assert f'alt="{plot.alt_text}"' in data["text/html"]
    assert data["text/html"].count(plot.alt_text) == 2  # on the image and in the caption
    assert plot.to_png().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("cic", "verdict"),
    [  # Moodle's targets: above 75% good, below 64% unsatisfactory, both ends excluded.
        (75.1, "good"),
        (75.0, "between"),
        (64.0, "between"),
        (63.9, "unsatisfactory"),
        (None, "not computed"),
    ],
)
def test_cic_is_judged_against_moodles_targets(cic, verdict):
    from livermets_edu.quiz.analysis import cic_verdict

    assert cic_verdict(cic).startswith(verdict)
