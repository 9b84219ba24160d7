"""Export a quiz as an IMS QTI 2.1 content package (a zip most LMSs and item banks import).

    write_qti21(ExportQuiz.from_bank(load_bank("08-liver-directed")), "ld-qti21.zip")

The zip holds ``imsmanifest.xml`` (IMS Content Packaging 1.1), ``assessment-test.xml`` (an
``assessmentTest`` referring to every item in quiz order) and one ``items/ID.xml``
``assessmentItem`` per question, plus the label-the-diagram figures in ``items/media/``. This
is an LMS import, so each item carries its answer (``correctResponse``) and its scoring rules,
as the format requires. Scores follow the quiz's partial credit (``ExportQuiz.partial_credit``),
as our grader gives them:

- single, true/false: ``choiceInteraction`` with ``maxChoices="1"``; score 1 for the right choice.
- multiple: ``choiceInteraction`` with ``maxChoices="0"`` (any number). ``net-correct``:
  ``mapResponse`` (each correct option +1, each wrong one −1, bounded to 0…k) divided by k,
  the number of correct options. ``each-answer``: the same mapping plus the number of wrong
  options, over the number of options (a right tick and a wrong option left alone each earn
  1/n), 0 when nothing is chosen. ``all-or-nothing``: 1 if the response matches the correct
  set (``match`` with ``correct``), else 0.
- numeric: ``textEntryInteraction`` with ``baseType="float"``; score 1 when the response lies in
  the accepted interval, tested with ``gte``/``lte`` (no custom operator, no tolerance template).
- matching: ``matchInteraction`` (prompts, then choices a prompt may share), scored by
  ``mapResponse`` over the right pairs divided by the number of prompts, or all or nothing
  (``match``) when the quiz says so.
- ordering: ``orderInteraction`` with the items written scrambled and ``shuffle="true"``.
  All or nothing is a ``match``. Otherwise the score is our longest-common-subsequence share,
  computed in response processing: QTI has no LCS operator, but the LCS of a permutation and
  the right order is the longest run of items whose ranks increase, which a few integer
  outcomes can compute: ``RANKi`` is the right position of the item placed i-th, and ``RUNj``
  the longest increasing run ending at place j (``RUNj = max(RUNi + 1)`` over earlier places
  i of lower rank); the score is the largest ``RUNj`` over n.
- short answer: ``textEntryInteraction`` with ``baseType="string"``; response processing tests
  the listed answers in bank order with ``stringMatch`` (``caseSensitive`` from each answer's
  ``match_case``), one ``responseIf``/``responseElseIf`` each, so the first match decides as in
  our grader: a right answer sets SCORE to 1, a wrong one leaves 0, and either shows its
  feedback (``modalFeedback`` keyed by the FEEDBACK outcome). ``correctResponse`` is the first
  right answer. ``fuzzy`` below 1 raises ``ExportError`` (QTI has no approximate match).
  ``stringMatch`` compares the whole response: a player that does not trim it would mark
  " portal vein" wrong where our grader (which merges and trims spaces) accepts it.
- case: exported as its parts in sequence, one item each (id ``CASE.PART``), every part
  opening with the case's vignette so that it stands alone in an item bank.
- label_diagram: a ``matchInteraction`` like matching, the numbers asked ("Number 3", in
  increasing order) matched to the names to pick from (the asked regions' names and the
  distractors, as the widget offers them). Its ``prompt`` holds the numbered figure,
  ``<img src="media/NAME.png" alt="…">`` with the diagram's alt text (which names no number's
  structure), and "Name each numbered structure." The PNG is stored at ``items/media/NAME.png``
  (beside the items, so the relative src resolves) and listed as a ``<file>`` of the item's
  resource in the manifest; NAME comes from the PNG's bytes, so a figure two items show is
  stored once. Scored as matching: the share of numbers named right, or all or nothing.

Option feedback is ``feedbackInline`` inside its choice and the explanation a ``modalFeedback``,
both shown after the response is processed. Every text is sanitized Markdown rebuilt as QTI's
XHTML subset (see ``xml_tools.append_xhtml``); a character XML cannot hold raises
``ExportError`` naming the item. Any question type QTI cannot hold here raises
``UnsupportedQuestion`` naming the item: nothing is dropped silently.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..exam import scrambled
from ..grading import PartialCredit
from ..schema import (
    LabelTheDiagram,
    Matching,
    MultipleResponse,
    Numeric,
    Ordering,
    Question,
    ShortAnswer,
    SingleBestAnswer,
    TrueFalse,
)
from .common import (
    LABEL_INSTRUCTION,
    DiagramFigure,
    ExportQuiz,
    UnsupportedQuestion,
    case_units,
    diagram_figure,
    label_name_choices,
    label_number_text,
    plain_text,
    refuse_non_characters,
    refuse_unmatchable_short_answer,
    require_concrete,
    safe_html,
    safe_identifier,
    short_answer_text,
    shown_order,
)
from .xml_tools import (
    append_xhtml,
    check_xml_characters,
    indent_structure,
    sub,
    unique_identifiers,
    write_zip,
    xml_bytes,
)

__all__ = [
    "FORMAT_NAME",
    "qti21_files",
    "qti21_item_xml",
    "qti21_manifest_xml",
    "qti21_test_xml",
    "write_qti21",
]

FORMAT_NAME = "QTI 2.1"
QTI_NAMESPACE = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_SCHEMA_URL = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd"
CP_NAMESPACE = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_SCHEMA_URL = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
TEST_FILE = "assessment-test.xml"
ITEM_FOLDER = "items"
# Figures sit beside the items that show them (items/media/), so an item's img src is a
# plain relative path ("media/NAME.png"), with no "../" for an importer to distrust.
MEDIA_FOLDER = "media"
# Elements whose content is (X)HTML: pretty-printing must not add whitespace inside them.
MIXED_CONTENT = frozenset(
    {"div", "p", "simpleChoice", "simpleAssociableChoice", "feedbackInline", "modalFeedback",
     "prompt", "value"}
)  # fmt: skip


def _number(value: float) -> str:
    """A float written exactly (shortest round trip), so a bound means what the grader means."""
    return repr(float(value))


def _root(tag: str, **attributes: str) -> ET.Element:
    return ET.Element(
        tag,
        {
            "xmlns": QTI_NAMESPACE,
            "xmlns:xsi": XSI_NAMESPACE,
            "xsi:schemaLocation": f"{QTI_NAMESPACE} {QTI_SCHEMA_URL}",
            **attributes,
        },
    )


def _declare_outcome(item: ET.Element, identifier: str, cardinality: str, base_type: str,
                     default: str | None = None) -> None:  # fmt: skip
    outcome = sub(item, "outcomeDeclaration", identifier=identifier,
                  cardinality=cardinality, baseType=base_type)  # fmt: skip
    if default is not None:
        sub(sub(outcome, "defaultValue"), "value", default)


def _set_outcome(parent: ET.Element, identifier: str, base_type: str, value: str) -> None:
    sub(sub(parent, "setOutcomeValue", identifier=identifier), "baseValue", value,
        baseType=base_type)  # fmt: skip


def _score_if(processing: ET.Element, test: ET.Element) -> None:
    """A responseCondition that sets SCORE to 1 if ``test`` holds, else 0."""
    condition = sub(processing, "responseCondition")
    response_if = sub(condition, "responseIf")
    response_if.append(test)
    _set_outcome(response_if, "SCORE", "float", "1")
    _set_outcome(sub(condition, "responseElse"), "SCORE", "float", "0")


def _choices(
    question: SingleBestAnswer | MultipleResponse | TrueFalse,
) -> list[tuple[str, str, str]]:
    """(QTI identifier, label HTML, feedback HTML) for each choice, in bank order."""
    if isinstance(question, TrueFalse):
        return [("true", "True", ""), ("false", "False", "")]
    identifiers = unique_identifiers(
        question.option_ids, f"question {question.id!r}: option", prefix="o"
    )
    return [
        (
            identifiers[option.id],
            safe_html(option.text, inline=True),
            safe_html(option.feedback, inline=True) if option.feedback else "",
        )
        for option in question.options
    ]


def _correct_identifiers(question: SingleBestAnswer | MultipleResponse | TrueFalse) -> list[str]:
    if isinstance(question, TrueFalse):
        return ["true" if question.answer else "false"]
    identifiers = unique_identifiers(
        question.option_ids, f"question {question.id!r}: option", prefix="o"
    )
    answers = [question.answer] if isinstance(question, SingleBestAnswer) else question.answer
    return [identifiers[option_id] for option_id in answers]


def _match_correct() -> ET.Element:
    """The test 'the response is exactly the correct response' (QTI's match_correct)."""
    test = ET.Element("match")
    sub(test, "variable", identifier="RESPONSE")
    sub(test, "correct", identifier="RESPONSE")
    return test


def _choice_item(
    item: ET.Element,
    question: SingleBestAnswer | MultipleResponse | TrueFalse,
    mode: PartialCredit,
) -> tuple[ET.Element, ET.Element]:
    """Declarations and interaction of a choice item; returns (itemBody, responseProcessing)."""
    several = isinstance(question, MultipleResponse)
    mapped = several and mode != "all-or-nothing"
    cardinality = "multiple" if several else "single"
    correct = _correct_identifiers(question)
    choices = _choices(question)
    declaration = sub(item, "responseDeclaration", identifier="RESPONSE",
                      cardinality=cardinality, baseType="identifier")  # fmt: skip
    answer = sub(declaration, "correctResponse")
    for identifier in correct:
        sub(answer, "value", identifier)
    wrong_options = str(len(choices) - len(correct))
    if mapped:
        # Whole numbers in the mapping (right +1, wrong −1), divided afterwards, so that a
        # perfect response gives exactly 1. Net-correct floors the sum at 0, as grading.py
        # does; each-answer must not, since it adds the number of wrong options back.
        lower = "0" if mode == "net-correct" else f"-{wrong_options}"
        mapping = sub(declaration, "mapping", lowerBound=lower, upperBound=str(len(correct)),
                      defaultValue="0")  # fmt: skip
        for identifier, _, _ in choices:
            value = "1" if identifier in correct else "-1"
            sub(mapping, "mapEntry", mapKey=identifier, mappedValue=value)
    _declare_outcome(item, "SCORE", "single", "float", "0")
    _declare_outcome(item, "MAXSCORE", "single", "float", "1")
    has_feedback = any(feedback for _, _, feedback in choices)
    if has_feedback:
        _declare_outcome(item, "FEEDBACK", cardinality, "identifier")
    _declare_outcome(item, "EXPLANATION", "single", "identifier")

    body = sub(item, "itemBody")
    append_xhtml(sub(body, "div", class_="stem"), safe_html(question.stem))
    interaction = sub(body, "choiceInteraction", responseIdentifier="RESPONSE",
                      shuffle="false", maxChoices="0" if several else "1")  # fmt: skip
    for identifier, label, feedback in choices:
        choice = sub(interaction, "simpleChoice", identifier=identifier)
        append_xhtml(choice, label, "inline")
        if feedback:
            shown = sub(choice, "feedbackInline", outcomeIdentifier="FEEDBACK",
                        identifier=identifier, showHide="show")  # fmt: skip
            shown.text = " "  # a space between the label and the feedback
            append_xhtml(shown, feedback, "inline")

    processing = sub(item, "responseProcessing")
    if mapped and mode == "net-correct":
        share = sub(sub(processing, "setOutcomeValue", identifier="SCORE"), "divide")
        sub(share, "mapResponse", identifier="RESPONSE")
        sub(share, "baseValue", str(len(correct)), baseType="float")
    elif mapped:  # each-answer: (right + wrong options left unticked) / n, 0 if unanswered
        condition = sub(processing, "responseCondition")
        unanswered = sub(condition, "responseIf")
        sub(sub(unanswered, "isNull"), "variable", identifier="RESPONSE")
        _set_outcome(unanswered, "SCORE", "float", "0")
        score = sub(sub(condition, "responseElse"), "setOutcomeValue", identifier="SCORE")
        share = sub(score, "divide")
        total = sub(share, "sum")
        sub(total, "mapResponse", identifier="RESPONSE")
        sub(total, "baseValue", wrong_options, baseType="float")
        sub(share, "baseValue", str(len(choices)), baseType="float")
    else:
        _score_if(processing, _match_correct())
    if has_feedback:
        # Shows the feedback of every chosen option (FEEDBACK holds the chosen identifiers).
        feedback = sub(processing, "setOutcomeValue", identifier="FEEDBACK")
        sub(feedback, "variable", identifier="RESPONSE")
    return body, processing


def _numeric_item(item: ET.Element, question: Numeric) -> tuple[ET.Element, ET.Element]:
    """Declarations and interaction of a numeric item; returns (itemBody, responseProcessing)."""
    answer = question.answer
    low, high = answer.accepted_interval
    declaration = sub(item, "responseDeclaration", identifier="RESPONSE",
                      cardinality="single", baseType="float")  # fmt: skip
    sub(sub(declaration, "correctResponse"), "value", _number(answer.expected))
    _declare_outcome(item, "SCORE", "single", "float", "0")
    _declare_outcome(item, "MAXSCORE", "single", "float", "1")
    _declare_outcome(item, "EXPLANATION", "single", "identifier")

    body = sub(item, "itemBody")
    append_xhtml(sub(body, "div", class_="stem"), safe_html(question.stem))
    line = sub(body, "p", class_="answer")
    entry = sub(line, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="12")
    unit = plain_text(answer.unit)
    if unit:
        entry.tail = f" {unit}"

    processing = sub(item, "responseProcessing")
    inside = ET.Element("and")
    for operator, bound in (("gte", low), ("lte", high)):
        comparison = sub(inside, operator)
        sub(comparison, "variable", identifier="RESPONSE")
        sub(comparison, "baseValue", _number(bound), baseType="float")
    _score_if(processing, inside)
    return body, processing


@dataclass(frozen=True)
class _Pairs:
    """A matching-style interaction: prompts and choices as (identifier, inline HTML), and the
    right choice of each prompt as (prompt identifier, choice identifier) pairs."""

    prompts: list[tuple[str, str]]
    choices: list[tuple[str, str]]
    answer: list[tuple[str, str]]


def _matching_pairs(question: Matching) -> _Pairs:
    what = f"question {question.id!r}: prompt or choice"
    # Prompts and choices share one identifier space in QTI, hence the prefixes.
    ids = unique_identifiers(
        [f"p-{i}" for i in question.prompt_ids] + [f"c-{i}" for i in question.choice_ids], what
    )
    return _Pairs(
        prompts=[(ids[f"p-{p.id}"], safe_html(p.text, inline=True)) for p in question.prompts],
        # Never in bank order, which authors often write in the order of the prompts.
        choices=[
            (ids[f"c-{c.id}"], safe_html(c.text, inline=True))
            for c in shown_order(question.choices, question.id)
        ],
        answer=[(ids[f"p-{p}"], ids[f"c-{c}"]) for p, c in question.answer.items()],
    )


def _label_pairs(question: LabelTheDiagram, identifier: str) -> _Pairs:
    """The numbers asked (in order) as prompts, the names to pick from as choices."""
    names = label_name_choices(question, identifier)
    name_ids = {name: f"name-{index}" for index, name in enumerate(names, start=1)}
    # The key's names are registry names, which plain_text leaves as they are.
    shown = dict(zip(question.name_choices, names, strict=True))
    answer = question.answer
    return _Pairs(
        prompts=[(f"number-{n}", html.escape(label_number_text(n))) for n in answer],
        choices=[(name_ids[name], html.escape(name)) for name in names],
        answer=[(f"number-{n}", name_ids[shown[name]]) for n, name in answer.items()],
    )


def _pairs_item(
    item: ET.Element,
    stem_html: str,
    pairs: _Pairs,
    mode: PartialCredit,
    figure: DiagramFigure | None = None,
) -> tuple[ET.Element, ET.Element]:
    """Declarations and matchInteraction of a matching or label item: (itemBody, processing).

    Scored by ``mapResponse`` over the right pairs divided by the number of prompts, or all or
    nothing (``match``) when the quiz says so. A label item's prompt holds its figure."""
    pairs_text = [f"{prompt} {choice}" for prompt, choice in pairs.answer]
    total = str(len(pairs.prompts))
    declaration = sub(item, "responseDeclaration", identifier="RESPONSE",
                      cardinality="multiple", baseType="directedPair")  # fmt: skip
    answer = sub(declaration, "correctResponse")
    for pair in pairs_text:
        sub(answer, "value", pair)
    if mode != "all-or-nothing":
        mapping = sub(declaration, "mapping", lowerBound="0", upperBound=total, defaultValue="0")
        for pair in pairs_text:
            sub(mapping, "mapEntry", mapKey=pair, mappedValue="1")
    _declare_outcome(item, "SCORE", "single", "float", "0")
    _declare_outcome(item, "MAXSCORE", "single", "float", "1")
    _declare_outcome(item, "EXPLANATION", "single", "identifier")
    body = sub(item, "itemBody")
    append_xhtml(sub(body, "div", class_="stem"), stem_html)
    interaction = sub(body, "matchInteraction", responseIdentifier="RESPONSE", shuffle="false",
                      maxAssociations=total)  # fmt: skip
    if figure is not None:
        prompt = sub(interaction, "prompt")
        sub(sub(prompt, "p"), "img", src=f"{MEDIA_FOLDER}/{figure.file_name}", alt=figure.alt)
        sub(prompt, "p", LABEL_INSTRUCTION)
    prompts, choices = sub(interaction, "simpleMatchSet"), sub(interaction, "simpleMatchSet")
    for identifier, text in pairs.prompts:
        entry = sub(prompts, "simpleAssociableChoice", identifier=identifier, matchMax="1")
        append_xhtml(entry, text, "inline")
    for identifier, text in pairs.choices:
        # matchMax 0: unlimited, since two prompts may share a choice (or a learner may pick
        # one name twice, which our grader allows too).
        entry = sub(choices, "simpleAssociableChoice", identifier=identifier, matchMax="0")
        append_xhtml(entry, text, "inline")
    processing = sub(item, "responseProcessing")
    if mode == "all-or-nothing":
        _score_if(processing, _match_correct())
    else:
        share = sub(sub(processing, "setOutcomeValue", identifier="SCORE"), "divide")
        sub(share, "mapResponse", identifier="RESPONSE")
        sub(share, "baseValue", total, baseType="float")
    return body, processing


def _short_answer_item(
    item: ET.Element, question: ShortAnswer, identifier: str
) -> tuple[ET.Element, ET.Element]:
    """Declarations and interaction of a short-answer item: (itemBody, responseProcessing)."""
    refuse_unmatchable_short_answer(question, identifier, FORMAT_NAME)
    texts = [short_answer_text(answer) for answer in question.answers]
    declaration = sub(item, "responseDeclaration", identifier="RESPONSE",
                      cardinality="single", baseType="string")  # fmt: skip
    first_right = next(text for text, a in zip(texts, question.answers, strict=True) if a.correct)
    sub(sub(declaration, "correctResponse"), "value", first_right)
    _declare_outcome(item, "SCORE", "single", "float", "0")
    _declare_outcome(item, "MAXSCORE", "single", "float", "1")
    has_feedback = any(answer.feedback for answer in question.answers)
    if has_feedback:
        _declare_outcome(item, "FEEDBACK", "single", "identifier")
    _declare_outcome(item, "EXPLANATION", "single", "identifier")

    body = sub(item, "itemBody")
    append_xhtml(sub(body, "div", class_="stem"), safe_html(question.stem))
    line = sub(body, "p", class_="answer")
    line.text = "Answer: "
    longest = max(len(text) for text in texts)
    sub(line, "textEntryInteraction", responseIdentifier="RESPONSE",
        expectedLength=str(max(12, longest)))  # fmt: skip

    processing = sub(item, "responseProcessing")
    condition = sub(processing, "responseCondition")
    for index, (text, answer) in enumerate(zip(texts, question.answers, strict=True)):
        branch = sub(condition, "responseIf" if index == 0 else "responseElseIf")
        test = sub(branch, "stringMatch", caseSensitive="true" if answer.match_case else "false")
        sub(test, "variable", identifier="RESPONSE")
        sub(test, "baseValue", text, baseType="string")
        _set_outcome(branch, "SCORE", "float", "1" if answer.correct else "0")
        if answer.feedback:
            _set_outcome(branch, "FEEDBACK", "identifier", f"A{index + 1}")
    _set_outcome(sub(condition, "responseElse"), "SCORE", "float", "0")
    for index, answer in enumerate(question.answers):
        if answer.feedback:
            shown = sub(item, "modalFeedback", outcomeIdentifier="FEEDBACK",
                        identifier=f"A{index + 1}", showHide="show")  # fmt: skip
            append_xhtml(shown, safe_html(answer.feedback))
    return body, processing


def _variable(parent: ET.Element, identifier: str) -> ET.Element:
    return sub(parent, "variable", identifier=identifier)


def _when(processing: ET.Element, test: ET.Element, identifier: str, value: ET.Element) -> None:
    """A responseCondition: if ``test`` holds, set ``identifier`` to the expression ``value``."""
    response_if = sub(sub(processing, "responseCondition"), "responseIf")
    response_if.append(test)
    sub(response_if, "setOutcomeValue", identifier=identifier).append(value)


def _integer(value: int) -> ET.Element:
    element = ET.Element("baseValue", {"baseType": "integer"})
    element.text = str(value)
    return element


def _declare_runs(item: ET.Element, count: int) -> None:
    """The integer outcomes _score_longest_run works in (declared before the item body)."""
    for place in range(1, count + 1):
        _declare_outcome(item, f"RANK{place}", "single", "integer", "0")
        _declare_outcome(item, f"RUN{place}", "single", "integer", "0")


def _score_longest_run(processing: ET.Element, ids: list[str]) -> None:
    """SCORE = LCS(response, right order) / n, as the longest run of increasing ranks."""
    count = len(ids)
    places = range(1, count + 1)
    for place in places:  # RANKi: the right position of the item placed i-th (0 if none)
        for position, identifier in enumerate(ids, start=1):
            test = ET.Element("match")
            index = sub(test, "index", n=str(place))
            _variable(index, "RESPONSE")
            sub(test, "baseValue", identifier, baseType="identifier")
            _when(processing, test, f"RANK{place}", _integer(position))
    for later in places:
        test = ET.Element("gt")
        _variable(test, f"RANK{later}")
        test.append(_integer(0))
        _when(processing, test, f"RUN{later}", _integer(1))
        for earlier in range(1, later):
            # RUNj = RUNi + 1 for an earlier place i of lower rank, if that makes RUNj longer.
            test = ET.Element("and")
            positive = sub(test, "gt")
            _variable(positive, f"RANK{earlier}")
            positive.append(_integer(0))
            lower = sub(test, "lt")
            _variable(lower, f"RANK{earlier}")
            _variable(lower, f"RANK{later}")
            longer = sub(test, "gt")
            extended = sub(longer, "sum")
            _variable(extended, f"RUN{earlier}")
            extended.append(_integer(1))
            _variable(longer, f"RUN{later}")
            value = ET.Element("sum")
            _variable(value, f"RUN{earlier}")
            value.append(_integer(1))
            _when(processing, test, f"RUN{later}", value)
    share = sub(sub(processing, "setOutcomeValue", identifier="SCORE"), "divide")
    longest = sub(share, "max")
    for place in places:
        _variable(longest, f"RUN{place}")
    sub(share, "baseValue", str(count), baseType="float")


def _ordering_item(
    item: ET.Element, question: Ordering, mode: PartialCredit
) -> tuple[ET.Element, ET.Element]:
    """Declarations and interaction of an ordering item; returns (itemBody, responseProcessing)."""
    ids = unique_identifiers(question.answer, f"question {question.id!r}: item", prefix="o")
    declaration = sub(item, "responseDeclaration", identifier="RESPONSE",
                      cardinality="ordered", baseType="identifier")  # fmt: skip
    answer = sub(declaration, "correctResponse")
    for item_id in question.answer:
        sub(answer, "value", ids[item_id])
    _declare_outcome(item, "SCORE", "single", "float", "0")
    _declare_outcome(item, "MAXSCORE", "single", "float", "1")
    _declare_outcome(item, "EXPLANATION", "single", "identifier")
    if mode != "all-or-nothing":
        _declare_runs(item, len(question.answer))
    body = sub(item, "itemBody")
    append_xhtml(sub(body, "div", class_="stem"), safe_html(question.stem))
    interaction = sub(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="true")
    # Written in an order that is never the answer, should a player ignore shuffle="true".
    for item_id in scrambled(question.answer, question.id):
        choice = sub(interaction, "simpleChoice", identifier=ids[item_id])
        append_xhtml(choice, safe_html(question.item(item_id).text, inline=True), "inline")
    processing = sub(item, "responseProcessing")
    if mode == "all-or-nothing":
        _score_if(processing, _match_correct())
    else:
        _score_longest_run(processing, [ids[item_id] for item_id in question.answer])
    return body, processing


def _item_element(
    question: Question, identifier: str, vignette: str = "", mode: PartialCredit = "net-correct"
) -> ET.Element:
    """One assessmentItem for a concrete question (a case part opens with its vignette)."""
    require_concrete(question, exported_as=identifier)
    refuse_non_characters(vignette, identifier, "case vignette")
    item = _root("assessmentItem", identifier=identifier, title=question.id,
                 adaptive="false", timeDependent="false")  # fmt: skip
    if isinstance(question, (SingleBestAnswer, MultipleResponse, TrueFalse)):
        body, processing = _choice_item(item, question, mode)
    elif isinstance(question, Numeric):
        body, processing = _numeric_item(item, question)
    elif isinstance(question, Matching):
        body, processing = _pairs_item(item, safe_html(question.stem), _matching_pairs(question),
                                       mode)  # fmt: skip
    elif isinstance(question, LabelTheDiagram):
        body, processing = _pairs_item(
            item,
            safe_html(question.stem),
            _label_pairs(question, identifier),
            mode,
            diagram_figure(question, identifier),
        )
    elif isinstance(question, Ordering):
        body, processing = _ordering_item(item, question, mode)
    elif isinstance(question, ShortAnswer):
        body, processing = _short_answer_item(item, question, identifier)
    else:
        # Named as exported: a case part as CASE.PART.
        raise UnsupportedQuestion(FORMAT_NAME, question.model_copy(update={"id": identifier}))
    if vignette:
        case = ET.Element("div", {"class": "case"})
        append_xhtml(case, safe_html(vignette))
        body.insert(0, case)
    explanation = safe_html(question.explanation) if question.explanation.strip() else ""
    if explanation:
        _set_outcome(processing, "EXPLANATION", "identifier", "shown")
        modal = sub(item, "modalFeedback", outcomeIdentifier="EXPLANATION",
                    identifier="shown", showHide="show", title="Explanation")  # fmt: skip
        append_xhtml(modal, explanation)
    else:
        item.remove(item.find("outcomeDeclaration[@identifier='EXPLANATION']"))  # type: ignore[arg-type]
    indent_structure(item, lambda element: element.tag in MIXED_CONTENT)
    check_xml_characters(item, identifier)
    return item


def qti21_item_xml(question: Question, partial_credit: PartialCredit = "net-correct") -> str:
    """One question as a QTI 2.1 assessmentItem document (text); a case gives its first part."""
    quiz = ExportQuiz.of("item", "item", [question], partial_credit)
    export_id, part, vignette = case_units(quiz)[0]
    identifier = safe_identifier(export_id)
    item = _item_element(part, identifier, vignette, quiz.partial_credit)
    return xml_bytes(item, identifier).decode()


def _item_identifiers(quiz: ExportQuiz) -> dict[str, str]:
    return unique_identifiers((export_id for export_id, _, _ in case_units(quiz)), "question")


def _item_href(identifier: str) -> str:
    return f"{ITEM_FOLDER}/{identifier}.xml"


def qti21_test_xml(quiz: ExportQuiz) -> str:
    """The assessmentTest that lists every item of the quiz, in order, and sums their scores."""
    identifiers = _item_identifiers(quiz)
    test = _root("assessmentTest", identifier=safe_identifier(quiz.quiz_id),
                 title=plain_text(quiz.title) or quiz.quiz_id)  # fmt: skip
    _declare_outcome(test, "SCORE", "single", "float", "0")
    part = sub(test, "testPart", identifier="part-1", navigationMode="nonlinear",
               submissionMode="simultaneous")  # fmt: skip
    section = sub(part, "assessmentSection", identifier="section-1",
                  title=plain_text(quiz.title) or quiz.quiz_id, visible="true")  # fmt: skip
    for export_id, _, _ in case_units(quiz):
        identifier = identifiers[export_id]
        sub(section, "assessmentItemRef", identifier=identifier, href=_item_href(identifier))
    total = sub(sub(test, "outcomeProcessing"), "setOutcomeValue", identifier="SCORE")
    sub(sub(total, "sum"), "testVariables", variableIdentifier="SCORE")
    indent_structure(test, lambda element: False)
    return xml_bytes(test, f"quiz {quiz.quiz_id!r}").decode()


def _media_href(figure: DiagramFigure) -> str:
    return f"{ITEM_FOLDER}/{MEDIA_FOLDER}/{figure.file_name}"


def _item_figures(quiz: ExportQuiz) -> dict[str, list[DiagramFigure]]:
    """The figures each item shows, by item identifier (a label item has one, others none)."""
    identifiers = _item_identifiers(quiz)
    return {
        identifiers[export_id]: (
            [diagram_figure(question, identifiers[export_id])]
            if isinstance(question, LabelTheDiagram)
            else []
        )
        for export_id, question, _ in case_units(quiz)
    }


def qti21_manifest_xml(quiz: ExportQuiz) -> str:
    """imsmanifest.xml: the test and item resources with their files and dependencies; an
    item's figure is listed as one more file of its resource, as IMS packages list media."""
    identifiers = _item_identifiers(quiz)
    figures = _item_figures(quiz)
    manifest = ET.Element(
        "manifest",
        {
            "xmlns": CP_NAMESPACE,
            "xmlns:xsi": XSI_NAMESPACE,
            "xsi:schemaLocation": f"{CP_NAMESPACE} {CP_SCHEMA_URL}",
            "identifier": f"MANIFEST-{safe_identifier(quiz.quiz_id)}",
        },
    )
    metadata = sub(manifest, "metadata")
    sub(metadata, "schema", "QTIv2.1 Package")
    sub(metadata, "schemaversion", "1.0.0")
    sub(manifest, "organizations")
    resources = sub(manifest, "resources")
    test = sub(resources, "resource", identifier=f"TEST-{safe_identifier(quiz.quiz_id)}",
               type="imsqti_test_xmlv2p1", href=TEST_FILE)  # fmt: skip
    sub(test, "file", href=TEST_FILE)
    for identifier in identifiers.values():
        sub(test, "dependency", identifierref=f"ITEM-{identifier}")
    for identifier in identifiers.values():
        href = _item_href(identifier)
        resource = sub(resources, "resource", identifier=f"ITEM-{identifier}",
                       type="imsqti_item_xmlv2p1", href=href)  # fmt: skip
        sub(resource, "file", href=href)
        for figure in figures[identifier]:
            sub(resource, "file", href=_media_href(figure))
    indent_structure(manifest, lambda element: False)
    return xml_bytes(manifest, f"quiz {quiz.quiz_id!r}").decode()


def qti21_files(quiz: ExportQuiz) -> list[tuple[str, bytes]]:
    """Every file of the package as (path in the zip, bytes): manifest, test, items, then each
    figure once (named by its content, so items that share a diagram share its file)."""
    identifiers = _item_identifiers(quiz)
    files = [
        ("imsmanifest.xml", qti21_manifest_xml(quiz).encode()),
        (TEST_FILE, qti21_test_xml(quiz).encode()),
    ]
    for export_id, question, vignette in case_units(quiz):
        identifier = identifiers[export_id]
        item = _item_element(question, identifier, vignette, quiz.partial_credit)
        files.append((_item_href(identifier), xml_bytes(item, export_id)))
    media = {
        _media_href(figure): figure.png
        for figures in _item_figures(quiz).values()
        for figure in figures
    }
    return files + list(media.items())


def write_qti21(quiz: ExportQuiz, path: str | Path) -> Path:
    """Write the quiz as a QTI 2.1 content package (zip); the same quiz gives the same bytes."""
    return write_zip(path, qti21_files(quiz))
