"""Export a quiz for Canvas Classic Quizzes: the QTI 1.2 zip Canvas's "QTI .zip file" import reads.

    write_canvas_qti12(ExportQuiz.from_bank(load_bank("07-ablation")), "ablation-canvas.zip")

The layout and elements follow what text2qti (gpoore/text2qti, widely used for Canvas)
writes, since Canvas documents its QTI dialect only through its own exports:

    imsmanifest.xml                 IMS CP resources: the assessment and its Canvas settings
    non_cc_assessments/             an empty folder Canvas expects
    ASSESSMENT/ASSESSMENT.xml       questestinterop > assessment > section > item…
    ASSESSMENT/assessment_meta.xml  Canvas quiz settings (unpublished, one attempt, answers shown)
    images/NAME.png                 label-the-diagram figures, each once, NAME from its bytes

Each item names its Canvas type in ``itemmetadata`` (``multiple_choice_question``,
``multiple_answers_question``, ``true_false_question``, ``numerical_question``), worth 1 point,
and carries its answer in ``resprocessing`` (Canvas scores out of 100): ``varequal`` for the
right choice(s), ``vargte``/``varlte`` for the accepted numeric interval. Texts are sanitized
HTML, escaped as the text of ``mattext texttype="text/html"``; the explanation is the general
feedback and each option's feedback its own ``itemfeedback``.

Partial credit is Canvas's, not the file's: on import Canvas keeps only which answers are right
(weight 100) and then grades with its own rules (canvas-lms
``app/models/quizzes/quiz_question/multiple_answers_question.rb`` and ``base.rb``). Multiple
answers score (right − wrong) / correct, at least 0: our ``net-correct``. A quiz asking for
``all-or-nothing`` or ``each-answer`` with a multiple-response question is therefore refused
(``ExportError`` naming the item, the format and the mode), as is an all-or-nothing quiz with a
matching question, which Canvas scores by the share of right pairs. The ``resprocessing`` of a
multiple-answers item still says "all correct and no other", as text2qti and Canvas write it.

A matching question becomes a ``matching_question`` (one ``response_lid`` per prompt, the choices
as plain text, since Canvas shows them in a drop-down), each right pair adding its share of 100.
A short answer becomes a ``short_answer_question`` ("fill in the blank") written as text2qti
writes one: a ``response_str`` text box, and one condition listing each right answer as a
``varequal``. Canvas matches a response with any listed answer after trimming both ends and
ignoring case (canvas-lms ``quiz_question/short_answer_question.rb``), and counts every listed
answer as right, so only right answers are written. Refused, naming the item: ``fuzzy`` below 1;
``match_case`` on an answer with a cased letter; and a wrong answer listed before a right one
that decides the same responses (dropping it would make them right). A wrong answer that
shadows nothing scores as no match at all, so leaving it out loses no grading; its feedback,
and that of right answers (text2qti writes no per-answer feedback for short answers), joins
the general feedback, which Canvas shows after the attempt.
A label-the-diagram question becomes a ``matching_question`` too: one drop-down per number
asked ("Number 3"), the names to pick from in each, equal shares of 100 (Canvas's matching
score is the share of right pairs; an all-or-nothing quiz is refused, as for matching). The
question text shows the numbered figure as text2qti embeds an image: the PNG at
``images/NAME.png`` in the zip, a ``webcontent`` resource in the manifest, and
``<img src="%24IMS-CC-FILEBASE%24/images/NAME.png" alt="…">`` (Canvas replaces the placeholder
with the imported file's address), the alt text the diagram's own, which names no number's
structure; then "Name each numbered structure."
A case becomes its parts in sequence, each opening with the vignette. Classic Quizzes has no
ordering type: an ordering question raises ``UnsupportedQuestion`` naming the item.
"""

from __future__ import annotations

import hashlib
import html
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..grading import PartialCredit
from ..schema import (
    LabelTheDiagram,
    Matching,
    MultipleResponse,
    Numeric,
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
    refuse_partial_credit,
    refuse_unmatchable_short_answer,
    require_concrete,
    safe_html,
    short_answer_explanation_markdown,
    short_answer_text,
    shown_order,
)
from .xml_tools import (
    check_xml_characters,
    indent_structure,
    sub,
    unique_identifiers,
    write_zip,
    xml_bytes,
)

__all__ = [
    "FORMAT_NAME",
    "canvas_assessment_meta_xml",
    "canvas_assessment_xml",
    "canvas_files",
    "canvas_item_xml",
    "canvas_manifest_xml",
    "write_canvas_qti12",
]

FORMAT_NAME = "Canvas Classic Quizzes (QTI 1.2)"
QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_SCHEMA_URL = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CANVAS_NAMESPACE = "http://canvas.instructure.com/xsd/cccv1p0"
CANVAS_SCHEMA_URL = "https://canvas.instructure.com/xsd/cccv1p0.xsd"
CP_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CP_SCHEMA_URL = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
POINTS_PER_QUESTION = 1
RESPONSE = "response1"
GENERAL_FEEDBACK = "general_fb"
# Where text2qti puts images (markdown.py, Image): in images/ at the root of the zip, each a
# "webcontent" resource of the manifest, shown through Canvas's course-files placeholder.
IMAGE_FOLDER = "images"
IMAGE_SRC_BASE = "%24IMS-CC-FILEBASE%24"  # "$IMS-CC-FILEBASE$", URL-encoded as text2qti writes


def _canvas_id(*parts: str) -> str:
    """A stable Canvas-style identifier ('g' + 32 hex digits) for a quiz, item or question.

    Derived from the quiz id too, so two quizzes imported into one course never share an id.
    """
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"g{digest[:32]}"


def _number(value: float) -> str:
    """A float written exactly (shortest round trip), so a bound means what the grader means."""
    return repr(float(value))


def _mattext(parent: ET.Element, html_text: str) -> None:
    # ElementTree escapes the HTML, which is how Canvas expects HTML inside mattext.
    sub(sub(parent, "material"), "mattext", html_text, texttype="text/html")


def _metadata(item: ET.Element, fields: list[tuple[str, str]]) -> None:
    metadata = sub(sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in fields:
        field = sub(metadata, "qtimetadatafield")
        sub(field, "fieldlabel", label)
        sub(field, "fieldentry", entry)


def _score_condition(
    resprocessing: ET.Element, conditions: list[ET.Element], feedback: str | None = None
) -> None:
    """A respcondition that sets SCORE to 100 when all ``conditions`` hold, and stops there."""
    condition = sub(resprocessing, "respcondition", continue_="No")
    variable = sub(condition, "conditionvar")
    holder = sub(variable, "and") if len(conditions) > 1 else variable
    holder.extend(conditions)
    sub(condition, "setvar", "100", action="Set", varname="SCORE")
    if feedback:
        sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=feedback)


def _varequal(answer_ident: str) -> ET.Element:
    element = ET.Element("varequal", {"respident": RESPONSE})
    element.text = answer_ident
    return element


def _feedback_condition(resprocessing: ET.Element, test: ET.Element, linkrefid: str) -> None:
    condition = sub(resprocessing, "respcondition", continue_="Yes")
    sub(condition, "conditionvar").append(test)
    sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=linkrefid)


def _itemfeedback(item: ET.Element, ident: str, html_text: str) -> None:
    _mattext(sub(sub(item, "itemfeedback", ident=ident), "flow_mat"), html_text)


def _choices(
    question: SingleBestAnswer | MultipleResponse | TrueFalse,
) -> list[tuple[str, str, str, bool]]:
    """(answer ident, label HTML, feedback HTML, correct) for each choice, in bank order."""
    # 'choice_' as text2qti writes it, so an option's feedback id never equals 'general_fb'.
    if isinstance(question, TrueFalse):
        return [
            ("choice_true", "True", "", question.answer),
            ("choice_false", "False", "", not question.answer),
        ]
    idents = unique_identifiers(question.option_ids, f"question {question.id!r}: option", "o")
    correct = {question.answer} if isinstance(question, SingleBestAnswer) else set(question.answer)
    return [
        (
            f"choice_{idents[option.id]}",
            safe_html(option.text, inline=True),
            safe_html(option.feedback, inline=True) if option.feedback else "",
            option.id in correct,
        )
        for option in question.options
    ]


def _question_type(question: Question) -> str:
    if isinstance(question, SingleBestAnswer):
        return "multiple_choice_question"
    if isinstance(question, MultipleResponse):
        return "multiple_answers_question"
    if isinstance(question, TrueFalse):
        return "true_false_question"
    if isinstance(question, Numeric):
        return "numerical_question"
    if isinstance(question, (Matching, LabelTheDiagram)):
        return "matching_question"
    if isinstance(question, ShortAnswer):
        return "short_answer_question"
    raise UnsupportedQuestion(FORMAT_NAME, question)


@dataclass(frozen=True)
class _Pairs:
    """A matching question as Canvas shows it: prompts (ident, plain text) with the ident of
    their right choice, and the choices of every drop-down (ident, plain text)."""

    prompts: list[tuple[str, str, str]]
    choices: list[tuple[str, str]]


def _matching_pairs(question: Matching) -> _Pairs:
    what = f"question {question.id!r}: prompt or choice"
    ids = unique_identifiers(
        [f"p-{i}" for i in question.prompt_ids] + [f"c-{i}" for i in question.choice_ids], what
    )
    return _Pairs(
        prompts=[
            (ids[f"p-{p.id}"], plain_text(p.text), ids[f"c-{question.answer[p.id]}"])
            for p in question.prompts
        ],
        # Never in bank order, which authors often write in the order of the prompts.
        choices=[
            (ids[f"c-{c.id}"], plain_text(c.text))
            for c in shown_order(question.choices, question.id)
        ],
    )


def _label_pairs(question: LabelTheDiagram, export_id: str) -> _Pairs:
    """The numbers asked as prompts ("Number 3"), the names to pick from as choices."""
    names = label_name_choices(question, export_id)
    idents = {name: f"name_{index}" for index, name in enumerate(names, start=1)}
    shown = dict(zip(question.name_choices, names, strict=True))
    return _Pairs(
        prompts=[
            (f"number_{number}", label_number_text(number), idents[shown[name]])
            for number, name in question.answer.items()
        ],
        choices=[(idents[name], name) for name in names],
    )


def _pairs(question: Question, export_id: str) -> _Pairs:
    if isinstance(question, LabelTheDiagram):
        return _label_pairs(question, export_id)
    assert isinstance(question, Matching)
    return _matching_pairs(question)


def _matching(pairs: _Pairs, presentation: ET.Element, resprocessing: ET.Element) -> None:
    """Prompts with their drop-downs, and the score of each right pair."""
    # Shares of 100 in hundredths, the last taking the remainder, so that they sum to 100.
    count = len(pairs.prompts)
    shares = [f"{100 / count:.2f}"] * (count - 1)
    shares.append(f"{100 - sum(float(share) for share in shares):.2f}")
    for (ident, text, right), share in zip(pairs.prompts, shares, strict=True):
        response = f"response_{ident}"
        lid = sub(presentation, "response_lid", ident=response, rcardinality="Single")
        sub(sub(lid, "material"), "mattext", text, texttype="text/plain")
        render = sub(lid, "render_choice")
        for choice_ident, choice_text in pairs.choices:
            label = sub(render, "response_label", ident=choice_ident)
            sub(sub(label, "material"), "mattext", choice_text, texttype="text/plain")
        condition = sub(resprocessing, "respcondition", continue_="Yes")
        sub(sub(condition, "conditionvar"), "varequal", right, respident=response)
        sub(condition, "setvar", share, action="Add", varname="SCORE")


def _image_src(figure: DiagramFigure) -> str:
    return f"{IMAGE_SRC_BASE}/{IMAGE_FOLDER}/{urllib.parse.quote(figure.file_name)}"


def _figure_html(figure: DiagramFigure) -> str:
    """The figure and the instruction, as HTML after the stem (an img as text2qti writes one)."""
    src = html.escape(_image_src(figure), quote=True)
    alt = html.escape(figure.alt, quote=True)
    return f'<p><img src="{src}" alt="{alt}"></p>\n<p>{html.escape(LABEL_INSTRUCTION)}</p>'


def _explanation_html(question: Question) -> str:
    """The general feedback: the explanation, then (short answer) feedback for given answers."""
    pieces = [question.explanation] if question.explanation.strip() else []
    if isinstance(question, ShortAnswer) and (about := short_answer_explanation_markdown(question)):
        pieces.append(about)
    return safe_html("\n\n".join(pieces)) if pieces else ""


def _short_answer_score(question: ShortAnswer, resprocessing: ET.Element) -> None:
    """Full marks when the response is any right answer: varequal siblings, as text2qti writes."""
    condition = sub(resprocessing, "respcondition", continue_="No")
    variable = sub(condition, "conditionvar")
    for answer in question.correct_answers:
        variable.append(_varequal(short_answer_text(answer)))
    sub(condition, "setvar", "100", action="Set", varname="SCORE")


def _check_partial_credit(question: Question, export_id: str, mode: PartialCredit) -> None:
    """ExportError if Canvas would score this question otherwise than the quiz's mode."""
    if isinstance(question, MultipleResponse) and mode != "net-correct":
        why = "Classic Quizzes always grade multiple answers (right - wrong) / correct, at least 0"
        raise refuse_partial_credit(FORMAT_NAME, export_id, mode, "multiple", why)
    if isinstance(question, (Matching, LabelTheDiagram)) and mode == "all-or-nothing":
        why = "Classic Quizzes always give a share of the points for each right match"
        raise refuse_partial_credit(FORMAT_NAME, export_id, mode, question.type, why)


def _item_element(
    question: Question,
    quiz_id: str,
    export_id: str,
    vignette: str = "",
    mode: PartialCredit = "net-correct",
) -> ET.Element:
    """One Canvas item: metadata, presentation, scoring, feedback (a case part: vignette first)."""
    require_concrete(question, exported_as=export_id)
    refuse_non_characters(vignette, export_id, "case vignette")
    try:
        question_type = _question_type(question)
    except UnsupportedQuestion:
        # Name the item as exported: a case part as CASE.PART.
        raise UnsupportedQuestion(
            FORMAT_NAME, question.model_copy(update={"id": export_id})
        ) from None
    _check_partial_credit(question, export_id, mode)
    if isinstance(question, ShortAnswer):
        refuse_unmatchable_short_answer(
            question, export_id, FORMAT_NAME, ignores_case=True, drops_wrong_answers=True
        )
    item = ET.Element("item", {"ident": _canvas_id(quiz_id, "item", export_id),
                               "title": export_id})  # fmt: skip
    explanation = _explanation_html(question)
    stem = safe_html(question.stem)
    if vignette:
        stem = f"{safe_html(vignette)}\n{stem}"
    matching = isinstance(question, (Matching, LabelTheDiagram))
    pairs = _pairs(question, export_id) if matching else None
    if isinstance(question, LabelTheDiagram):
        stem = f"{stem}\n{_figure_html(diagram_figure(question, export_id))}"
    short = isinstance(question, ShortAnswer)
    choices = (
        []
        if isinstance(question, (Numeric, Matching, LabelTheDiagram, ShortAnswer))
        else _choices(question)
    )
    answer_ids = ",".join(ident for ident, *_ in choices) or "numerical_answer"
    if isinstance(question, ShortAnswer):
        answer_ids = ",".join(
            _canvas_id(quiz_id, "answer", export_id, str(number))
            for number in range(1, len(question.correct_answers) + 1)
        )
    if pairs is not None:
        answer_ids = ",".join(ident for ident, _, _ in pairs.prompts)
    _metadata(
        item,
        [
            ("question_type", question_type),
            ("points_possible", str(POINTS_PER_QUESTION)),
            ("original_answer_ids", answer_ids),
            ("assessment_question_identifierref", _canvas_id(quiz_id, "question", export_id)),
        ],
    )
    presentation = sub(item, "presentation")
    if isinstance(question, Numeric):
        unit = plain_text(question.answer.unit)
        hint = f"Enter a number (in {unit})." if unit else "Enter a number."
        _mattext(presentation, f"{stem}\n<p>{html.escape(hint)}</p>")
        response = sub(presentation, "response_str", ident=RESPONSE, rcardinality="Single")
        sub(sub(response, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
    elif matching:
        _mattext(presentation, stem)
    elif short:
        _mattext(presentation, stem)
        response = sub(presentation, "response_str", ident=RESPONSE, rcardinality="Single")
        sub(sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
    else:
        _mattext(presentation, stem)
        several = isinstance(question, MultipleResponse)
        response = sub(presentation, "response_lid", ident=RESPONSE,
                       rcardinality="Multiple" if several else "Single")  # fmt: skip
        render = sub(response, "render_choice")
        for ident, label, _, _ in choices:
            _mattext(sub(render, "response_label", ident=ident), label)

    resprocessing = sub(item, "resprocessing")
    sub(sub(resprocessing, "outcomes"), "decvar", maxvalue="100", minvalue="0",
        varname="SCORE", vartype="Decimal")  # fmt: skip
    if explanation:
        _feedback_condition(resprocessing, ET.Element("other"), GENERAL_FEEDBACK)
    for ident, _, feedback, _ in choices:
        if feedback:
            _feedback_condition(resprocessing, _varequal(ident), f"{ident}_fb")
    if pairs is not None:
        _matching(pairs, presentation, resprocessing)
    elif isinstance(question, Numeric):
        _score_condition(resprocessing, _numeric_conditions(question))
    elif isinstance(question, ShortAnswer):
        _short_answer_score(question, resprocessing)
    elif isinstance(question, MultipleResponse):
        # All correct options chosen and no other, as text2qti and Canvas write it.
        tests = []
        for ident, _, _, correct in choices:
            tests.append(_varequal(ident) if correct else ET.Element("not"))
            if not correct:
                tests[-1].append(_varequal(ident))
        _score_condition(resprocessing, tests)
    else:
        right = next(ident for ident, _, _, correct in choices if correct)
        _score_condition(resprocessing, [_varequal(right)])

    if explanation:
        _itemfeedback(item, GENERAL_FEEDBACK, explanation)
    for ident, _, feedback, _ in choices:
        if feedback:
            _itemfeedback(item, f"{ident}_fb", feedback)
    check_xml_characters(item, export_id)
    return item


def _numeric_conditions(question: Numeric) -> list[ET.Element]:
    """The accepted interval; an exact answer with a margin is also named, as Canvas exports it."""
    low, high = question.answer.accepted_interval
    interval = []
    for tag, bound in (("vargte", low), ("varlte", high)):
        element = ET.Element(tag, {"respident": RESPONSE})
        element.text = _number(bound)
        interval.append(element)
    if question.answer.accept == "range":
        return interval
    either = ET.Element("or")
    sub(either, "varequal", _number(question.answer.expected), respident=RESPONSE)
    sub(either, "and").extend(interval)
    return [either]


def _keeps_whitespace(element: ET.Element) -> bool:
    return element.tag in {"mattext", "fieldentry", "fieldlabel"}


def _units(quiz: ExportQuiz) -> list[tuple[str, Question, str]]:
    """(export id, question, vignette) per item: a case becomes its parts, in order."""
    units = case_units(quiz)
    unique_identifiers((export_id for export_id, _, _ in units), "question")
    return units


def canvas_item_xml(
    question: Question, quiz_id: str = "quiz", partial_credit: PartialCredit = "net-correct"
) -> str:
    """One question as a Canvas QTI 1.2 <item> element (text); a case gives its first part."""
    quiz = ExportQuiz.of(quiz_id, quiz_id, [question], partial_credit)
    export_id, part, vignette = _units(quiz)[0]
    item = _item_element(part, quiz_id, export_id, vignette, quiz.partial_credit)
    item.set("xmlns", QTI_NAMESPACE)  # so that it parses on its own, in its namespace
    indent_structure(item, _keeps_whitespace)
    return ET.tostring(item, encoding="unicode")


def _assessment_ident(quiz: ExportQuiz) -> str:
    return _canvas_id(quiz.quiz_id, "assessment")


def canvas_assessment_xml(quiz: ExportQuiz) -> str:
    """The questestinterop document holding every item of the quiz, in order."""
    units = _units(quiz)
    root = ET.Element(
        "questestinterop",
        {
            "xmlns": QTI_NAMESPACE,
            "xmlns:xsi": XSI_NAMESPACE,
            "xsi:schemaLocation": f"{QTI_NAMESPACE} {QTI_SCHEMA_URL}",
        },
    )
    assessment = sub(root, "assessment", ident=_assessment_ident(quiz),
                     title=plain_text(quiz.title) or quiz.quiz_id)  # fmt: skip
    field = sub(sub(assessment, "qtimetadata"), "qtimetadatafield")
    sub(field, "fieldlabel", "cc_maxattempts")
    sub(field, "fieldentry", "1")
    section = sub(assessment, "section", ident="root_section")
    for export_id, question, vignette in units:
        section.append(
            _item_element(question, quiz.quiz_id, export_id, vignette, quiz.partial_credit)
        )
    indent_structure(root, _keeps_whitespace)
    return xml_bytes(root, f"quiz {quiz.quiz_id!r}").decode()


def canvas_assessment_meta_xml(quiz: ExportQuiz) -> str:
    """assessment_meta.xml: the Canvas quiz settings (unpublished, one attempt, points)."""
    ident = _assessment_ident(quiz)
    title = plain_text(quiz.title) or quiz.quiz_id
    points = f"{POINTS_PER_QUESTION * len(_units(quiz)):.1f}"
    root = ET.Element(
        "quiz",
        {
            "xmlns": CANVAS_NAMESPACE,
            "xmlns:xsi": XSI_NAMESPACE,
            "xsi:schemaLocation": f"{CANVAS_NAMESPACE} {CANVAS_SCHEMA_URL}",
            "identifier": ident,
        },
    )
    settings = [
        ("title", title),
        ("description", ""),
        ("shuffle_answers", "false"),
        ("scoring_policy", "keep_highest"),
        ("quiz_type", "assignment"),
        ("points_possible", points),
        ("show_correct_answers", "true"),
        ("allowed_attempts", "1"),
        ("one_question_at_a_time", "false"),
        ("cant_go_back", "false"),
        ("available", "false"),
    ]
    for tag, value in settings:
        sub(root, tag, value)
    assignment = sub(root, "assignment", identifier=_canvas_id(quiz.quiz_id, "assignment"))
    for tag, value in [
        ("title", title),
        ("workflow_state", "unpublished"),
        ("quiz_identifierref", ident),
        ("points_possible", points),
        ("grading_type", "points"),
        ("submission_types", "online_quiz"),
    ]:
        sub(assignment, tag, value)
    sub(root, "assignment_group_identifierref", _canvas_id(quiz.quiz_id, "assignment-group"))
    indent_structure(root, lambda element: element.tag in {"title", "description"})
    return xml_bytes(root, f"quiz {quiz.quiz_id!r}").decode()


def _figures(quiz: ExportQuiz) -> list[DiagramFigure]:
    """Every label figure of the quiz once, in the order items first show them."""
    figures: dict[str, DiagramFigure] = {}
    for export_id, question, _ in _units(quiz):
        if isinstance(question, LabelTheDiagram):
            figure = diagram_figure(question, export_id)
            figures.setdefault(figure.file_name, figure)
    return list(figures.values())


def _image_href(figure: DiagramFigure) -> str:
    return f"{IMAGE_FOLDER}/{urllib.parse.quote(figure.file_name)}"


def canvas_manifest_xml(quiz: ExportQuiz) -> str:
    """imsmanifest.xml: the assessment resource, its assessment_meta dependency, and one
    ``webcontent`` resource per figure (as text2qti lists images)."""
    ident = _assessment_ident(quiz)
    dependency = _canvas_id(quiz.quiz_id, "dependency")
    root = ET.Element(
        "manifest",
        {
            "xmlns": CP_NAMESPACE,
            "xmlns:xsi": XSI_NAMESPACE,
            "xsi:schemaLocation": f"{CP_NAMESPACE} {CP_SCHEMA_URL}",
            "identifier": _canvas_id(quiz.quiz_id, "manifest"),
        },
    )
    metadata = sub(root, "metadata")
    sub(metadata, "schema", "IMS Content")
    sub(metadata, "schemaversion", "1.1.3")
    sub(root, "organizations")
    resources = sub(root, "resources")
    assessment = sub(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
    sub(assessment, "file", href=f"{ident}/{ident}.xml")
    sub(assessment, "dependency", identifierref=dependency)
    meta_href = f"{ident}/assessment_meta.xml"
    meta = sub(resources, "resource", identifier=dependency, href=meta_href,
               type="associatedcontent/imscc_xmlv1p1/learning-application-resource")  # fmt: skip
    sub(meta, "file", href=meta_href)
    for figure in _figures(quiz):
        href = _image_href(figure)
        image = sub(resources, "resource", identifier=_canvas_id(quiz.quiz_id, "image", href),
                    type="webcontent", href=href)  # fmt: skip
        sub(image, "file", href=href)
    indent_structure(root, lambda element: False)
    return xml_bytes(root, f"quiz {quiz.quiz_id!r}").decode()


def canvas_files(quiz: ExportQuiz) -> list[tuple[str, bytes]]:
    """Every file of the Canvas package as (path in the zip, bytes), manifest first and the
    figures last, each once (text2qti's order)."""
    ident = _assessment_ident(quiz)
    return [
        ("imsmanifest.xml", canvas_manifest_xml(quiz).encode()),
        ("non_cc_assessments/", b""),
        (f"{ident}/assessment_meta.xml", canvas_assessment_meta_xml(quiz).encode()),
        (f"{ident}/{ident}.xml", canvas_assessment_xml(quiz).encode()),
        *((f"{IMAGE_FOLDER}/{figure.file_name}", figure.png) for figure in _figures(quiz)),
    ]


def write_canvas_qti12(quiz: ExportQuiz, path: str | Path) -> Path:
    """Write the quiz as a Canvas Classic Quizzes QTI zip; the same quiz gives the same bytes."""
    return write_zip(path, canvas_files(quiz))
