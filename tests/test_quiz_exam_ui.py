"""The exam widget, driven headlessly: save, confirm, submit, write results, run out of time.

Expected answers come from the fixture YAML read with PyYAML (not from the schema objects the
widget uses) and expected orders from ``exam.make_paper``'s building blocks called directly.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest
import yaml

from livermets_edu.quiz.definition import QuizDefinition
from livermets_edu.quiz.exam import option_order, option_seed, question_order
from livermets_edu.quiz.exam_ui import ExamWidget, exam_widget, forget_open_exams
from livermets_edu.quiz.results import read_results
from livermets_edu.quiz.variants import concrete

DATA = Path(__file__).parent / "data"
TYPES = DATA / "banks" / "types"
ALL_TYPES_PATH = TYPES / "all-types.yaml"
RAW = {q["id"]: q for q in yaml.safe_load(ALL_TYPES_PATH.read_text(encoding="utf-8"))["questions"]}
STUDENT = "s042"
SEED = 20261123
# Words a graded result carries; none may reach a student before the exam is handed in.
REVEALING = re.compile(
    r"correct|not quite|partly right|answer is|right order|score|explanation|you matched|"
    r"you named|within the accepted|first-try",
    re.I,
)


@pytest.fixture(autouse=True)
def _fresh_kernel():
    """Each test starts as in a new kernel: no exam is kept open from another test."""
    forget_open_exams()
    yield
    forget_open_exams()


class ManualClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def definition(mode: str = "exam", limit: float | None = 30) -> QuizDefinition:
    return QuizDefinition.model_validate(
        {
            "quiz": "all-types-exam",
            "title": "Every type <script>alert(1)</script>",
            "mode": mode,
            "time_limit_minutes": limit,
            "seed": SEED,
            "shuffle_questions": True,
            "shuffle_options": True,
            "items": [{"bank": "all-types", "id": question_id} for question_id in RAW],
        }
    )


def make(clock: ManualClock | None = None, **kwargs: Any) -> ExamWidget:
    return exam_widget(
        definition(), STUDENT, clock=clock or ManualClock(), bank_dirs=[TYPES], **kwargs
    )


def walk(widget: widgets.Widget) -> list[widgets.Widget]:
    """The widget and every widget inside it."""
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += walk(child)
    return found


def texts(widget: widgets.Widget) -> list[str]:
    """Every text the student can see or hear: values, descriptions, tooltips, options."""
    said: list[str] = []
    for part in walk(widget):
        for name in ("value", "description", "tooltip", "placeholder"):
            value = getattr(part, name, None)
            if isinstance(value, str):
                said.append(value)
        said += [str(label) for label in getattr(part, "_options_labels", ())]
    return said


def answer_everything(app: ExamWidget, *, wrong_single: bool = False) -> None:
    """Enter and save the right answer to every question (the single one wrong if asked)."""
    for card in app.cards:
        question_id = card.question.id
        raw = RAW[question_id]
        if question_id == "at-case":
            fill_case(card, raw)
            continue
        set_answer(card.answer, raw, card.question, wrong_single=wrong_single)
        card.submit_button.click()
        assert "Answer saved." in card.feedback.value, question_id


def set_answer(control: Any, raw: dict, question: Any, *, wrong_single: bool = False) -> None:
    kind = raw["type"]
    if kind == "single":
        wrong = next(o["id"] for o in raw["options"] if o["id"] != raw["answer"])
        control.widget.value = wrong if wrong_single else raw["answer"]
    elif kind == "multiple":
        for option_id in raw["answer"]:
            control.checkboxes[option_id].value = True
    elif kind == "true_false":
        control.widget.value = raw["answer"]
    elif kind == "numeric":
        # The paper's variant: a template's answer is the generator's for this student's seed.
        control.widget.value = str(question.answer.expected)
    elif kind == "matching":
        for prompt_id, choice_id in raw["answer"].items():
            control.dropdowns[prompt_id].value = choice_id
    elif kind == "ordering":
        for position, item in zip(control.dropdowns, raw["items"], strict=True):
            control.dropdowns[position].value = item["id"]
    elif kind == "short_answer":
        control.widget.value = next(a["text"] for a in raw["answers"] if a.get("correct", True))
    elif kind == "label_diagram":
        from livermets_edu.quiz.label_diagrams import LABEL_DIAGRAMS

        drawing = LABEL_DIAGRAMS[raw["diagram"]]
        for region in raw["ask"]:
            control.dropdowns[drawing.number_of(region)].value = drawing.display_names[region]


def fill_case(card: Any, raw: dict) -> None:
    for panel, part in zip(card.parts, raw["parts"], strict=True):
        set_answer(panel.answer, part, panel.part)
        panel.button.click()
        assert "Answer saved." in panel.feedback.value


def test_the_paper_is_the_students_order_of_questions_and_options() -> None:
    app = make()
    ids = list(RAW)
    assert [card.question.id for card in app.cards] == question_order(ids, SEED, STUDENT)
    multiple = app.card("at-multiple")
    expected = option_order(multiple.question, option_seed(SEED, STUDENT, "at-multiple"))
    assert list(multiple.checkboxes) == expected["options"]
    assert expected["options"] != [o["id"] for o in RAW["at-multiple"]["options"]]  # shuffled
    # A shuffled paper shows no letters, which the feedback (bank letters) could contradict.
    text = {o["id"]: o["text"] for o in RAW["at-multiple"]["options"]}
    assert [box.description for box in multiple.checkboxes.values()] == [
        text[option_id] for option_id in expected["options"]
    ]
    matching = app.card("at-matching")
    expected = option_order(matching.question, option_seed(SEED, STUDENT, "at-matching"))
    assert list(matching.answer.dropdowns) == expected["prompts"]
    offered = [value for _, value in matching.answer.dropdowns["sirt"].options[1:]]
    assert offered == expected["choices"]
    template = app.card("at-numeric-template")
    assert "{param:" not in template.stem.value and template.new_numbers_button is None
    assert "&lt;script&gt;" in app.title.value and "<script" not in app.title.value


def test_nothing_says_right_or_wrong_before_the_exam_is_handed_in() -> None:
    app = make()
    answer_everything(app, wrong_single=True)
    app.card("at-true-false").retry_button.click()  # unsave one: still nothing revealing
    app.submit_button.click()
    explanations = [RAW[q]["explanation"].split("{")[0] for q in RAW if RAW[q].get("explanation")]
    for text in texts(app):
        assert not REVEALING.search(text), text
        assert not any(explanation.strip() in text for explanation in explanations)
    assert app.progress.value == f"Answered {len(RAW) - 1} of {len(RAW)}"


def test_submit_asks_for_confirmation_then_shows_score_and_feedback(tmp_path: Path) -> None:
    results = tmp_path / "exam" / "results.jsonl"
    app = make(results_path=results)
    answer_everything(app, wrong_single=True)
    assert app.confirm_box.layout.display == "none"
    app.submit_button.click()
    assert app.confirm_box.layout.display != "none" and app.submit_button.disabled
    assert "Hand in the exam now?" in app.confirm_text.value
    assert not app.session.submitted
    app.cancel_button.click()
    assert app.confirm_box.layout.display == "none" and not app.submit_button.disabled
    app.submit_button.click()
    app.confirm_button.click()
    assert app.session.submitted
    # Every answer right but the single one: 8 of 9 (worked by hand from the fixture).
    assert app.record is not None and app.record["score"] == pytest.approx(len(RAW) - 1)
    assert f"Score: {len(RAW) - 1} / {len(RAW)}" in app.result.value
    assert "Not quite." in app.card("at-single").feedback.value
    assert "Correct." in app.card("at-matching").feedback.value
    assert all(not panel.button.layout.display for panel in app.card("at-case").parts)
    answer_widgets = (widgets.Dropdown, widgets.RadioButtons, widgets.Text, widgets.Checkbox)
    inside = [w for card in app.cards for w in walk(card) if isinstance(w, answer_widgets)]
    assert inside and all(w.disabled for w in inside)
    read = read_results(results)
    assert read.ok and len(read.records) == 1
    assert read.records[0].attempt_id == app.record["attempt_id"]
    assert read.records[0].student_id == STUDENT and read.records[0].score == len(RAW) - 1
    assert app.saved_to_file and "results.jsonl" in app.save_status.value
    assert app.save_again_button.layout.display == "none"


def test_a_failed_write_keeps_the_record_says_so_and_can_be_tried_again(tmp_path: Path) -> None:
    blocker = tmp_path / "results"
    blocker.write_text("a file where the results folder should be", encoding="utf-8")
    target = blocker / "results.jsonl"  # its folder cannot be made (works as root too)
    app = make(results_path=target)
    answer_everything(app)
    app.submit_button.click()
    app.confirm_button.click()
    assert app.session.submitted and app.record is not None
    assert "could not be written to the results file" in app.save_status.value
    assert 'role="alert"' in app.save_status.value and not app.saved_to_file
    assert app.save_again_button.layout.display != "none"
    blocker.unlink()  # the teacher fixes the folder
    app.save_again_button.click()
    assert app.saved_to_file and app.save_again_button.layout.display == "none"
    records = read_results(target).records
    assert [r.attempt_id for r in records] == [app.record["attempt_id"]]
    assert records[0].score == pytest.approx(len(RAW))  # every answer right
    app.save_again_button.click()  # a second press finds it already there: no error, no copy
    assert app.saved_to_file and len(read_results(target).records) == 1


def test_the_countdown_follows_the_clock_and_locks_answers_at_the_limit() -> None:
    clock = ManualClock()
    app = make(clock)
    assert app.countdown.value == "30:00 left"
    assert isinstance(app.ticker, widgets.Play) and app.ticker.interval == 1000
    assert not app.ticker.playing
    app.ticker._view_count = 1  # the browser shows the widget: the clock starts ticking
    assert app.ticker.playing
    seen: list[bool] = []
    app.ticker.observe(lambda change: seen.append(change["new"]), names="playing")
    app.ticker._view_count = 2  # a reloaded page: its new view must see playing turn on
    assert seen == [False, True]
    single = app.card("at-single")
    single.control.value = RAW["at-single"]["answer"]
    single.submit_button.click()
    clock.advance(minutes=12, seconds=5)
    app.ticker.value = 1
    assert app.countdown.value == "17:55 left"
    clock.advance(minutes=17, seconds=56)
    app.ticker.value = 2
    assert app.countdown.value == "Time is up" and app.time_up
    assert "press Submit exam" in app.notice.value
    controls = [
        w
        for card in app.cards
        for w in walk(card)
        if isinstance(w, (widgets.ValueWidget, widgets.Button))
    ]
    assert controls and all(w.disabled for w in controls if hasattr(w, "disabled"))
    assert not app.submit_button.disabled
    app.submit_button.click()
    app.confirm_button.click()
    assert app.record is not None and app.record["late"] is True
    assert app.record["score"] == 1  # the answer saved in time is kept and marked
    assert "marked late" in app.result.value and not app.ticker.playing


def test_changed_answers_not_yet_saved_are_saved_when_handing_in() -> None:
    app = make()
    card = app.card("at-true-false")
    card.control.value = not RAW["at-true-false"]["answer"]
    card.submit_button.click()
    card.control.value = RAW["at-true-false"]["answer"]  # changed, Save not pressed
    assert "press Save answer to keep this change" in card.feedback.value
    app.submit_button.click()
    assert "saved first" in app.confirm_text.value
    app.confirm_button.click()
    item = next(i for i in app.record["items"] if i["question_id"] == "at-true-false")
    assert item["response"] is RAW["at-true-false"]["answer"] and item["score"] == 1


def test_a_case_saves_each_part_and_reveals_the_next_without_feedback() -> None:
    app = make()
    card = app.card("at-case")
    raw = RAW["at-case"]["parts"]
    assert [panel.layout.display for panel in card.parts] == [None, "none", "none"]
    set_answer(card.parts[0].answer, raw[0], card.parts[0].part)
    card.parts[0].button.click()
    assert app.session.saved_response("at-case") == {raw[0]["id"]: raw[0]["answer"]}
    assert [panel.layout.display for panel in card.parts] == [None, None, "none"]
    app.submit_button.click()
    assert "saved first" not in app.confirm_text.value  # part 2 was never touched
    app.confirm_button.click()
    # One part of three right, the others unanswered: 1/3 of the case.
    item = next(i for i in app.record["items"] if i["question_id"] == "at-case")
    assert item["score"] == pytest.approx(1 / 3)


def test_a_template_in_the_exam_is_the_students_variant() -> None:
    app = make()
    from livermets_edu.quiz.exam import item_seed
    from livermets_edu.quiz.loader import load_bank

    template = load_bank(ALL_TYPES_PATH)["at-numeric-template"]
    mine = concrete(template, item_seed(SEED, STUDENT, "at-numeric-template"))
    assert app.card("at-numeric-template").question.stem == mine.stem


def test_exam_widget_refuses_a_self_check_quiz_and_reads_a_file(tmp_path: Path) -> None:
    self_check = definition(mode="self-check", limit=None)
    with pytest.raises(ValueError, match="self-check quiz, not an exam"):
        exam_widget(self_check, STUDENT, bank_dirs=[TYPES])
    from_file = exam_widget(DATA / "quizzes" / "good-quiz.yaml", "s001", bank_dirs=[DATA / "banks"])
    assert len(from_file.cards) == 4 and "Exam, 4 questions" in repr(from_file)
    with pytest.raises(ValueError, match="must not be empty"):
        exam_widget(definition(), "  ", bank_dirs=[TYPES])


def test_the_package_names_the_function_even_after_its_module_is_imported() -> None:
    # A submodule called exam_widget would replace the lazily loaded function of that name on
    # the package once imported; the module is exam_ui for that reason.
    import livermets_edu.quiz as quiz
    import livermets_edu.quiz.exam_ui  # noqa: F401

    assert callable(quiz.exam_widget) and quiz.exam_widget is exam_widget


# --- issue 5 review: records the results file refuses, typed work at the limit, re-runs ---


def _handed_in(app: ExamWidget, question_id: str) -> dict:
    return next(item for item in app.record["items"] if item["question_id"] == question_id)


@pytest.mark.parametrize("student_id", ["x" * 201, "Jane\tDoe", "a\nb", "bad\x7f"])
def test_a_student_id_the_results_file_refuses_never_starts_an_exam(student_id: str) -> None:
    # The results file allows 1-200 characters without control characters (results.StudentId).
    with pytest.raises(ValueError, match="at most 200 characters of printable text"):
        exam_widget(definition(), student_id, clock=ManualClock(), bank_dirs=[TYPES])


def test_a_student_id_of_200_characters_is_handed_in_and_filed(tmp_path: Path) -> None:
    app = exam_widget(
        definition(),
        "y" * 200,
        clock=ManualClock(),
        bank_dirs=[TYPES],
        results_path=tmp_path / "r.jsonl",
    )
    app.submit_button.click()
    app.confirm_button.click()
    assert app.saved_to_file
    assert read_results(tmp_path / "r.jsonl").records[0].student_id == "y" * 200


def test_a_lone_surrogate_in_a_short_answer_is_filed_as_a_replacement_character(
    tmp_path: Path,
) -> None:
    app = make(results_path=tmp_path / "r.jsonl")
    card = app.card("at-short-answer")
    card.answer.widget.value = "portal \ud800vein"
    card.submit_button.click()
    app.submit_button.click()
    app.confirm_button.click()
    assert app.saved_to_file, app.save_status.value
    # U+FFFD is what UTF-16 decoding with errors="replace" gives a lone surrogate.
    filed = read_results(tmp_path / "r.jsonl").records[0]
    item = next(i for i in filed.items if i.question_id == "at-short-answer")
    assert item.response == "portal \ufffdvein"


def test_a_refused_record_is_explained_in_words_and_shown_as_json_to_copy(tmp_path: Path) -> None:
    app = make(results_path=tmp_path / "r.jsonl")
    app.submit_button.click()
    app.confirm_button.click()
    assert app.saved_to_file
    # A record the file refuses (a negative score cannot come from grading, so it is forced).
    app.record = {**app.record, "attempt_id": "another", "score": -1.0}
    assert app.save_record() is False
    status = app.save_status.value
    assert "does not pass the file" in status and "score" in status
    for dump in ("validation error", "pydantic", "type=", "input_value"):
        assert dump not in status.lower()
    assert app.save_again_button.layout.display == "none"  # trying again cannot help
    assert app.record_box.layout.display != "none"
    assert json.loads(app.record_box.value) == app.record
    app.record_box.value = "changed"  # the box is read-only in effect
    assert json.loads(app.record_box.value) == app.record


def test_an_answer_typed_but_not_saved_before_the_limit_is_handed_in() -> None:
    clock = ManualClock()
    app = make(clock)
    card = app.card("at-short-answer")
    clock.advance(minutes=29, seconds=50)
    card.answer.widget.value = "portal vein"  # typed at 29:50; Save not pressed
    clock.advance(seconds=12)  # the limit (30:00) passes before the next tick
    app.ticker.value = 1
    assert app.time_up and card.answer.widget.disabled
    assert "1 answer you had changed but not saved was saved" in app.notice.value
    app.submit_button.click()
    assert "cannot be saved" not in app.confirm_text.value
    app.confirm_button.click()
    assert _handed_in(app, "at-short-answer")["response"] == "portal vein"
    assert _handed_in(app, "at-short-answer")["score"] == 1.0


def test_an_edit_after_the_limit_or_an_incomplete_one_is_named_and_not_saved() -> None:
    clock = ManualClock()
    app = make(clock)
    short = app.card("at-short-answer")
    matching = app.card("at-matching")
    first_prompt = next(iter(matching.answer.dropdowns))
    matching.answer.dropdowns[first_prompt].value = RAW["at-matching"]["answer"][first_prompt]
    clock.advance(minutes=30, seconds=1)  # past the limit, and no tick has come yet
    short.answer.widget.value = "portal vein"
    app.submit_button.click()
    numbers = {card.question.id: n for n, card in enumerate(app.cards, start=1)}
    confirm = app.confirm_text.value
    assert f"question {numbers['at-short-answer']} cannot be saved" in confirm
    assert "after the time limit" in confirm
    assert f"question {numbers['at-matching']} cannot be saved" in confirm
    assert "not complete" in confirm
    assert "will be saved first" not in confirm
    app.confirm_button.click()
    assert _handed_in(app, "at-short-answer")["response"] is None
    assert _handed_in(app, "at-matching")["response"] is None
    assert app.record["late"] is True


def test_the_confirmation_counts_only_the_changes_it_will_save() -> None:
    app = make()
    app.card("at-true-false").answer.widget.value = RAW["at-true-false"]["answer"]
    app.submit_button.click()
    number = next(n for n, c in enumerate(app.cards, 1) if c.question.id == "at-true-false")
    confirm = app.confirm_text.value
    assert f"unsaved change to question {number} will be saved first" in confirm
    # Ten questions, one about to be saved: nine without an answer.
    assert f"{len(RAW) - 1} of {len(RAW)} questions have no saved answer" in confirm


def test_running_the_cell_again_shows_the_same_exam_with_its_answers_and_clock() -> None:
    clock = ManualClock()
    first = make(clock)
    started = first.session.started_at
    first.card("at-short-answer").answer.widget.value = "portal vein"
    first.card("at-short-answer").submit_button.click()
    clock.advance(minutes=5)
    again = make(clock)
    assert again.session is first.session and again.session.started_at == started
    assert again.card("at-short-answer").answer.widget.value == "portal vein"
    assert again.countdown.value == "25:00 left"
    again.submit_button.click()
    again.confirm_button.click()
    fresh = make(clock)  # once handed in, running the cell gives a new attempt
    assert fresh.session is not first.session
    assert fresh.session.saved_response("at-short-answer") is None


def test_a_draft_file_resumes_the_exam_in_a_new_kernel_and_goes_once_filed(
    tmp_path: Path,
) -> None:
    import stat

    from livermets_edu.quiz.exam_drafts import draft_path

    results = tmp_path / "r.jsonl"
    clock = ManualClock()
    first = make(clock, results_path=results)
    answer_everything(first)
    draft = draft_path(results, "all-types-exam", STUDENT)
    assert draft.parent == tmp_path / "r.jsonl.drafts"
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    on_disk = json.loads(draft.read_text(encoding="utf-8"))
    assert on_disk["started_at"] == clock.now.isoformat()
    forget_open_exams()  # a new kernel
    clock.advance(minutes=10)
    again = make(clock, results_path=results)
    assert again.session is not first.session
    assert again.session.started_at == first.session.started_at
    assert again.countdown.value == "20:00 left"
    assert "continues where you left it" in again.draft_status.value
    for card in first.cards:
        assert again.session.saved_response(card.question.id) == first.session.saved_response(
            card.question.id
        )
    assert (
        again.card("at-short-answer").answer.widget.value
        == first.card("at-short-answer").answer.widget.value
    )
    case = again.card("at-case")
    assert all(panel.button.disabled for panel in case.parts)  # every part answered, locked
    again.submit_button.click()
    again.confirm_button.click()
    assert again.saved_to_file and again.session.score == len(RAW)
    assert not draft.exists()


def test_a_corrupt_draft_is_kept_aside_and_the_exam_starts_afresh(tmp_path: Path) -> None:
    from livermets_edu.quiz.exam_drafts import draft_path

    results = tmp_path / "r.jsonl"
    draft = draft_path(results, "all-types-exam", STUDENT)
    draft.parent.mkdir()
    draft.write_text('{"format": "livermets-exam-draft", "vers', encoding="utf-8")
    app = make(results_path=results)
    kept = draft.with_name(draft.name + ".corrupt")
    assert kept.read_text(encoding="utf-8") == '{"format": "livermets-exam-draft", "vers'
    assert "could not be read" in app.draft_status.value
    assert "starts afresh" in app.draft_status.value
    assert app.session.answered == 0
    assert json.loads(draft.read_text(encoding="utf-8"))["saved"] == {}  # a new draft


def test_a_handed_in_exam_that_never_reached_the_file_is_filed_on_the_next_run(
    tmp_path: Path,
) -> None:
    results = tmp_path / "r.jsonl"
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    first = make(results_path=results)
    first.results_path = blocked  # a folder: the write fails
    first.submit_button.click()
    first.confirm_button.click()
    assert not first.saved_to_file
    forget_open_exams()
    second = make(results_path=results)
    assert "saved there now" in second.draft_status.value
    filed = read_results(results).records
    assert [record.attempt_id for record in filed] == [first.record["attempt_id"]]
    assert second.session.attempt_id != first.record["attempt_id"]


# --- issue 5, second review: hand-in order, two kernels, ids, lock timeouts, stale drafts ---


def _draft_of(app: ExamWidget) -> dict:
    return json.loads(app.draft_file.read_text(encoding="utf-8"))


def test_an_interrupted_hand_in_is_filed_on_the_next_run_and_never_reopened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from livermets_edu.quiz import exam_drafts

    results = tmp_path / "r.jsonl"
    clock = ManualClock()
    app = make(clock, results_path=results)
    answer_everything(app, wrong_single=True)

    def interrupted(*_args: Any, **_kwargs: Any) -> None:
        raise KeyboardInterrupt  # the student stops the cell while the lock is awaited

    monkeypatch.setattr(exam_drafts, "append_attempt", interrupted)
    with pytest.raises(KeyboardInterrupt):
        app.submit()
    # The feedback was already on screen, and the draft already says handed in.
    assert "Not quite." in app.card("at-single").feedback.value
    on_disk = _draft_of(app)
    assert on_disk["submitted"] is True and on_disk["record"] == app.record
    monkeypatch.undo()
    again = make(clock, results_path=results)  # the cell is run again, same kernel
    assert "saved there now" in again.draft_status.value
    filed = read_results(results).records
    # The record handed in, wrong single answer and all: 9 of 10 (as the fixture gives it).
    assert [(r.attempt_id, r.score) for r in filed] == [(app.record["attempt_id"], len(RAW) - 1)]
    assert again.session.attempt_id != app.record["attempt_id"]
    assert again.session.answered == 0 and not again.session.submitted


def test_a_kernel_dying_between_filing_and_deleting_the_draft_files_nothing_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = tmp_path / "r.jsonl"
    clock = ManualClock()
    app = make(clock, results_path=results)
    answer_everything(app)
    monkeypatch.setattr(ExamWidget, "_drop_draft", lambda self: None)  # dies before this
    app.submit()
    assert _draft_of(app)["submitted"] is True
    monkeypatch.undo()
    forget_open_exams()
    again = make(clock, results_path=results)
    assert "is in the results file" in again.draft_status.value
    assert len(read_results(results).records) == 1
    assert not again.session.submitted and again.session.answered == 0
    assert _draft_of(again)["attempt_id"] == again.session.attempt_id  # a new attempt's draft


def test_an_unsubmitted_draft_of_an_attempt_already_filed_is_deleted(tmp_path: Path) -> None:
    results = tmp_path / "r.jsonl"
    clock = ManualClock()
    app = make(clock, results_path=results)
    answer_everything(app)
    before_hand_in = app.draft_file.read_text(encoding="utf-8")  # as an older version left it
    app.submit()
    app.draft_file.write_text(before_hand_in, encoding="utf-8")
    forget_open_exams()
    again = make(clock, results_path=results)
    assert "already handed in" in again.draft_status.value
    assert again.session.attempt_id != app.record["attempt_id"] and again.session.answered == 0
    assert len(read_results(results).records) == 1


def test_a_draft_another_live_kernel_holds_is_not_resumed_until_it_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from livermets_edu.quiz import exam_drafts

    results = tmp_path / "r.jsonl"
    clock = ManualClock()
    first = make(clock, results_path=results)
    answer_everything(first)
    held = first.draft_file.read_bytes()
    # A second kernel: its own registry and its own owner token (this process is alive).
    forget_open_exams()
    monkeypatch.setattr(exam_drafts, "_OWNER", {**exam_drafts._OWNER, "nonce": "second-kernel"})
    clock.advance(minutes=1)
    second = make(clock, results_path=results)
    assert second.blocked and "open in another window" in second.draft_status.value
    assert all(card.layout.display == "none" for card in second.cards)
    assert second.submit_button.layout.display == "none"
    with pytest.raises(ValueError, match="another window"):
        second.submit()
    assert first.draft_file.read_bytes() == held  # nothing destructive
    # Three minutes after its last save (more than OPEN_ELSEWHERE_MINUTES), it is taken over.
    clock.advance(minutes=2)
    forget_open_exams()
    third = make(clock, results_path=results)
    assert not third.blocked and third.session.attempt_id == first.session.attempt_id
    assert third.session.answered == len(RAW)
    assert _draft_of(third)["owner"]["nonce"] == "second-kernel"


def test_a_draft_of_this_computers_dead_kernel_is_resumed_at_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    results = tmp_path / "r.jsonl"
    clock = ManualClock()
    first = make(clock, results_path=results)
    answer_everything(first)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # its pid is now free: the kernel that wrote the draft is gone
    draft = _draft_of(first)
    draft["owner"] = {**draft["owner"], "pid": dead.pid, "nonce": "old-kernel"}
    first.draft_file.write_text(json.dumps(draft), encoding="utf-8")
    forget_open_exams()
    again = make(clock, results_path=results)
    assert not again.blocked and again.session.answered == len(RAW)


def test_another_record_with_the_same_attempt_id_is_not_taken_for_ours(tmp_path: Path) -> None:
    results = tmp_path / "r.jsonl"
    clock = ManualClock()
    empty = make(clock, results_path=results)
    forget_open_exams()  # the same kernel restarted: the draft is resumed (one attempt id)
    full = make(clock, results_path=results)
    assert full.session.attempt_id == empty.session.attempt_id
    answer_everything(full)
    empty.submit()  # the empty paper is filed first, by mistake
    full.submit()
    assert not full.saved_to_file
    assert "different record with this exam's attempt id" in full.save_status.value
    assert json.loads(full.record_box.value) == full.record
    assert full.save_again_button.layout.display == "none"
    assert [r.score for r in read_results(results).records] == [0.0]
    kept = _draft_of(full)  # the draft keeps our record for the teacher
    assert kept["submitted"] is True and kept["record"]["score"] == len(RAW)


def test_a_draft_is_resumed_for_the_same_id_in_other_capitals_and_spacing(
    tmp_path: Path,
) -> None:
    results = tmp_path / "r.jsonl"
    clock = ManualClock()
    first = exam_widget(definition(), "S042", clock=clock, bank_dirs=[TYPES], results_path=results)
    answer_everything(first)
    forget_open_exams()
    again = exam_widget(definition(), "s042 ", clock=clock, bank_dirs=[TYPES], results_path=results)
    assert "continues where you left it" in again.draft_status.value
    assert again.session.answered == len(RAW)
    assert [p.name for p in again.draft_file.parent.iterdir()] == [again.draft_file.name]


def test_a_lock_timeout_keeps_the_handed_in_record_and_starts_no_new_exam(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from livermets_edu.quiz import exam_drafts

    results = tmp_path / "r.jsonl"
    clock = ManualClock()
    app = make(clock, results_path=results)
    answer_everything(app)
    real_append = exam_drafts.append_attempt
    calls: list[int] = []

    def busy_twice(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) <= 2:
            raise TimeoutError("r.jsonl is locked by another writer")
        return real_append(*args, **kwargs)

    monkeypatch.setattr(exam_drafts, "append_attempt", busy_twice)
    app.submit()
    assert not app.saved_to_file and app.save_again_button.layout.display != "none"
    forget_open_exams()
    again = make(clock, results_path=results)  # the second timeout
    assert len(calls) == 2 and again.record == app.record
    assert "handed in earlier" in again.result.value
    assert "locked by another writer" in again.save_status.value
    assert json.loads(again.record_box.value) == app.record
    assert again.save_again_button.layout.display != "none"
    assert all(card.layout.display == "none" for card in again.cards)
    assert sorted(p.name for p in app.draft_file.parent.iterdir()) == [app.draft_file.name]
    assert _draft_of(again)["record"] == app.record
    again.save_again_button.click()  # the third try finds the lock free
    assert again.saved_to_file and not app.draft_file.exists()
    assert [r.attempt_id for r in read_results(results).records] == [app.record["attempt_id"]]
    forget_open_exams()
    fresh = make(clock, results_path=results)
    assert fresh.record is None and fresh.session.attempt_id != app.record["attempt_id"]


def test_an_older_output_of_the_cell_locks_and_writes_no_draft_after_hand_in(
    tmp_path: Path,
) -> None:
    results = tmp_path / "r.jsonl"
    clock = ManualClock()
    older = make(clock, results_path=results)
    newer = make(clock, results_path=results)
    assert older.session is newer.session
    answer_everything(newer)
    newer.submit()
    assert newer.saved_to_file and not newer.draft_file.exists()
    assert older.cards[0].submit_button.disabled  # locked when the newer one handed in
    older.cards[0].submit_button.click()  # a click the browser would not send, sent anyway
    older.ask_to_submit()
    assert not older.draft_file.exists()
    assert "handed in from another output" in older.notice.value
    assert older.record is None and len(read_results(results).records) == 1


def test_a_draft_saved_before_its_exam_began_is_set_aside(tmp_path: Path) -> None:
    results = tmp_path / "r.jsonl"
    clock = ManualClock()
    app = make(clock, results_path=results)
    answer_everything(app)
    draft = _draft_of(app)
    draft["saved_at"] = "2026-11-23T09:00:00+00:00"  # an hour before started_at (10:00)
    app.draft_file.write_text(json.dumps(draft), encoding="utf-8")
    forget_open_exams()
    again = make(clock, results_path=results)
    assert "saved before its exam began" in again.draft_status.value
    assert app.draft_file.with_name(app.draft_file.name + ".corrupt").exists()
    assert again.session.answered == 0


def test_a_draft_of_a_changed_paper_is_kept_as_stale_and_not_applied(tmp_path: Path) -> None:
    results = tmp_path / "r.jsonl"
    clock = ManualClock()
    app = make(clock, results_path=results)
    answer_everything(app)
    written = app.draft_file.read_bytes()
    forget_open_exams()
    changed = definition().model_dump()
    changed["items"] = [i for i in changed["items"] if i["id"] != "at-true-false"]
    again = exam_widget(
        QuizDefinition.model_validate(changed),
        STUDENT,
        clock=clock,
        bank_dirs=[TYPES],
        results_path=results,
    )
    stale = app.draft_file.with_name(app.draft_file.name + ".stale")
    assert stale.read_bytes() == written
    status = again.draft_status.value
    assert "other questions or options" in status and "starts afresh" in status
    assert again.session.answered == 0


def test_resume_notes_name_question_numbers_not_ids(tmp_path: Path) -> None:
    results = tmp_path / "r.jsonl"
    clock = ManualClock()
    app = make(clock, results_path=results)
    answer_everything(app)
    draft = _draft_of(app)
    draft["saved"]["at-single"]["response"] = "no-such-option"
    app.draft_file.write_text(json.dumps(draft), encoding="utf-8")
    forget_open_exams()
    again = make(clock, results_path=results)
    number = next(n for n, c in enumerate(again.cards, 1) if c.question.id == "at-single")
    assert f"Your answer to question {number} was left out" in again.draft_status.value
    assert "at-single" not in again.draft_status.value
    assert again.session.answered == len(RAW) - 1


def test_a_loose_drafts_folder_is_made_private_and_anothers_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import stat

    results = tmp_path / "r.jsonl"
    folder = tmp_path / "r.jsonl.drafts"
    folder.mkdir()
    folder.chmod(0o777)
    app = make(results_path=results)
    answer_everything(app)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and app.draft_file.exists()
    forget_open_exams()
    monkeypatch.setattr(os, "getuid", lambda: folder.stat().st_uid + 1)  # someone else's
    other = make(results_path=tmp_path / "r.jsonl")
    assert "belongs to another user" in other.draft_status.value
    assert other.draft_file is None and other.session.answered == 0


def test_a_draft_that_is_a_link_is_neither_read_nor_written_through(tmp_path: Path) -> None:
    from livermets_edu.quiz.exam_drafts import draft_path

    results = tmp_path / "r.jsonl"
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("{}", encoding="utf-8")
    draft = draft_path(results, "all-types-exam", STUDENT)
    draft.parent.mkdir(mode=0o700)
    draft.symlink_to(elsewhere)
    app = make(results_path=results)
    assert "is a link, not a file" in app.draft_status.value and app.draft_file is None
    answer_everything(app)
    assert elsewhere.read_text(encoding="utf-8") == "{}" and draft.is_symlink()
