"""GIFT export, read back by a real GIFT grammar: gift-pegjs (a PEG.js grammar of Moodle's GIFT).

The parser runs in node (tests/js/parse_gift.mjs, installed with ``npm ci --prefix tests/js``);
without node or tests/js/node_modules these tests skip and say so. It is first shown to read
Moodle's own documented GIFT examples, so agreement with it means agreement with GIFT.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from livermets_edu.quiz.export import ExportQuiz, UnsupportedQuestion
from livermets_edu.quiz.export.common import bank_html
from livermets_edu.quiz.export.gift import escape_gift, to_gift
from livermets_edu.quiz.loader import load_bank
from livermets_edu.quiz.render import markdown_to_safe_html
from livermets_edu.quiz.schema import parse_question
from livermets_edu.quiz.variants import concrete

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "tests" / "js"
GOLDEN = ROOT / "tests" / "data" / "golden"
BANKS = ROOT / "tests" / "data" / "banks"
SHIPPED_BANKS = sorted((ROOT / "quizzes").glob("*.yaml"))
ALL_TYPES = BANKS / "types" / "all-types.yaml"

NODE = shutil.which("node")
NPM = shutil.which("npm")


@pytest.fixture(scope="session")
def gift_parser() -> Path:
    """gift-pegjs, installed from the lock file on first use (the README's test command has no
    separate npm step); skips, saying why, where node or the npm registry is unavailable."""
    if NODE is None:
        pytest.skip("GIFT parser needs node (Debian package nodejs); not found")
    installed = JS / "node_modules" / "gift-pegjs"
    if not installed.is_dir():
        if NPM is None:
            pytest.skip("GIFT parser needs npm to install gift-pegjs; not found")
        result = subprocess.run(
            [NPM, "ci", "--prefix", str(JS), "--no-audit", "--no-fund", "--silent"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0 or not installed.is_dir():
            pytest.skip(f"could not install gift-pegjs with npm ci: {result.stderr.strip()[-300:]}")
    return installed


needs_parser = pytest.mark.usefixtures("gift_parser")


def parse_gift(text: str) -> list[dict]:
    """The questions gift-pegjs reads from ``text``; fails the test on a syntax error."""
    assert NODE is not None
    result = subprocess.run(
        [NODE, str(JS / "parse_gift.mjs")],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"gift-pegjs rejected the text: {result.stderr}"
    return [q for q in json.loads(result.stdout) if q["type"] != "Category"]


def quiz_of(path: Path, seed: int = 11) -> ExportQuiz:
    bank = load_bank(path)
    return ExportQuiz.of(bank.name, bank.title, [concrete(question, seed) for question in bank])


def gift_html(markdown: str) -> str:
    """What the parser gives back for an inline bank text: its HTML, with '->' escaped."""
    return bank_html(markdown, inline=True).replace("->", "-&gt;")


# --- the parser is the real grammar ------------------------------------------------------------


@needs_parser
def test_parser_reads_moodle_documented_examples():
    text = (GOLDEN / "moodle-gift-examples.txt").read_text(encoding="utf-8")
    parsed = parse_gift(text)
    # Independent count: blocks between blank lines that still hold an answer '{' once the
    # comment lines are dropped.
    blocks = re.split(r"\n\s*\n", text)
    without_comments = [
        "\n".join(line for line in block.splitlines() if not line.lstrip().startswith("//"))
        for block in blocks
    ]
    assert len(parsed) == sum("{" in block for block in without_comments) == 43
    control = next(q for q in parsed if q["title"] == "GIFT Control Characters")
    texts = [(choice["text"]["text"], choice["isCorrect"]) for choice in control["choices"]]
    assert texts == [("~", False), ("=", False), ("#", False), ("{", False), ("}", False)] + [
        ("\\", True)
    ]
    weights = next(q for q in parsed if q["stem"]["text"].startswith("What two people"))
    assert [c["weight"] for c in weights["choices"]] == [None, 50, 50, None]


# --- exports parse to the same questions -------------------------------------------------------

TYPE_NAMES = {"single": "MC", "multiple": "MC", "true_false": "TF", "numeric": "Numerical"}


def check_question(question, parsed: dict) -> None:
    """The parsed question says what the bank says: type, stem, answers, feedback, weights."""
    assert parsed["title"] == question.id
    assert parsed["stem"]["format"] == "html"
    assert parsed["stem"]["text"].startswith(bank_html(question.stem).replace("->", "-&gt;"))
    assert "Source:" in parsed["globalFeedback"]["text"]
    if question.explanation.strip():
        assert markdown_to_safe_html(question.explanation) in parsed["globalFeedback"]["text"]
    if question.type in ("single", "multiple"):
        choices = parsed["choices"]
        assert [c["text"]["text"] for c in choices] == [gift_html(o.text) for o in question.options]
        assert [(c["feedback"] or {}).get("text") for c in choices] == [
            gift_html(o.feedback) if o.feedback else None for o in question.options
        ]
        if question.type == "single":
            assert [c["isCorrect"] for c in choices] == [
                o.id == question.answer for o in question.options
            ]
        else:
            share = 100 / len(question.answer)
            expected = [share if o.id in question.answer else -share for o in question.options]
            assert [c["weight"] for c in choices] == pytest.approx(expected, abs=1e-4)
    elif question.type == "true_false":
        assert parsed["isTrue"] is question.answer
    elif question.type == "numeric":
        choices = parsed["choices"]
        low, high = question.answer.accepted_interval
        if choices["type"] == "high-low":
            assert question.answer.accept == "range"
            assert (choices["numberLow"], choices["numberHigh"]) == pytest.approx((low, high))
        else:
            assert choices["type"] == "range"
            assert choices["number"] - choices["range"] == pytest.approx(low)
            assert choices["number"] + choices["range"] == pytest.approx(high)


@needs_parser
@pytest.mark.parametrize(
    "path",
    [*SHIPPED_BANKS, BANKS / "good-bank.yaml", BANKS / "xss-bank.yaml"],
    ids=lambda p: p.stem,
)
def test_every_bank_parses_back_to_its_questions(path):
    # The classic types; matching and cases are checked in the next test, and ordering and
    # label-the-diagram questions are refused (tested below).
    full = quiz_of(path)
    quiz = ExportQuiz.of(
        full.quiz_id, full.title, [q for q in full.questions if q.type in TYPE_NAMES]
    )
    parsed = parse_gift(to_gift(quiz))
    assert [q["type"] for q in parsed] == [TYPE_NAMES[q.type] for q in quiz.questions]
    for question, parsed_question in zip(quiz.questions, parsed, strict=True):
        check_question(question, parsed_question)


@needs_parser
def test_matching_and_case_parts_parse():
    bank = load_bank(ALL_TYPES)
    matching = bank["at-matching"]
    case = bank["at-case"]
    parts = [part for part in case.parts if part.type != "ordering"]
    quiz = ExportQuiz.of("m", "M", [matching, case.model_copy(update={"parts": parts})])
    parsed = parse_gift(to_gift(quiz))
    assert [q["title"] for q in parsed] == ["at-matching"] + [f"at-case/{p.id}" for p in parts]
    choice_text = {c.id: c.text for c in matching.choices}
    pairs = [(p["subquestion"]["text"], p["subanswer"]) for p in parsed[0]["matchPairs"]]
    expected = [(gift_html(p.text), choice_text[matching.answer[p.id]]) for p in matching.prompts]
    used = set(matching.answer.values())
    expected += [("", c.text) for c in matching.choices if c.id not in used]
    assert pairs == expected
    vignette = markdown_to_safe_html(case.stem)
    for part_question in parsed[1:]:
        assert part_question["stem"]["text"].startswith(vignette)


@needs_parser
def test_golden_file_for_the_good_bank():
    golden = GOLDEN / "good-bank.gift.txt"
    exported = to_gift(quiz_of(BANKS / "good-bank.yaml"))
    assert exported == golden.read_text(encoding="utf-8")
    assert len(parse_gift(exported)) == 5


# Written by hand from docs.moodle.org/en/GIFT_format, not from our output: "::title::", a
# "[html]" text format, TRUE for a true statement, "~%50%" weights that share 100 % among the
# right answers (the documented "multiple right answers" form, wrong ones negative), general
# feedback after "####", and ':' escaped as '\\:'. Whitespace is free in GIFT, so it is
# compared with runs of whitespace made one space.
HAND_WRITTEN_GIFT = r"""
::hw-tf::[html]<p>The liver has two inflows.</p> { TRUE ####<p>Source\: Test</p> }
::hw-mr::[html]<p>Which feed it?</p> {
  ~%50%Portal vein ~%50%Hepatic artery ~%-50%Hepatic veins ####<p>Source\: Test</p>
}
"""


def test_two_items_match_the_hand_written_gift():
    true_false = {"id": "hw-tf", "type": "true_false", "stem": "The liver has two inflows.",
                  "answer": True, "source": "Test"}  # fmt: skip
    multiple = {
        "id": "hw-mr",
        "type": "multiple",
        "stem": "Which feed it?",
        "options": [
            {"id": "a", "text": "Portal vein"},
            {"id": "b", "text": "Hepatic artery"},
            {"id": "c", "text": "Hepatic veins"},
        ],
        "answer": ["a", "b"],
        "source": "Test",
    }
    quiz = ExportQuiz.of("hw", "HW", [parse_question(true_false), parse_question(multiple)])
    exported = " ".join(to_gift(quiz).split())
    assert " ".join(HAND_WRITTEN_GIFT.split()) in exported


# --- escaping ----------------------------------------------------------------------------------


def test_escape_gift_follows_moodle_rules():
    # Written out by hand from Moodle's repchar(): backslash first, then ~ = # { } :, and a
    # line break as \n.
    assert escape_gift("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"
    assert escape_gift("\\~") == "\\\\\\~"


HOSTILE = textwrap.dedent(
    """\
    bank: hostile
    title: "T ~=#{}: \\\\ <script>alert(0)</script>"
    lesson: x
    questions:
      - id: h-single
        type: single
        stem: "Stem ~ = # { } : \\\\ -> [html] & 'q' \\"q\\" <script>x</script>\\n\\n// no comment"
        options:
          - id: a
            text: "[markdown] =right? ~ # { } : \\\\ & -> <img src=x onerror=alert(1)>"
            feedback: "#### not general ~=#{}: \\"q\\""
          - id: b
            text: "<script>alert(2)</script>"
        answer: a
        explanation: "E ~=#{}: \\\\ <b onclick=alert(3)>b</b>\\n\\nTwo paragraphs"
        source: "S ~=#{}: <script>alert(4)</script>"
      - id: h-multiple
        type: multiple
        stem: "Pick ~%50%"
        options:
          - {id: a, text: "=%100% one"}
          - {id: b, text: "~%-50% two"}
          - {id: c, text: "three }"}
        answer: [a, b]
        source: s
    """
)


@needs_parser
def test_hostile_text_parses_to_the_same_text(tmp_path):
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    quiz = quiz_of(path)
    exported = to_gift(quiz)
    assert "<script" not in exported and "onerror" not in exported
    parsed = parse_gift(exported)
    assert len(parsed) == 2
    for question, parsed_question in zip(quiz.questions, parsed, strict=True):
        check_question(question, parsed_question)
    # A text the sanitiser would empty is shown as escaped text rather than dropped.
    assert parsed[0]["choices"][1]["text"]["text"] == "&lt;script&gt;alert(2)&lt;/script&gt;"


# --- what GIFT cannot hold ---------------------------------------------------------------------


@pytest.mark.parametrize("question_id", ["at-ordering", "at-label", "at-case"])
def test_ordering_and_diagrams_are_refused_by_name(question_id):
    bank = load_bank(ALL_TYPES)
    with pytest.raises(UnsupportedQuestion, match=f"{question_id}(/route)?: GIFT cannot hold"):
        to_gift(ExportQuiz.of("q", "Q", [bank[question_id]]))
