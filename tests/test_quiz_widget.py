"""The notebook quiz widget, driven headlessly: set control values, click buttons."""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml

from livermets_edu import quiz
from livermets_edu.quiz import load_bank
from livermets_edu.quiz.widget import QuizWidget, quiz_widget, show_quiz

BANKS = Path(__file__).parent / "data" / "banks"
GOOD = load_bank(BANKS / "good-bank.yaml")


@pytest.fixture
def app() -> QuizWidget:
    return quiz_widget(GOOD)


def test_importing_the_quiz_package_loads_no_ipywidgets_or_matplotlib() -> None:
    code = (
        "import sys, livermets_edu.quiz as q\n"
        "q.load_bank, q.to_static_html, q.grade\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('ipywidgets', 'matplotlib', 'IPython'))\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_widget_entry_points_load_lazily_from_the_package() -> None:
    assert quiz.quiz_widget is quiz_widget
    assert quiz.show_quiz is show_quiz
    assert "quiz_widget" in dir(quiz)


def test_one_card_per_question_with_the_right_controls(app: QuizWidget) -> None:
    assert isinstance(app, widgets.VBox)
    assert [card.question.id for card in app.cards] == GOOD.ids
    single, multiple, true_false, numeric, _ = app.cards
    assert isinstance(single.control, widgets.RadioButtons)
    assert single.control.options == (
        ("A. About 75%", "a"),
        ("B. About 25%", "b"),
        ("C. About 50%", "c"),
    )
    assert single.control.value is None  # nothing pre-selected
    assert list(multiple.checkboxes) == ["a", "b", "c", "d"]
    assert multiple.checkboxes["a"].description == "A. Portal vein"
    assert isinstance(true_false.control, widgets.RadioButtons)
    assert true_false.control.options == (("True", True), ("False", False))
    assert isinstance(numeric.control, widgets.Text)
    assert numeric.control.description == "Answer (%)"
    assert "<strong>portal vein</strong>" in single.stem.value
    assert "Question 1 of 5" in single.stem.value
    assert app.score_label.value == app.score_footer.value == "First-try score: 0 / 5"
    assert "first answer to each question" in app.title.value
    assert "not medical advice" in app.title.value


def test_submitting_grades_through_the_session(app: QuizWidget) -> None:
    single = app.card("gb-single")
    single.control.value = "a"
    single.submit_button.click()
    assert app.session.score == 1
    assert app.score_label.value == app.score_footer.value == "First-try score: 1 / 5"
    assert "Correct." in single.feedback.value
    assert "Right - most inflow is portal." in single.feedback.value  # per-option feedback
    assert "sources give 67–80%" in single.feedback.value  # the explanation
    assert single.submit_button.disabled and single.control.disabled
    assert not single.retry_button.disabled


def test_partial_credit_from_checkboxes(app: QuizWidget) -> None:
    card = app.card("gb-multiple")
    card.checkboxes["a"].value = True
    card.submit_button.click()
    assert app.session.score == 0.5
    assert app.score_label.value == "First-try score: 0.5 / 5"
    assert "Partly right" in card.feedback.value
    assert all(box.disabled for box in card.checkboxes.values())


def test_numeric_text_box_and_a_response_that_is_not_a_number(app: QuizWidget) -> None:
    card = app.card("gb-numeric-fact")
    card.control.value = "about seventy"
    card.submit_button.click()
    assert "not a number" in card.feedback.value
    assert app.session.attempts == []  # not counted
    assert not card.submit_button.disabled  # and the learner can fix it
    card.control.value = "72 %"
    card.submit_button.click()
    assert app.session.score == 1
    assert "within the accepted range" in card.feedback.value


def test_submitting_nothing_asks_for_an_answer(app: QuizWidget) -> None:
    card = app.card("gb-true-false")
    card.submit_button.click()
    assert "Choose true or false first." in card.feedback.value
    assert app.session.score == 0 and not card.submit_button.disabled


def test_retry_clears_the_answer_but_the_score_keeps_the_first_try(app: QuizWidget) -> None:
    card = app.card("gb-true-false")
    card.control.value = False
    card.submit_button.click()
    assert "Not quite." in card.feedback.value and "The statement is" in card.feedback.value
    assert "Practice attempt" not in card.feedback.value
    card.retry_button.click()
    assert card.control.value is None and card.feedback.value == ""
    assert not card.submit_button.disabled and card.retry_button.disabled
    assert app.score_label.value == "First-try score: 0 / 5"
    card.control.value = True
    card.submit_button.click()
    assert "Correct." in card.feedback.value  # the retry still gets its feedback
    assert "Practice attempt: the score keeps your first answer." in card.feedback.value
    assert app.score_label.value == app.score_footer.value == "First-try score: 0 / 5"
    assert [a.attempt for a in app.session.attempts_for("gb-true-false")] == [1, 2]
    assert "first try" in card.retry_button.tooltip


def test_start_over_resets_every_card(app: QuizWidget) -> None:
    app.cards[0].control.value = "a"
    app.cards[0].submit_button.click()
    app.cards[1].checkboxes["a"].value = True
    app.cards[1].submit_button.click()
    app.reset_button.click()
    assert app.session.score == 0 and app.session.attempts == []
    assert app.score_label.value == "First-try score: 0 / 5"
    assert app.cards[0].control.value is None
    assert not any(box.value for box in app.cards[1].checkboxes.values())
    assert all(card.feedback.value == "" and not card.submit_button.disabled for card in app.cards)


def test_a_subset_and_all_or_nothing() -> None:
    app = quiz_widget(BANKS / "good-bank.yaml", ["gb-multiple"], partial_credit="all-or-nothing")
    assert len(app.cards) == 1 and app.session.name == "good-bank"
    app.cards[0].checkboxes["a"].value = True
    app.cards[0].submit_button.click()
    assert app.score_label.value == "First-try score: 0 / 1"


def test_hostile_text_is_neutralised_in_the_widget() -> None:
    app = show_quiz(BANKS / "xss-bank.yaml")
    card = app.card("xss-single")
    card.control.value = "b"
    card.submit_button.click()
    shown = [app.title.value] + [
        part for c in app.cards for part in (c.stem.value, c.feedback.value)
    ]
    for text in shown:
        lowered = text.lower()
        assert "<script" not in lowered and "<iframe" not in lowered and "<svg" not in lowered
        assert "onerror" not in lowered and "onmouseover" not in lowered
        assert "ontoggle" not in lowered and 'href="javascript' not in lowered
        assert "data:text/html" not in lowered
    assert "&lt;script&gt;" in app.title.value  # escaped, shown as text
    # Radio labels are plain text (the browser sets textContent), with markup flattened.
    assert card.control.options == (("A. Portal vein CO2", "a"), ("B. Hepatic artery", "b"))
    # The hostile unit reaches the description only as text (descriptions are not HTML).
    numeric = app.card("xss-numeric").control
    assert numeric.description_allow_html is False


def test_where_widgets_cannot_run_the_text_says_how_to_use_the_quiz(app: QuizWidget) -> None:
    text = app._repr_mimebundle_()["text/plain"]
    assert text.startswith("Interactive quiz, 5 questions") and "Binder" in text


# --- the newer question types ---------------------------------------------------------------
# Expected answers are read from the fixture YAML with PyYAML, not from the schema objects the
# widget uses, so a widget that mislabels or reorders controls cannot agree with itself.
ALL_TYPES_PATH = BANKS / "types" / "all-types.yaml"
ALL_TYPES = load_bank(ALL_TYPES_PATH)
RAW = {q["id"]: q for q in yaml.safe_load(ALL_TYPES_PATH.read_text(encoding="utf-8"))["questions"]}


def shown(widget: widgets.Widget) -> bool:
    return widget.layout.display != "none"


def test_matching_has_a_labelled_dropdown_per_prompt_and_grades_through_the_session() -> None:
    raw = RAW["at-matching"]
    app = quiz_widget(ALL_TYPES, ["at-matching"])
    card = app.card("at-matching")
    dropdowns = card.answer.dropdowns
    assert list(dropdowns) == [p["id"] for p in raw["prompts"]]
    assert [d.description for d in dropdowns.values()] == [p["text"] for p in raw["prompts"]]
    choice_text = {c["id"]: c["text"] for c in raw["choices"]}
    for dropdown in dropdowns.values():
        assert dropdown.options[0] == ("—", None) and dropdown.value is None
        assert {value: label for label, value in dropdown.options[1:]} == choice_text
    # Two right, one wrong: Moodle's share of prompts, 2/3.
    first, second, third = raw["answer"].items()
    dropdowns[first[0]].value = first[1]
    dropdowns[second[0]].value = second[1]
    card.submit_button.click()
    assert "Choose a match for every prompt first (1 still to choose)." in card.feedback.value
    assert app.session.attempts == []
    dropdowns[third[0]].value = "beam"  # the distractor
    card.submit_button.click()
    assert app.session.score == pytest.approx(2 / 3)
    assert app.session.attempts[0].response == {first[0]: first[1], second[0]: second[1],
                                                third[0]: "beam"}  # fmt: skip
    assert "Partly right" in card.feedback.value
    assert all(d.disabled for d in dropdowns.values())


def test_ordering_never_shows_the_answer_order_and_scores_the_lcs() -> None:
    bank_order = [item["id"] for item in RAW["at-ordering"]["items"]]
    app = quiz_widget(ALL_TYPES, ["at-ordering"])
    card = app.card("at-ordering")
    positions = card.answer.dropdowns
    assert [d.description for d in positions.values()] == [
        "Position 1 of 4 (first)", "Position 2 of 4", "Position 3 of 4", "Position 4 of 4 (last)"
    ]  # fmt: skip
    offered = [value for _, value in positions[1].options[1:]]
    assert sorted(offered) == sorted(bank_order) and offered != bank_order
    assert all(d.value is None for d in positions.values())  # nothing suggests an order
    # The lettered list shows the items in the same shuffled order as the Dropdowns.
    texts = {item["id"]: item["text"] for item in RAW["at-ordering"]["items"]}
    listed = card.answer.items_list.value
    assert [listed.index(texts[item_id]) for item_id in offered] == sorted(
        listed.index(texts[item_id]) for item_id in offered
    )
    positions[1].value = positions[2].value = bank_order[0]
    positions[3].value, positions[4].value = bank_order[2], bank_order[3]
    card.submit_button.click()
    assert "is chosen twice" in card.feedback.value and app.session.attempts == []
    # Swap the middle two: the longest run in order is 3 of 4 (worked by hand).
    for position, item_id in zip(positions, [bank_order[i] for i in (0, 2, 1, 3)], strict=True):
        positions[position].value = item_id
    card.submit_button.click()
    assert app.session.score == 0.75
    assert app.session.attempts[0].response == [bank_order[i] for i in (0, 2, 1, 3)]


def test_shown_orders_never_give_an_ordering_in_bank_order() -> None:
    from livermets_edu.quiz.schema import parse_question
    from livermets_edu.quiz.static_html import shown_orders

    items = [{"id": f"i{n}", "text": f"Step {n}"} for n in range(3)]
    bank_order = ["i0", "i1", "i2"]
    for number in range(60):  # 3 items: about 1 id in 6 shuffles back to bank order
        question = parse_question(
            {"id": f"o{number}", "type": "ordering", "stem": "Order", "items": items, "source": "x"}
        )
        assert shown_orders(question)["items"] != bank_order
        # An exam paper that happens to give bank order is scrambled (exam.scrambled): the
        # same items, never in bank order.
        shown = shown_orders(question, {"items": bank_order})["items"]
        assert sorted(shown) == bank_order
        assert shown != bank_order


def test_label_diagram_shows_the_numbered_figure_its_alt_text_and_a_dropdown_per_number() -> None:
    from livermets_edu.quiz.label_diagrams import LABEL_DIAGRAMS

    raw = RAW["at-label"]
    drawing = LABEL_DIAGRAMS[raw["diagram"]]
    expected = {drawing.number_of(region): drawing.display_names[region] for region in raw["ask"]}
    app = quiz_widget(ALL_TYPES, ["at-label"])
    card = app.card("at-label")
    assert isinstance(card.answer.image, widgets.Image)
    assert card.answer.image.value == drawing.png() and card.answer.image.format == "png"
    alt = drawing.alt_text()
    assert alt and card.answer.image.tooltip == alt
    assert html.escape(alt) in card.answer.caption.value
    dropdowns = card.answer.dropdowns
    assert sorted(dropdowns) == sorted(expected)
    assert [d.description for d in dropdowns.values()] == [f"Number {n}" for n in dropdowns]
    names = sorted([*expected.values(), *raw["distractors"]], key=str.casefold)
    assert [label for label, _ in dropdowns[min(expected)].options] == ["—", *names]
    for number, name in expected.items():
        dropdowns[number].value = name
    card.submit_button.click()
    assert app.session.score == 1 and "Correct." in card.feedback.value


def test_a_case_reveals_its_parts_one_at_a_time_and_scores_as_one_item() -> None:
    raw = RAW["at-case"]
    supply, route, portal = raw["parts"]
    app = quiz_widget(ALL_TYPES, ["at-case"])
    card = app.card("at-case")
    assert [shown(panel) for panel in card.parts] == [True, False, False]
    assert "hepatic artery" in card.stem.value  # the vignette
    card.submit_button.click()  # nothing chosen: the part stays, nothing is recorded
    assert "Choose an option first." in card.parts[0].feedback.value
    assert [shown(panel) for panel in card.parts] == [True, False, False]
    card.parts[0].answer.widget.value = supply["answer"]
    card.parts[0].button.click()
    assert "Correct." in card.parts[0].feedback.value
    assert [shown(panel) for panel in card.parts] == [True, True, False]
    assert card.parts[0].answer.widget.disabled and card.parts[0].button.disabled
    assert app.session.attempts == []  # the case is recorded as one item, at its end
    order = [item["id"] for item in route["items"]]
    wrong = [order[1], order[0], order[2]]  # longest run in order: 2 of 3
    for position, item_id in zip(card.parts[1].answer.dropdowns, wrong, strict=True):
        card.parts[1].answer.dropdowns[position].value = item_id
    card.submit_button.click()
    assert "Partly right" in card.parts[1].feedback.value
    assert shown(card.parts[2])
    card.parts[2].answer.widget.value = portal["answer"]
    card.submit_button.click()
    assert app.session.score == pytest.approx((1 + 2 / 3 + 1) / 3)
    assert app.session.attempts[0].response == {
        supply["id"]: supply["answer"], route["id"]: wrong, portal["id"]: portal["answer"]
    }  # fmt: skip
    assert "The whole case" in card.feedback.value
    card.retry_button.click()
    assert [shown(panel) for panel in card.parts] == [True, False, False]
    assert card.parts[0].answer.widget.value is None and not card.parts[0].button.disabled
    assert app.score_label.value == "First-try score: 0.89 / 1"


def test_a_template_question_is_made_concrete_and_new_numbers_draw_a_fresh_variant() -> None:
    from livermets_edu.quiz.exam import item_seed
    from livermets_edu.quiz.variants import concrete

    template = ALL_TYPES["at-numeric-template"]
    app = quiz_widget(ALL_TYPES, ["at-numeric-template"])
    card = app.card("at-numeric-template")
    # The session draws each question's numbers from the quiz seed (0) and the question id.
    first_seed = item_seed(0, "anonymous", "at-numeric-template")
    assert app.session.variant_seed("at-numeric-template") == first_seed
    first = concrete(template, first_seed)
    assert "{param:" not in card.stem.value and first.stem.split("\n")[0] in card.stem.value
    card.control.value = "0"  # wrong: this first try is the one scored
    card.submit_button.click()
    assert app.session.score == 0
    card.new_numbers_button.click()
    fresh_seed = app.session.variant_seed("at-numeric-template")
    assert fresh_seed != first_seed
    fresh = concrete(template, fresh_seed)
    assert fresh.stem.split("\n")[0] in card.stem.value
    assert card.feedback.value == "" and not card.submit_button.disabled
    card.control.value = f"{fresh.answer.value} Gy"
    card.submit_button.click()
    assert "Correct." in card.feedback.value and "Practice attempt" in card.feedback.value
    assert app.session.score == 0  # the first try still counts
    other = quiz_widget(ALL_TYPES, ["at-numeric-template"], seed=7)
    seven = concrete(template, item_seed(7, "anonymous", "at-numeric-template"))
    assert seven.stem.split("\n")[0] in other.cards[0].stem.value
    assert app.card("at-numeric-template").new_numbers_button is not None
    assert app.session.question("at-numeric-template").answer.value == fresh.answer.value


def test_a_short_answer_is_a_labelled_text_box_graded_through_the_session() -> None:
    raw = RAW["at-short-answer"]
    right, also, mistake = raw["answers"]
    app = quiz_widget(ALL_TYPES, ["at-short-answer"])
    card = app.card("at-short-answer")
    assert isinstance(card.control, widgets.Text)
    assert (card.control.value, card.control.description) == ("", "Answer")
    assert "Type a word or phrase, then press Submit." in card.stem.value
    # No hint of the answer in the box.
    assert right["text"] not in card.control.placeholder
    card.submit_button.click()  # an empty box is not an attempt
    assert "Type an answer first." in card.feedback.value and app.session.attempts == []
    card.control.value = mistake["text"].upper()  # the listed mistake, capitals ignored
    card.submit_button.click()
    assert app.session.score == 0 and card.control.disabled
    assert "The hepatic artery brings only about" in card.feedback.value
    # The answer revealed, the other accepted answer too.
    assert f"<strong>{right['text']}</strong>" in card.feedback.value
    assert f"also accepted: <strong>{also['text']}</strong>" in card.feedback.value
    card.retry_button.click()
    assert card.control.value == "" and not card.control.disabled
    card.control.value = right["text"].replace("rt", "t")  # 'potal vein': 1 - 1/11, over 0.8
    card.submit_button.click()
    assert "Correct." in card.feedback.value and "the spelling is" in card.feedback.value
    assert app.session.attempts[-1].response == "potal vein"
    assert app.session.score == 0  # the first try counts


def test_short_answer_feedback_from_the_bank_is_sanitised() -> None:
    from livermets_edu.quiz.schema import parse_question

    hostile = parse_question(
        {
            "id": "h-short",
            "type": "short_answer",
            "stem": "Type <script>alert(1)</script>",
            "answers": [
                {"text": "vein", "feedback": "<img src=x onerror=alert(1)>Yes"},
                {"text": "artery", "correct": False, "feedback": "<script>alert(2)</script>No"},
            ],
            "source": "x",
        }
    )
    card = quiz_widget([hostile]).cards[0]
    card.control.value = "artery"
    card.submit_button.click()
    shown_html = (card.stem.value + card.feedback.value).lower()
    assert "<script" not in shown_html and "onerror" not in shown_html
    assert "No</" in card.feedback.value  # the text kept, the script gone


def test_every_type_gets_a_card_and_a_bad_seed_is_refused() -> None:
    app = quiz_widget(ALL_TYPES)
    assert [card.question.id for card in app.cards] == ALL_TYPES.ids
    with pytest.raises(ValueError, match="seed must be a whole number"):
        quiz_widget(ALL_TYPES, seed="1")  # type: ignore[arg-type]


def test_hostile_text_in_new_types_reaches_dropdowns_as_plain_text_only() -> None:
    from livermets_edu.quiz.schema import parse_question

    hostile = parse_question(
        {
            "id": "h-match",
            "type": "matching",
            "stem": "Match <script>alert(1)</script>",
            "prompts": [
                {"id": "p", "text": "<img src=x onerror=alert(1)>Portal"},
                {"id": "q", "text": "**Artery**"},
            ],
            "choices": [
                {"id": "a", "text": "<b onmouseover=alert(1)>vein</b>"},
                {"id": "b", "text": "B"},
            ],
            "answer": {"p": "a", "q": "b"},
            "source": "x",
        }
    )
    card = quiz_widget([hostile]).cards[0]
    assert [d.description for d in card.answer.dropdowns.values()] == ["Portal", "Artery"]
    assert not any(d.description_allow_html for d in card.answer.dropdowns.values())
    assert sorted(card.answer.dropdowns["p"].options[1:]) == [("B", "b"), ("vein", "a")]
    assert "<script" not in card.stem.value.lower()


def test_a_case_first_try_cannot_be_replayed_after_its_answers_are_shown() -> None:
    # The case.py repro of the issue 5 review: part 1 wrong, Retry, then every part right.
    types = BANKS / "types" / "all-types.yaml"
    raw = {q["id"]: q for q in yaml.safe_load(types.read_text(encoding="utf-8"))["questions"]}
    parts = raw["at-case"]["parts"]
    case_app = quiz_widget(load_bank(types), ["at-case"])
    card = case_app.card("at-case")
    first = card.parts[0]
    assert parts[0]["type"] == "single"  # the fixture's first part, answered wrong below
    first.answer.widget.value = next(
        o["id"] for o in parts[0]["options"] if o["id"] != parts[0]["answer"]
    )
    first.button.click()
    assert card.retry_button.disabled  # mid-case: no Retry
    card.retry_button.click()  # even if clicked (Python can click a disabled button)
    assert "last part first" in card.feedback.value
    first.answer.widget.value = parts[0]["answer"]
    first.button.click()  # an answered part stays answered
    assert card.responses[parts[0]["id"]] != parts[0]["answer"]
    route, portal = card.parts[1], card.parts[2]
    for position, item in zip(route.answer.dropdowns, parts[1]["items"], strict=True):
        route.answer.dropdowns[position].value = item["id"]  # bank order is the answer
    route.button.click()
    portal.answer.widget.value = parts[2]["answer"]
    portal.button.click()
    # Two of three parts right: the first try scores 2/3, not 1 (net-correct share).
    assert case_app.session.first_grade_for("at-case").score == pytest.approx(2 / 3)
    assert not card.retry_button.disabled  # the case is scored: Retry is for practice now
    assert "Retry works once its last part is answered" in html.unescape(case_app.title.value)


def test_a_radio_group_has_a_label() -> None:
    from livermets_edu.quiz.widget_cards import CHOICE_LABEL

    app = quiz_widget(GOOD)
    radios = [
        part
        for card in app.cards
        for part in [card.control]
        if isinstance(part, widgets.RadioButtons)
    ]
    assert radios and all(radio.description == CHOICE_LABEL == "Your answer" for radio in radios)
