"""The quiz as a notebook widget: standard ipywidgets controls bound to a ``QuizSession``.

The widget only collects responses and shows results; grading and scoring live in the
session, so tests (and any other front end) drive the same logic. Controls are the stock
ipywidgets ones (radio buttons, checkboxes, a text box, labelled Dropdowns; see
:mod:`.widget_cards`), which are keyboard-usable, and option labels are plain text. Every
piece of bank text shown as HTML goes through the sanitiser.

A case shows its vignette and then its parts one at a time: the next part appears once the
one before is answered, with that part's feedback; the whole case is one item of the score,
recorded when its last part is answered. A parametrized question is shown as a variant (seed
``exam.item_seed(seed, "anonymous", id)``, quiz seed 0 unless told: the same numbers as the
static page and a bank export), with a "New numbers" button for practice, as PrairieLearn's
homework mode.

The same cards serve the exam front end (:mod:`.exam_ui`): in an exam session they save
answers without a word about correctness, and show the grades only once the exam is handed in.

This and the two modules named above are the only quiz modules that import ipywidgets;
``livermets_edu.quiz`` loads them lazily.
"""

from __future__ import annotations

import html
import secrets
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import ipywidgets as widgets

from .exam import OptionOrder
from .grading import Grade, PartialCredit, answer_markdown, grade_part
from .render import markdown_to_safe_html
from .schema import Case, Question
from .selection import QuizSource, select_questions
from .session import ExamClosed, QuizSession, Recorded
from .static_html import shown_orders
from .widget_cards import AnswerControl, answer_control, instruction

__all__ = ["CaseCard", "QuestionCard", "QuizWidget", "quiz_widget", "show_quiz"]


SCORING_NOTE = (
    "The score counts your first answer to each question (a case: its parts as first "
    "answered). <strong>Retry</strong> is for practice: it shows feedback but does not change "
    "the score; a case's Retry works once its last part is answered."
)
PRACTICE_NOTE = "Practice attempt: the score keeps your first answer."
CHANGED_NOTE = "Changed since you last saved: press Save answer to keep this change."
NOT_ANSWERED = "Not answered: it scores 0."
CASE_RETRY_NOTE = (
    "Answer the case's last part first: Retry starts the case again once it is scored."
)
RESTORED_NOTE = "Your saved answer is shown again. You can change it until you submit."
VARIANT_NOTE = "The numbers are one variant: press New numbers to practise with others."
_SEED_RANGE = 2**31


def _full_width() -> widgets.Layout:
    return widgets.Layout(width="100%")


def _card_layout() -> widgets.Layout:
    return widgets.Layout(border="1px solid #767676", padding="0.5em", margin="0 0 1em 0")


def _status(inner_html: str) -> str:
    # role="status" makes screen readers announce the message without moving the focus.
    return f'<div class="lm-quiz-feedback" role="status">{inner_html}</div>' if inner_html else ""


def _explanation_html(question: Question) -> str:
    if not question.explanation.strip():
        return ""
    return (
        '<div class="lm-quiz-explanation"><p><strong>Explanation</strong></p>'
        f"{markdown_to_safe_html(question.explanation)}</div>"
    )


def _final_html(question: Question, result: Grade | None) -> str:
    """An exam question's result once handed in: its feedback, or the answer if unanswered."""
    if result is None:
        body = markdown_to_safe_html(f"{NOT_ANSWERED} The answer:\n\n{answer_markdown(question)}")
    else:
        body = markdown_to_safe_html(result.feedback)
    return body + _explanation_html(question)


class QuestionCard(widgets.VBox):
    """One question: stem, answer control, Submit and Retry buttons, and feedback.

    In an exam session the buttons read Save answer and Clear answer, and the feedback says
    only whether the answer was saved.
    """

    def __init__(
        self,
        question: Question,
        number: int,
        total: int,
        session: QuizSession,
        on_change: Callable[[], None] = lambda: None,
        *,
        orders: OptionOrder | None = None,
    ) -> None:
        self.question = question
        self.session = session
        self.number, self.total = number, total
        # Practice only: an exam's numbers are fixed by the student's seed.
        self.has_variants = not session.is_exam and session.has_variants(question.id)
        self.changed_since_saved = False
        self.edited_at: datetime | None = None  # when the answer was last changed (exam)
        self._on_change = on_change
        self.stem = widgets.HTML(value=self._stem_html(), layout=_full_width())
        self.answer: AnswerControl = answer_control(
            question, orders if orders is not None else shown_orders(question)
        )
        self.control = self.answer.widget
        self.checkboxes: dict[str, widgets.Checkbox] = dict(getattr(self.answer, "checkboxes", {}))
        exam = session.is_exam
        self.submit_button = widgets.Button(
            description="Save answer" if exam else "Submit",
            button_style="primary",
            icon="save" if exam else "check",
            tooltip="Save this answer; you can change it until you submit the exam"
            if exam
            else "Check my answer",
        )
        self.retry_button = widgets.Button(
            description="Clear answer" if exam else "Retry",
            icon="eraser" if exam else "redo",
            tooltip="Remove my saved answer to this question"
            if exam
            else "Clear my answer and try again (the score keeps my first try)",
            disabled=True,
        )
        self.new_numbers_button: widgets.Button | None = None
        buttons = [self.submit_button, self.retry_button]
        if self.has_variants:
            self.new_numbers_button = widgets.Button(
                description="New numbers",
                icon="random",
                tooltip="Practise this question with new numbers (the score keeps your first try)",
            )
            self.new_numbers_button.on_click(self.new_numbers)
            buttons.append(self.new_numbers_button)
        self.feedback = widgets.HTML(value="", layout=_full_width())
        self.submit_button.on_click(self.submit)
        self.retry_button.on_click(self.retry)
        self.answer.on_change(self._edited)
        super().__init__(
            children=[self.stem, self.control, widgets.HBox(buttons), self.feedback],
            layout=_card_layout(),
        )

    def _stem_html(self) -> str:
        note = f"<p><em>{VARIANT_NOTE}</em></p>" if self.has_variants else ""
        return (
            f"<p><strong>Question {self.number} of {self.total}</strong></p>"
            f"{markdown_to_safe_html(self.question.stem)}{note}"
            f"<p><em>{instruction(self.question, exam=self.session.is_exam)}</em></p>"
        )

    # --- reading and clearing the control ---
    def response(self) -> Any:
        """What the learner has entered so far, in the form ``grade`` expects."""
        return self.answer.response()

    def _set_enabled(self, enabled: bool) -> None:
        self.answer.set_enabled(enabled)
        self.submit_button.disabled = not enabled
        self.retry_button.disabled = enabled

    def clear(self) -> None:
        """Empty the answer control and the feedback, and make the question answerable again."""
        self.answer.clear()
        self.feedback.value = ""
        self.changed_since_saved = False
        self._set_enabled(True)

    def lock(self) -> None:
        """Stop every change (an exam's time is up, or it is handed in)."""
        self.answer.set_enabled(False)
        for button in (self.submit_button, self.retry_button, self.new_numbers_button):
            if button is not None:
                button.disabled = True

    def _edited(self) -> None:
        if self.session.is_exam and not self.session.submitted:
            self.changed_since_saved = True
            self.edited_at = self.session.now()
            if self.session.is_answered(self.question.id):
                self.feedback.value = _status(f"<p>{CHANGED_NOTE}</p>")

    # --- actions ---
    def _show(self, result: Grade) -> None:
        parts = [markdown_to_safe_html(result.feedback)]
        if result.valid and len(self.session.attempts_for(self.question.id)) > 1:
            parts.append(f'<p class="lm-quiz-practice"><em>{PRACTICE_NOTE}</em></p>')
        if result.valid:
            parts.append(_explanation_html(self.question))
        self.feedback.value = _status("".join(parts))

    def submit(
        self, _button: widgets.Button | None = None, *, edited_at: datetime | None = None
    ) -> Grade | Recorded:
        """Self-check: grade the response and show the feedback. Exam: save the response.

        ``edited_at``: when the answer was changed, for an edit saved late (see exam_ui).
        """
        problem = self.answer.problem()
        result: Grade | Recorded
        if problem is not None:
            result = (
                Recorded(self.question.id, False, problem)
                if self.session.is_exam
                else Grade(0.0, False, problem, valid=False)
            )
        else:
            result = self.session.answer(self.question.id, self.response(), edited_at=edited_at)
        if isinstance(result, Recorded):
            self.feedback.value = _status(f"<p>{html.escape(result.feedback)}</p>")
            if result.valid:
                self.changed_since_saved = False
                self.retry_button.disabled = False
        else:
            self._show(result)
            if result.valid:
                self._set_enabled(False)
        self._on_change()
        return result

    def pending_problem(self) -> str | None:
        """Exam: why the answer changed but not saved cannot be saved (incomplete), or None."""
        return self.answer.problem() if self.changed_since_saved else None

    def save_pending(self) -> bool:
        """Exam: save an answer changed but not saved, if complete, as of when it was changed."""
        if self.changed_since_saved and self.answer.problem() is None:
            return self.submit(edited_at=self.edited_at).valid
        return False

    def restore(self) -> None:
        """Exam: show the answer the session has saved (a re-run cell, a restarted notebook)."""
        saved = self.session.saved_response(self.question.id)
        if saved is None:
            return
        self.answer.show(saved)
        self.changed_since_saved = False
        self.edited_at = None
        self.retry_button.disabled = False
        self.feedback.value = _status(f"<p>{html.escape(RESTORED_NOTE)}</p>")

    def retry(self, _button: widgets.Button | None = None) -> None:
        """Clear this question's answer and feedback so it can be tried again (exam: unsave)."""
        try:
            self.session.retry(self.question.id)
        except ExamClosed as error:
            self.feedback.value = _status(f"<p>{html.escape(str(error))}</p>")
            return
        self.clear()
        self._on_change()

    def new_numbers(self, _button: widgets.Button | None = None) -> int:
        """Practice: ask this question again with numbers from a fresh seed; return the seed."""
        if not self.has_variants:
            raise ValueError(f"question {self.question.id!r} has no numbers to change")
        current = self.session.variant_seed(self.question.id)
        seed = current
        while seed == current:
            seed = secrets.randbelow(_SEED_RANGE)
        self.question = self.session.new_variant(self.question.id, seed)
        self.stem.value = self._stem_html()
        self.clear()
        self._on_change()
        return seed

    def show_final(self) -> None:
        """Once an exam is handed in: lock the card and show its grade and explanation."""
        self.lock()
        self.feedback.value = _status(
            _final_html(self.question, self.session.grade_for(self.question.id))
        )


class _PartPanel(widgets.VBox):
    """One part of a case: heading and stem, its answer control, a button, its feedback."""

    def __init__(
        self,
        case: Case,
        position: int,
        exam: bool,
        orders: OptionOrder,
        on_submit: Any,
        clock: Callable[[], datetime],
    ) -> None:
        self.part = case.parts[position - 1]
        self.position = position
        count = len(case.parts)
        self.heading = widgets.HTML(
            value=f"<p><strong>Part {position} of {count}</strong></p>"
            f"{markdown_to_safe_html(self.part.stem)}"
            f"<p><em>{instruction(self.part, exam=exam)}</em></p>",
            layout=_full_width(),
        )
        self.answer = answer_control(self.part, orders, prefix=f"{self.part.id}.")
        verb = "Save" if exam else "Submit"
        self.button = widgets.Button(
            description=f"{verb} part {position}",
            button_style="primary",
            icon="save" if exam else "check",
            tooltip=f"{verb} this part; the next part then appears"
            if position < count
            else f"{verb} the last part of this case",
        )
        self.button.on_click(lambda _button: on_submit(self))
        self.edited = False  # changed since shown, saved or cleared
        self.edited_at: datetime | None = None
        self._clock = clock
        self.answer.on_change(self._mark_edited)
        self.feedback = widgets.HTML(value="", layout=_full_width())
        super().__init__(
            children=[self.heading, self.answer.widget, self.button, self.feedback],
            layout=widgets.Layout(margin="0 0 0.5em 1em"),
        )

    def _mark_edited(self) -> None:
        self.edited = True
        self.edited_at = self._clock()

    def set_enabled(self, enabled: bool) -> None:
        """Allow or stop changes to this part."""
        self.answer.set_enabled(enabled)
        self.button.disabled = not enabled

    def show(self, visible: bool) -> None:
        """Show or hide the part (hidden parts are out of the page and of the reading order)."""
        self.layout.display = None if visible else "none"


class CaseCard(widgets.VBox):
    """A case: the vignette, then its parts revealed one at a time, each answered in turn.

    Self-check: each part is graded on its own (``grade_part``) for its feedback; when the
    last is answered, the whole case goes to the session as one item. Exam: each part saved
    saves the case's answers so far, and the next part appears; nothing is graded until the
    exam is handed in. A part answered is locked, as the next part may give its answer away.
    """

    def __init__(
        self,
        question: Case,
        number: int,
        total: int,
        session: QuizSession,
        on_change: Callable[[], None] = lambda: None,
        *,
        orders: OptionOrder | None = None,
    ) -> None:
        self.question = question
        self.session = session
        self._on_change = on_change
        self.responses: dict[str, Any] = {}
        exam = session.is_exam
        shown = orders if orders is not None else shown_orders(question)
        self.stem = widgets.HTML(
            value=f"<p><strong>Question {number} of {total}: a case</strong></p>"
            f"{markdown_to_safe_html(question.stem)}"
            f"<p><em>Answer the {len(question.parts)} parts in order: each part appears when "
            "the one before it is answered.</em></p>",
            layout=_full_width(),
        )
        self.parts = [
            _PartPanel(question, position, exam, shown, self.submit_part, session.now)
            for position in range(1, len(question.parts) + 1)
        ]
        self.retry_button = widgets.Button(
            description="Clear answers" if exam else "Retry",
            icon="eraser" if exam else "redo",
            tooltip="Remove my saved answers to this case and start it again"
            if exam
            else "Start the case again (the score keeps my first try)",
            disabled=True,
        )
        self.retry_button.on_click(self.retry)
        self.feedback = widgets.HTML(value="", layout=_full_width())
        super().__init__(
            children=[self.stem, *self.parts, self.retry_button, self.feedback],
            layout=_card_layout(),
        )
        self._reveal(1)

    @property
    def revealed(self) -> int:
        """How many parts are shown (the last of them is the one to answer next)."""
        return sum(panel.layout.display != "none" for panel in self.parts)

    @property
    def current(self) -> _PartPanel:
        """The part to answer next (the last part shown)."""
        return self.parts[self.revealed - 1]

    @property
    def submit_button(self) -> widgets.Button:
        """The button that answers the current part."""
        return self.current.button

    @property
    def changed_since_saved(self) -> bool:
        """Exam: the current part was changed and not saved yet."""
        panel = self.current
        return panel.edited and not panel.button.disabled

    def _reveal(self, count: int) -> None:
        for panel in self.parts:
            panel.show(panel.position <= count)
            panel.set_enabled(panel.position == count)

    def response(self) -> dict[str, Any]:
        """The answers of the parts answered so far: {part id: response}."""
        return dict(self.responses)

    def submit(self, _button: widgets.Button | None = None) -> Grade | Recorded | None:
        """Answer the current part (as its button does)."""
        return self.submit_part(self.current)

    def submit_part(
        self, panel: _PartPanel, *, edited_at: datetime | None = None
    ) -> Grade | Recorded | None:
        """Grade (self-check) or save (exam) one part; reveal the next if it was accepted."""
        if panel.button.disabled:
            return None  # answered (or locked) already: its answer, once given, stands
        problem = panel.answer.problem()
        if problem is not None:
            panel.feedback.value = _status(f"<p>{html.escape(problem)}</p>")
            return None
        response = panel.answer.response()
        if self.session.is_exam:
            collected = {**self.responses, panel.part.id: response}
            saved = self.session.answer(self.question.id, collected, edited_at=edited_at)
            assert isinstance(saved, Recorded)
            panel.feedback.value = _status(f"<p>{html.escape(saved.feedback)}</p>")
            if saved.valid:
                self.responses = collected
                panel.edited = False
                self._accepted(panel)
            self._on_change()
            return saved
        result = grade_part(
            self.question, panel.part.id, response, partial_credit=self.session.partial_credit
        )
        panel.feedback.value = _status(
            markdown_to_safe_html(result.feedback)
            + (_explanation_html(panel.part) if result.valid else "")
        )
        if not result.valid:
            return result
        self.responses[panel.part.id] = response
        self._accepted(panel)
        if len(self.responses) == len(self.parts):
            whole = self.session.answer(self.question.id, dict(self.responses))
            assert isinstance(whole, Grade)
            self._show_case(whole)
            self._on_change()
            return whole
        return result

    def _accepted(self, panel: _PartPanel) -> None:
        panel.set_enabled(False)
        # Self-check: Retry only once the case is answered (and scored). A retry mid-case
        # would drop the parts answered, and a later full run, helped by the answers the
        # feedback revealed, would be taken as the first try.
        last = panel.position == len(self.parts)
        self.retry_button.disabled = not (self.session.is_exam or last)
        if panel.position < len(self.parts):
            self._reveal(panel.position + 1)

    def _show_case(self, result: Grade) -> None:
        verdict = markdown_to_safe_html(result.feedback.split("\n\n", 1)[0])
        practice = (
            f'<p class="lm-quiz-practice"><em>{PRACTICE_NOTE}</em></p>'
            if len(self.session.attempts_for(self.question.id)) > 1
            else ""
        )
        self.feedback.value = _status(
            f"<p><strong>The whole case:</strong></p>{verdict}{practice}"
            f"{_explanation_html(self.question)}"
        )

    def pending_problem(self) -> str | None:
        """Exam: why the current part, changed but not saved, cannot be saved, or None."""
        return self.current.answer.problem() if self.changed_since_saved else None

    def save_pending(self) -> bool:
        """Exam: save the current part if changed and complete, as of when it was changed."""
        panel = self.current
        if self.changed_since_saved and panel.answer.problem() is None:
            saved = self.submit_part(panel, edited_at=panel.edited_at)
            return saved is not None and saved.valid
        return False

    def restore(self) -> None:
        """Exam: show the parts the session has saved, locked, and the next part to answer."""
        saved = self.session.saved_response(self.question.id)
        if not isinstance(saved, dict):
            return
        answered = 0
        for panel in self.parts:
            if panel.part.id not in saved:
                break
            panel.answer.show(saved[panel.part.id])
            panel.edited, panel.edited_at = False, None
            panel.feedback.value = _status(f"<p>{html.escape(RESTORED_NOTE)}</p>")
            answered = panel.position
        self.responses = {panel.part.id: saved[panel.part.id] for panel in self.parts[:answered]}
        if answered:
            self.retry_button.disabled = False
            self._reveal(min(answered + 1, len(self.parts)))
            if answered == len(self.parts):
                self.parts[-1].set_enabled(False)

    def clear(self) -> None:
        """Empty every part and show only the first again."""
        self.responses = {}
        for panel in self.parts:
            panel.answer.clear()
            panel.edited = False
            panel.feedback.value = ""
        self.feedback.value = ""
        self.retry_button.disabled = True
        self._reveal(1)

    def retry(self, _button: widgets.Button | None = None) -> None:
        """Start the case again (self-check: the score keeps the first try; exam: unsave)."""
        if not self.session.is_exam and len(self.responses) < len(self.parts):
            self.feedback.value = _status(f"<p>{html.escape(CASE_RETRY_NOTE)}</p>")
            return
        try:
            self.session.retry(self.question.id)
        except ExamClosed as error:
            self.feedback.value = _status(f"<p>{html.escape(str(error))}</p>")
            return
        self.clear()
        self._on_change()

    def lock(self) -> None:
        """Stop every change (an exam's time is up, or it is handed in)."""
        for panel in self.parts:
            panel.set_enabled(False)
        self.retry_button.disabled = True

    def show_final(self) -> None:
        """Once an exam is handed in: show every part and the case's graded feedback."""
        for panel in self.parts:
            panel.show(True)
        self.lock()
        self.feedback.value = _status(
            _final_html(self.question, self.session.grade_for(self.question.id))
        )


Card = QuestionCard | CaseCard


def make_card(
    question: Question,
    number: int,
    total: int,
    session: QuizSession,
    on_change: Callable[[], None],
) -> Card:
    """The card for one question of a session, lists in the session's (or a fixed) order."""
    paper_orders = session.option_order(question.id) if session.paper is not None else None
    orders = shown_orders(question, paper_orders)
    if isinstance(question, Case):
        return CaseCard(question, number, total, session, on_change, orders=orders)
    return QuestionCard(
        question,
        number,
        total,
        session,
        on_change,
        orders=orders,
    )


class QuizWidget(widgets.VBox):
    """A whole quiz: a card per question, a running score and a Start-over button."""

    def __init__(
        self,
        title: str,
        session: QuizSession,
    ) -> None:
        self.session = session
        total = session.max_score
        self.title = widgets.HTML(
            value=(
                f"<h3>{html.escape(title)}</h3><p>For education only: not medical advice.</p>"
                f"<p>{SCORING_NOTE}</p>"
            )
        )
        self.cards: list[Card] = [
            make_card(question, number, total, session, self._update_score)
            for number, question in enumerate(session.questions, start=1)
        ]
        self.score_label = widgets.Label(value=session.score_text())
        # Repeated under the last question, so the score is in view at both ends of a long quiz.
        self.score_footer = widgets.Label(value=session.score_text())
        self.reset_button = widgets.Button(
            description="Start over", icon="refresh", tooltip="Clear every answer"
        )
        self.reset_button.on_click(self.reset)
        super().__init__(
            children=[
                self.title,
                widgets.HBox([self.score_label, self.reset_button]),
                *self.cards,
                self.score_footer,
            ]
        )

    def __repr__(self) -> str:
        # Shown as text where widgets cannot run (GitHub, nbviewer, a closed kernel).
        return (
            f"Interactive quiz, {self.session.max_score} questions: run the lesson in Jupyter "
            "or on Binder to answer them."
        )

    def card(self, question_id: str) -> Card:
        """The card showing the question with this id."""
        for card in self.cards:
            if card.question.id == question_id:
                return card
        raise KeyError(f"this quiz has no question {question_id!r}")

    def _update_score(self) -> None:
        self.score_label.value = self.score_footer.value = self.session.score_text()

    def reset(self, _button: widgets.Button | None = None) -> None:
        """Start the whole quiz over."""
        self.session.reset()
        for card in self.cards:
            card.clear()
        self._update_score()


def quiz_widget(
    bank_or_name: QuizSource,
    questions: Sequence[str] | None = None,
    *,
    partial_credit: PartialCredit = "net-correct",
    seed: int = 0,
) -> QuizWidget:
    """An interactive quiz for a bank (or name, or list of questions), optionally a subset by id.

    A parametrized question is shown with the numbers of variant ``seed``; its card has a
    New numbers button for practice.
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be a whole number, not {seed!r}")
    selection = select_questions(bank_or_name, questions)
    session = QuizSession(
        selection.questions, partial_credit=partial_credit, name=selection.bank_name, seed=seed
    )
    return QuizWidget(selection.title, session)


def show_quiz(name: QuizSource, questions: Sequence[str] | None = None) -> QuizWidget:
    """The lesson quiz for a bank name; end a notebook cell with it to display it."""
    return quiz_widget(name, questions)
