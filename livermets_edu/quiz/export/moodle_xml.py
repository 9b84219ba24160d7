"""Moodle XML: the format Moodle's question bank imports and exports (Question bank > Import).

The structure follows Moodle's own writer, ``question/format/xml/format.php``, and the expected
exports in its ``tests/xmlformat_test.php``; ``tests/schemas/moodle-xml.xsd`` checks it.

- Text is HTML from the sanitiser (``safe_html``), inside CDATA; a ``]]>`` in the text is split
  as Moodle's own ``xml_escape`` does. Names, id numbers, tags and units are escaped XML text.
- Options keep bank order (``shuffleanswers`` false, numbered A, B, C) so that feedback and
  explanations that name a letter stay right.
- Grades use only the fractions Moodle accepts (``question_bank::fraction_options_full``);
  anything else would make Moodle refuse the import.
- Partial credit is the quiz's (``ExportQuiz.partial_credit``). Multiple response,
  ``net-correct`` (our default): each correct option is worth +100/k % and each wrong one
  -100/k % (k correct options); Moodle adds the picks and clamps the sum to 0..100 %, which is
  exactly our (right - wrong) / k, floored at 0. Ticking every option therefore does not earn
  full marks. Core Moodle's multichoice only adds fractions: it has no all-or-nothing (that is
  the add-on question type qtype_multichoiceset, not core) and cannot credit an option left
  unticked (``each-answer``), so both modes raise ``ExportError`` for a multiple-response item.
- Numeric: one answer with an absolute ``<tolerance>``: our expected value and tolerance, or for
  ``accept: range`` the midpoint of the range with half its width, so Moodle accepts the same
  interval we do. The unit is optional, as in our grading.
- Matching: ``matching`` with one ``<subquestion>`` per prompt; a distractor choice becomes a
  subquestion with empty text, Moodle's way of adding wrong answers.
- Matching and label-the-diagram questions score the share of right pairs in Moodle; an
  ``all-or-nothing`` quiz with one raises ``ExportError``.
- Ordering: the ``ordering`` question type (core since Moodle 4.4) with items in the correct
  order and ``LONGEST_ORDERED_SUBSET`` grading: the longest run of items in the right relative
  order, over n. That is our LCS score, except that Moodle scores a subset of one item as 0.
  An ``all-or-nothing`` quiz gets Moodle's ``ALL_OR_NOTHING`` grading.
- Case: written as its parts in sequence, each with the vignette repeated before its own stem
  and named ``case-id/part-id`` (the id its results use).
- Label the diagram: a ``matching`` question whose prompts are the numbers ("Number 3") and
  whose choices are the names, with the numbered figure embedded as a PNG ``<file>`` in the
  question text (``@@PLUGINFILE@@``, as Moodle exports images) and its alt text.
- Short answer: ``shortanswer`` with every listed answer in bank order, right ones at 100 %
  and wrong ones at 0 % with their feedback. Moodle, like our grader, takes the first answer
  that matches (``qtype_shortanswer_question::get_matching_answer``), so a wrong answer listed
  before a right one decides the same responses in both. Case is one rule per question
  (``usecase``): answers that disagree on ``match_case`` raise ``ExportError``, as does
  ``fuzzy`` below 1, which Moodle cannot match. Moodle reads ``*`` in an answer as a wildcard
  (``compare_string_with_wildcard``), so a literal ``*`` is written ``\\*``. Moodle trims a
  response but does not merge the spaces inside it, so "portal  vein" with two spaces, which
  our grader accepts, is wrong in Moodle: the one difference left.
- Anything else raises ``UnsupportedQuestion``: nothing is ever dropped silently.
"""

from __future__ import annotations

import base64
import html
import math
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..grading import PartialCredit
from ..schema import (
    MultipleResponse,
    Numeric,
    Question,
    ShortAnswer,
    SingleBestAnswer,
    TrueFalse,
)
from .common import (
    ExportError,
    ExportQuiz,
    UnsupportedQuestion,
    bank_html,
    expand_cases,
    numeric_target,
    plain_text,
    refuse_partial_credit,
    refuse_unmatchable_short_answer,
    safe_html,
    safe_identifier,
    short_answer_case_rule,
    short_answer_text,
    unit_sentence,
)
from .xml_tools import NOT_XML_CHARACTER

__all__ = [
    "MOODLE_GRADES",
    "moodle_fraction",
    "moodle_literal",
    "multiple_fractions",
    "net_correct_fractions",
    "refuse_all_or_nothing_pairs",
    "to_moodle_xml",
]

FORMAT_NAME = "Moodle XML"

# Moodle's grade list (question/engine/bank.php): p/q for q <= 6, p/10, 1/q for q <= 10, 1/20,
# as percentages with Moodle's five decimals, their negatives, 0 and +-100.
_RAW_FRACTIONS = (
    0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05,
)  # fmt: skip
MOODLE_GRADES: frozenset[float] = frozenset(
    {0.0, 100.0, -100.0}
    | {round(100 * fraction, 5) for fraction in _RAW_FRACTIONS}
    | {round(-100 * fraction, 5) for fraction in _RAW_FRACTIONS}
)


def moodle_fraction(percent: float) -> str:
    """A grade as Moodle writes it ('100', '-50', '33.33333'); ValueError if Moodle refuses it."""
    rounded = round(percent, 5)
    if rounded not in MOODLE_GRADES:
        raise ValueError(f"{percent:g}% is not one of the grades Moodle accepts")
    return f"{rounded:.5f}".rstrip("0").rstrip(".")


def _number(value: float) -> str:
    # 12 significant digits drop binary noise (0.1 + 0.2) and still round-trip bank values.
    return f"{value:.12g}"


def _checked(text: str, question_id: str) -> str:
    # XML 1.0 forbids these characters even when escaped; the bank loader refuses them too.
    match = NOT_XML_CHARACTER.search(text)
    if match:
        raise ExportError(
            f"{question_id}: its text contains U+{ord(match.group(0)):04X}, a character XML "
            "cannot hold; remove it from the bank"
        )
    return text


def _cdata(html: str) -> str:
    # Moodle's xml_escape: close the section before '>' of every ']]>' and open a new one.
    return "<![CDATA[" + html.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _text_html(html: str, question_id: str) -> str:
    return f"<text>{_cdata(_checked(html, question_id))}</text>" if html else "<text></text>"


def _text_plain(text: str, question_id: str) -> str:
    return f"<text>{escape(_checked(text, question_id))}</text>"


def _feedback(markdown: str | None, question_id: str) -> str:
    html = safe_html(markdown, inline=True) if markdown else ""
    return f'<feedback format="html">{_text_html(html, question_id)}</feedback>'


def _general_feedback(question: Question, source: str) -> str:
    parts = [safe_html(question.explanation)] if question.explanation.strip() else []
    parts.append(f"<p>Source: {safe_html(source, inline=True)}</p>")
    return (
        f'<generalfeedback format="html">{_text_html("".join(parts), question.id)}'
        "</generalfeedback>"
    )


def _header(
    question: Question, moodle_type: str, stem_html: str, source: str, files: str = ""
) -> list[str]:
    penalty = "1" if moodle_type == "truefalse" else "0.3333333"
    return [
        f"  <question type={quoteattr(moodle_type)}>",
        f"    <name>{_text_plain(question.id, question.id)}</name>",
        f'    <questiontext format="html">{_text_html(stem_html, question.id)}{files}'
        "</questiontext>",
        f"    {_general_feedback(question, source)}",
        "    <defaultgrade>1</defaultgrade>",
        f"    <penalty>{penalty}</penalty>",
        "    <hidden>0</hidden>",
        f"    <idnumber>{escape(question.id)}</idnumber>",
    ]


def _tags(question: Question) -> list[str]:
    if not question.tags:
        return []
    tags = "".join(f"<tag>{_text_plain(tag, question.id)}</tag>" for tag in question.tags)
    return [f"    <tags>{tags}</tags>"]


def _choice_answers(
    question: SingleBestAnswer | MultipleResponse, fractions: dict[str, str]
) -> list[str]:
    return [
        f'    <answer fraction="{fractions[option.id]}" format="html">'
        f"{_text_html(bank_html(option.text, inline=True), question.id)}"
        f"{_feedback(option.feedback, question.id)}</answer>"
        for option in question.options
    ]


def net_correct_fractions(question: MultipleResponse) -> dict[str, str]:
    """Each option's Moodle grade: +100/k % if correct, -100/k % if not (k correct options)."""
    share = 100 / len(question.answer)
    try:
        right, wrong = moodle_fraction(share), moodle_fraction(-share)
    except ValueError:
        raise ExportError(
            f"{question.id}: {len(question.answer)} correct options give each a share of "
            f"{share:.4g}%, which Moodle does not accept; use at most 10 correct options"
        ) from None
    return {
        option.id: right if option.id in question.answer else wrong for option in question.options
    }


def multiple_fractions(
    question: MultipleResponse, partial_credit: PartialCredit, format_name: str = FORMAT_NAME
) -> dict[str, str]:
    """Each option's Moodle grade for the quiz's partial credit; ExportError where core
    Moodle cannot score that way (all-or-nothing, each-answer)."""
    if partial_credit == "all-or-nothing":
        why = (
            "core Moodle's multichoice adds the fractions of the ticked options and has no "
            "all-or-nothing mode (that is the add-on qtype_multichoiceset); use net-correct"
        )
    elif partial_credit == "each-answer":
        why = (
            "core Moodle's multichoice adds the fractions of the ticked options, so it cannot "
            "credit a wrong option left unticked; use net-correct"
        )
    else:
        return net_correct_fractions(question)
    raise refuse_partial_credit(format_name, question.id, partial_credit, "multiple", why)


def refuse_all_or_nothing_pairs(
    question: Question, partial_credit: PartialCredit, format_name: str = FORMAT_NAME
) -> None:
    """ExportError for a matching-style question in an all-or-nothing quiz (Moodle scores
    the share of right pairs and has no all-or-nothing matching)."""
    if partial_credit == "all-or-nothing":
        kind = str(getattr(question, "type", "matching"))
        why = "Moodle's matching question gives a share of the mark for each right pair"
        raise refuse_partial_credit(format_name, question.id, partial_credit, kind, why)


def _choice(
    question: SingleBestAnswer | MultipleResponse, partial_credit: PartialCredit
) -> list[str]:
    if isinstance(question, SingleBestAnswer):
        fractions = {
            option.id: "100" if option.id == question.answer else "0" for option in question.options
        }
        single = "true"
    else:
        fractions = multiple_fractions(question, partial_credit)
        single = "false"
    lines = [
        f"    <single>{single}</single>",
        "    <shuffleanswers>false</shuffleanswers>",
        "    <answernumbering>ABCD</answernumbering>",
        "    <showstandardinstruction>1</showstandardinstruction>",
    ]
    if single == "false":
        lines.append("    <shownumcorrect/>")
    return lines + _choice_answers(question, fractions)


def _true_false(question: TrueFalse) -> list[str]:
    def answer(value: bool) -> str:
        fraction = "100" if value == question.answer else "0"
        return (
            f'    <answer fraction="{fraction}" format="moodle_auto_format">'
            f"<text>{'true' if value else 'false'}</text>{_feedback(None, question.id)}</answer>"
        )

    return [answer(True), answer(False)]


def _numeric(question: Numeric) -> list[str]:
    value, tolerance = numeric_target(question)
    if not (math.isfinite(value) and math.isfinite(tolerance)):
        raise ExportError(f"{question.id}: the answer is not a finite number")
    lines = [
        '    <answer fraction="100" format="plain_text">'
        f"<text>{_number(value)}</text>{_feedback(None, question.id)}"
        f"<tolerance>{_number(tolerance)}</tolerance></answer>"
    ]
    unit = question.answer.unit
    if unit:
        lines += [
            "    <units><unit><multiplier>1</multiplier>"
            f"<unit_name>{escape(_checked(unit, question.id))}</unit_name></unit></units>",
            # 0 = the unit is optional and not graded, as in our grading; 0 = a text box.
            "    <unitgradingtype>0</unitgradingtype>",
            "    <unitpenalty>0.1000000</unitpenalty>",
            "    <showunits>0</showunits>",
            "    <unitsleft>0</unitsleft>",
        ]
    else:
        lines.append("    <showunits>3</showunits>")  # 3 = no units
    return lines


def _matching(question: Any) -> list[str]:
    choices = {choice.id: choice.text for choice in question.choices}
    lines = ["    <shuffleanswers>true</shuffleanswers>", "    <shownumcorrect/>"]
    for prompt in question.prompts:
        answer = plain_text(choices[question.answer[prompt.id]])
        lines.append(
            f'    <subquestion format="html">'
            f"{_text_html(bank_html(prompt.text, inline=True), question.id)}"
            f"<answer>{_text_plain(answer, question.id)}</answer></subquestion>"
        )
    used = set(question.answer.values())
    for choice in question.choices:
        if choice.id not in used:  # a distractor: an answer with no question
            answer = _text_plain(plain_text(choice.text), question.id)
            lines.append(
                '    <subquestion format="html"><text></text>'
                f"<answer>{answer}</answer></subquestion>"
            )
    return lines


def _ordering(question: Any, partial_credit: PartialCredit) -> list[str]:
    count = len(question.items)
    grading = "ALL_OR_NOTHING" if partial_credit == "all-or-nothing" else "LONGEST_ORDERED_SUBSET"
    lines = [
        "    <layouttype>VERTICAL</layouttype>",
        "    <selecttype>ALL</selecttype>",
        f"    <selectcount>{count}</selectcount>",
        f"    <gradingtype>{grading}</gradingtype>",
        "    <showgrading>SHOW</showgrading>",
        "    <numberingstyle>none</numberingstyle>",
        "    <shownumcorrect>1</shownumcorrect>",
    ]
    # In an ordering question the answer's "fraction" is its place in the correct order.
    lines += [
        f'    <answer fraction="{position}" format="html">'
        f"{_text_html(bank_html(item.text, inline=True), question.id)}</answer>"
        for position, item in enumerate(question.items, start=1)
    ]
    return lines


def moodle_literal(text: str) -> str:
    """A short-answer text as Moodle must store it to match it literally: '*' (its wildcard)
    written '\\*'. Moodle turns every '\\*' back into '*' before matching, so a backslash
    already in the text is kept as it is."""
    return text.replace("*", "\\*")


def _short_answer(question: ShortAnswer, format_name: str = FORMAT_NAME) -> list[str]:
    refuse_unmatchable_short_answer(question, question.id, format_name)
    usecase = "1" if short_answer_case_rule(question, question.id, format_name) else "0"
    lines = [f"    <usecase>{usecase}</usecase>"]
    # Every answer, wrong ones too, in bank order: Moodle's first match decides, as ours does.
    lines += [
        f'    <answer fraction="{"100" if answer.correct else "0"}" format="plain_text">'
        f"{_text_plain(moodle_literal(short_answer_text(answer)), question.id)}"
        f"{_feedback(answer.feedback, question.id)}</answer>"
        for answer in question.answers
    ]
    return lines


def _diagram_figure(question: Any) -> tuple[str, str]:
    """The figure as HTML for the stem and the <file> element that carries its PNG."""
    drawing = question.drawing
    name = f"{safe_identifier(question.diagram)}.png"
    alt = html.escape(drawing.alt_text(), quote=True)
    figure = f'<p><img src="@@PLUGINFILE@@/{name}" alt="{alt}"></p>'
    png = base64.b64encode(drawing.png()).decode("ascii")
    return figure, f'<file name="{name}" path="/" encoding="base64">{png}</file>'


def _label_diagram(question: Any) -> list[str]:
    lines = ["    <shuffleanswers>true</shuffleanswers>", "    <shownumcorrect/>"]
    for number, name in question.answer.items():
        lines.append(
            f'    <subquestion format="html"><text>Number {number}</text>'
            f"<answer>{_text_plain(name, question.id)}</answer></subquestion>"
        )
    lines += [
        '    <subquestion format="html"><text></text>'
        f"<answer>{_text_plain(plain_text(name), question.id)}</answer></subquestion>"
        for name in question.distractors
    ]
    return lines


def _question(
    question: Question, stem: str, source: str, partial_credit: PartialCredit
) -> list[str]:
    kind = getattr(question, "type", None)
    stem_html, files = bank_html(stem), ""
    if isinstance(question, (SingleBestAnswer, MultipleResponse)):
        moodle_type, body = "multichoice", _choice(question, partial_credit)
    elif isinstance(question, TrueFalse):
        moodle_type, body = "truefalse", _true_false(question)
    elif isinstance(question, Numeric):
        moodle_type, body = "numerical", _numeric(question)
        stem_html += unit_sentence(question)
    elif isinstance(question, ShortAnswer):
        moodle_type, body = "shortanswer", _short_answer(question)
    elif kind == "matching":
        refuse_all_or_nothing_pairs(question, partial_credit)
        moodle_type, body = "matching", _matching(question)
    elif kind == "ordering":
        moodle_type, body = "ordering", _ordering(question, partial_credit)
    elif kind == "label_diagram":
        refuse_all_or_nothing_pairs(question, partial_credit)
        moodle_type, body = "matching", _label_diagram(question)
        figure, files = _diagram_figure(question)
        stem_html += figure
    else:
        raise UnsupportedQuestion(FORMAT_NAME, question)
    return [
        *_header(question, moodle_type, stem_html, source, files),
        *body,
        *_tags(question),
        "  </question>",
    ]


def to_moodle_xml(quiz: ExportQuiz) -> str:
    """The quiz as a Moodle XML file: one category named after the quiz, then every question,
    scored with the quiz's partial credit where Moodle can (ExportError naming the item if not)."""
    # Moodle reads '/' in a category path as a sub-category; '//' is a literal slash.
    category = _checked("$course$/top/" + plain_text(quiz.title).replace("/", "//"), quiz.quiz_id)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<quiz>",
        '  <question type="category">',
        f"    <category><text>{escape(category)}</text></category>",
        "  </question>",
    ]
    for question, stem, source in expand_cases(quiz):
        lines += _question(question, stem, source, quiz.partial_credit)
    lines.append("</quiz>")
    return "\n".join(lines) + "\n"
