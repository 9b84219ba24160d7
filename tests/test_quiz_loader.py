"""Loading banks: finding them by name, and locating every problem by file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from livermets_edu.quiz import BankError, list_banks, load_bank, loader, validate_bank
from livermets_edu.quiz.loader import BankErrors, check_bank, find_bank
from livermets_edu.quiz.schema import QUESTION_TYPES

BANKS = Path(__file__).parent / "data" / "banks"
REPO = Path(__file__).resolve().parents[1]

# (fixture, line, field, message): each bad bank must produce exactly this one error.
BAD_BANKS = [
    ("missing-answer.yaml", 10, "questions[1].answer", "required field is missing"),
    (
        "unknown-type.yaml",
        6,
        "questions[0].type",
        "'essay' is not a question type; use one of single, multiple, true_false, numeric",
    ),
    (
        "duplicate-id.yaml",
        10,
        "questions[1].id",
        "question id 'di-001' is used twice (first at line 5)",
    ),
    (
        "malformed-yaml.yaml",
        12,
        "questions[1].stem",
        "invalid YAML: mapping values are not allowed here",
    ),
    (
        "answer-not-option.yaml",
        17,
        "questions[0].answer",
        "'e' is not one of the options a, b, c, d",
    ),
    (
        "unknown-fact.yaml",
        9,  # the line inside the block scalar that holds the placeholder, not the `stem:` line
        "questions[0].stem",
        "{fact:PORTAL_FLOW_FRACTION} names no fact in livermets_edu.facts; "
        "did you mean PORTAL_VEIN_FLOW_FRACTION",
    ),
]


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with PyYAML's C parser (when built) and with its pure-Python fallback."""
    if request.param == "pure-python":
        monkeypatch.setattr(loader, "_FAST_LOADER", None)
    elif loader._FAST_LOADER is None:
        pytest.skip("PyYAML was built without libyaml")
    return request.param


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def minimal(name: str, questions: str) -> str:
    return f"bank: {name}\ntitle: T\nlesson: L\nquestions:\n{questions}"


TF = "  - id: {id}\n    type: true_false\n    stem: S\n    answer: true\n    source: x\n"


def test_good_bank_loads(yaml_parser: str) -> None:
    bank = load_bank(BANKS / "good-bank.yaml")
    assert bank.name == "good-bank"
    assert len(bank) == 5
    assert bank["gb-single"].options[0].text == "About 75%"
    assert validate_bank(BANKS / "good-bank.yaml") == []


@pytest.mark.parametrize(("fixture", "line", "field", "message"), BAD_BANKS)
def test_each_bad_bank_gives_one_located_error(
    yaml_parser: str, fixture: str, line: int, field: str, message: str
) -> None:
    errors = validate_bank(BANKS / fixture)
    assert len(errors) == 1, "\n".join(map(str, errors))
    (error,) = errors
    assert Path(error.file).name == fixture
    assert (error.line, error.field) == (line, field)
    assert error.message.startswith(message)
    column = "" if error.column is None else f":{error.column}"
    assert str(error) == f"{error.file}:{line}{column}: {field}: {error.message}"


@pytest.mark.parametrize(("fixture", "line", "field", "message"), BAD_BANKS)
def test_load_bank_raises_bank_errors(fixture: str, line: int, field: str, message: str) -> None:
    with pytest.raises(BankError) as caught:
        load_bank(BANKS / fixture)
    assert isinstance(caught.value, BankErrors)
    assert len(caught.value.errors) == 1
    assert caught.value.line == line
    assert f":{line}" in str(caught.value) and field in str(caught.value)


def test_file_names_are_shown_relative_to_the_working_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    (error,) = validate_bank(BANKS / "answer-not-option.yaml")
    assert str(error) == (
        "tests/data/banks/answer-not-option.yaml:17: questions[0].answer: "
        "'e' is not one of the options a, b, c, d"
    )


def test_every_error_in_a_file_is_reported_in_line_order(yaml_parser: str, tmp_path: Path) -> None:
    text = minimal(
        "many",
        "  - id: q1\n"
        "    type: single\n"
        "    stem: S\n"
        "    stem: again\n"  # 8 duplicate key
        "    options:\n"
        "      - {id: a, text: A}\n"
        "      - {id: a, text: B}\n"  # 11 duplicate option id
        "    answer: a\n"
        "    explaination: typo\n"  # 13 unknown field
        "    source: x\n"
        "  - id: q1\n"  # 15 duplicate question id
        "    type: true_false\n"
        "    stem: S\n"
        "    answer: maybe\n"  # 18 not a boolean
        "    source: x\n",
    )
    errors = validate_bank(write(tmp_path, "many", text))
    located = [(error.line, error.field) for error in errors]
    assert located == [
        (8, "questions[0].stem"),
        (11, "questions[0].options[1].id"),
        (13, "questions[0].explaination"),
        (15, "questions[1].id"),
        (18, "questions[1].answer"),
    ]
    assert errors[0].message == "duplicate key 'stem' (first given at line 7)"
    assert errors[2].message == "unknown field 'explaination'; did you mean 'explanation'?"
    assert errors[4].message == "should be true or false, not the text 'maybe'"


def test_bank_name_must_match_the_file_stem(tmp_path: Path) -> None:
    (error,) = validate_bank(
        write(tmp_path, "right-name", minimal("wrong-name", TF.format(id="q")))
    )
    assert (error.line, error.field) == (1, "bank")
    assert "'right-name'" in error.message


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "the file is empty"),
        ("- just\n- a list\n", 1, "should be a mapping of fields, not a list"),
        ("bank: [unclosed\n", 2, "invalid YAML"),
        ("a: 1\n\tb: 2\n", 2, "invalid YAML"),
        ("--- {}\n--- {}\n", 2, "invalid YAML: but found another document"),
    ],
)
def test_files_that_are_not_banks(tmp_path: Path, text: str, line: int, message: str) -> None:
    errors = validate_bank(write(tmp_path, "x", text))
    assert errors[0].line == line
    assert message in errors[0].message


def test_python_tags_are_refused_and_never_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "evil", '!!python/object/apply:builtins.print ["pwned"]\n')
    (error,) = validate_bank(path)
    assert "could not determine a constructor" in error.message
    assert "pwned" not in capsys.readouterr().out


def test_aliases_do_not_blow_up(tmp_path: Path) -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    errors = validate_bank(write(tmp_path, "laughs", laughs))
    assert errors  # not a bank, but reported promptly rather than expanded


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"bank: latin\ntitle: caf\xe9\n")
    (error,) = validate_bank(path)
    assert (error.line, error.message) == (2, "the file is not UTF-8 text")


def test_missing_file_is_a_bank_error(tmp_path: Path) -> None:
    (error,) = validate_bank(tmp_path / "absent.yaml")
    assert "cannot read the file" in error.message
    with pytest.raises(BankError):
        load_bank(tmp_path / "absent.yaml")


def test_errors_inside_nested_answers_point_at_their_key(tmp_path: Path) -> None:
    text = minimal(
        "nested",
        "  - id: n\n"
        "    type: numeric\n"
        "    stem: S\n"
        "    source: x\n"
        "    answer:\n"
        "      fact: PORTAL_VEIN_FLOW_FRACTON\n"  # 10
        "      scale: 100\n"
        "      abs_tol: -5\n",  # 12
    )
    errors = validate_bank(write(tmp_path, "nested", text))
    assert [(e.line, e.field) for e in errors] == [
        (10, "questions[0].answer.fact"),
        (12, "questions[0].answer.abs_tol"),
    ]
    assert "did you mean PORTAL_VEIN_FLOW_FRACTION" in errors[0].message


def test_find_and_list_banks_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "02-spread", minimal("02-spread", TF.format(id="q")))
    write(tmp_path, "01-blood", minimal("01-blood", TF.format(id="q")))
    (tmp_path / "notes.txt").write_text("not a bank")
    monkeypatch.setattr(loader, "bank_directories", lambda: [tmp_path])
    assert list_banks() == ["01-blood", "02-spread"]
    assert find_bank("02-spread") == tmp_path / "02-spread.yaml"
    assert len(load_bank("01-blood")) == 1
    with pytest.raises(BankError, match="no quiz bank called '02-spred'; did you mean 02-spread"):
        load_bank("02-spred")
    bank, errors = check_bank("nothing-like-it")
    assert bank is None and "available: 01-blood, 02-spread" in errors[0].message


def test_source_checkout_banks_are_found() -> None:
    directories = loader.bank_directories()
    if (REPO / "quizzes").is_dir():
        assert REPO / "quizzes" in directories


@pytest.mark.parametrize("name", list_banks())
def test_every_shipped_bank_is_valid(name: str) -> None:
    assert validate_bank(name) == [], "\n".join(map(str, validate_bank(name)))
    bank = load_bank(name)
    assert bank.name == name


# --- hostile or careless files: deep nesting, odd keys, control characters, number text ----
def one_question(extra: str) -> str:
    """A valid true/false bank whose question ends with ``extra`` (from line 10)."""
    return minimal("q", TF.format(id="q") + extra)


@pytest.mark.parametrize(
    "nested",
    [
        "[" * 2000 + "]" * 2000,  # flow lists
        "{a: " * 2000 + "x" + "}" * 2000,  # flow mappings
        "\n      " + "- " * 2000 + "x",  # compact block lists on one line
    ],
    ids=["flow-lists", "flow-mappings", "block-lists"],
)
def test_a_2000_level_nested_file_is_one_located_error(
    yaml_parser: str, tmp_path: Path, nested: str
) -> None:
    path = write(tmp_path, "q", one_question(f"    extra: {nested}\n"))
    errors = validate_bank(path)  # no RecursionError, and quickly
    assert len(errors) == 1, errors
    (error,) = errors
    assert error.line in (10, 11) and error.field.startswith("questions[0].extra")
    assert error.message.startswith(f"nested too deeply: more than {loader.MAX_NESTING} levels")
    with pytest.raises(BankErrors, match="nested too deeply"):
        load_bank(path)


def test_nesting_up_to_the_limit_is_read_normally(tmp_path: Path) -> None:
    # root mapping, questions list and question mapping are three levels already
    allowed = loader.MAX_NESTING - 3
    (error,) = validate_bank(
        write(tmp_path, "q", one_question(f"    extra: {'[' * allowed}{']' * allowed}\n"))
    )
    assert error.message.startswith("unknown field 'extra'")
    (error,) = validate_bank(
        write(tmp_path, "q", one_question(f"    extra: {'[' * (allowed + 1)}{']' * (allowed + 1)}"))
    )
    assert error.message.startswith("nested too deeply")


def test_a_recursion_error_anywhere_becomes_a_bank_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def recurse(text: str, shown: str) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(loader, "_parse_yaml", recurse)
    (error,) = validate_bank(write(tmp_path, "q", one_question("")))
    assert error.message == "nested too deeply to read" and error.file.endswith("q.yaml")


@pytest.mark.parametrize(
    ("key", "kind"),
    [("1", "a number"), ("yes", "true/false"), ("2024-01-01", "a date"), ("~", "empty (null)")],
)
def test_a_key_that_is_not_text_is_reported_at_its_line(
    yaml_parser: str, tmp_path: Path, key: str, kind: str
) -> None:
    errors = validate_bank(write(tmp_path, "q", one_question(f"    {key}: oops\n")))
    assert [(e.line, e.field) for e in errors] == [(10, "questions[0]")]
    assert errors[0].message == (
        f"the key {key} is read by YAML as {kind}, not as a field name; "
        "field names are words such as stem or answer"
    )


def test_a_non_text_key_at_the_top_is_not_blamed_on_line_one(tmp_path: Path) -> None:
    errors = validate_bank(write(tmp_path, "q", one_question("").replace("lesson: L\n", "3: L\n")))
    assert [(e.line, e.field) for e in errors if "key 3" in e.message] == [(3, "")]
    assert not any("Keys should be strings" in e.message for e in errors)


@pytest.mark.parametrize(
    ("text", "line", "field", "code"),
    [
        ('bank: q\ntitle: "Red \\e[31m"\n', 2, "title", "U+001B"),  # an escape in quotes
        ('bank: q\ntitle: "CSI \\x9b"\n', 2, "title", "U+009B"),  # a C1 control
        ("bank: q\ntitle: |\n  fine\n  bell \a here\n", 4, "title", "U+0007"),  # raw in the file
        ("bank: q\ntitle: T\u0085x\n", 2, "title", "U+0085"),  # raw C1 (NEL)
        ('bank: q\n"\\e[2J": x\n', 2, "\x1b[2J", "U+001B"),  # in a key, escaped when shown
        ("bank: q\n# a comment \x1b\n", 2, "", "U+001B"),  # outside any value
    ],
    ids=["escaped", "c1-escaped", "raw-block", "raw-nel", "key", "comment"],
)
def test_control_characters_are_refused_with_file_line_and_field(
    yaml_parser: str, tmp_path: Path, text: str, line: int, field: str, code: str
) -> None:
    errors = validate_bank(write(tmp_path, "q", text))
    found = [e for e in errors if "control character" in e.message]
    assert len(found) == 1, errors
    (error,) = found
    assert (error.line, error.field) == (line, field)
    assert error.message.startswith(f"contains the control character {code}")
    printed = str(BankErrors(errors))
    assert not loader.CONTROL_CHARACTER.search(printed.replace("\n", ""))  # safe to print


def test_tabs_and_line_breaks_are_fine(tmp_path: Path) -> None:
    text = minimal("q", TF.format(id="q").replace("stem: S", 'stem: "a\\tb\\nc"'))
    assert validate_bank(write(tmp_path, "q", text)) == []


@pytest.mark.parametrize(
    ("tolerance", "hint"),
    [
        ("rel_tol: 1e-2", "; YAML reads 1e-2 as text: write 0.01"),
        ("abs_tol: 5E+1", "; YAML reads 5E+1 as text: write 50"),
        ("abs_tol: 1.5e2", "; YAML reads 1.5e2 as text: write 150"),  # YAML 1.1 wants e+2
        ("abs_tol: '3'", "; YAML reads 3 as text: write 3"),
        ("abs_tol: five", ""),
    ],
)
def test_number_text_gets_a_hint(
    yaml_parser: str, tmp_path: Path, tolerance: str, hint: str
) -> None:
    field = tolerance.split(":")[0]
    text = minimal(
        "q",
        "  - id: n\n    type: numeric\n    stem: S\n    source: x\n"
        f"    answer: {{value: 1, {tolerance}}}\n",
    )
    (error,) = validate_bank(write(tmp_path, "q", text))
    assert (error.line, error.field) == (9, f"questions[0].answer.{field}")
    value = tolerance.split(": ")[1].strip("'")
    assert error.message == f"should be a number, not the text {value!r}{hint}"


def test_accept_range_errors_point_at_the_accept_line(tmp_path: Path) -> None:
    text = minimal(
        "q",
        "  - id: n\n    type: numeric\n    stem: S\n    source: x\n    answer:\n"
        "      fact: TOTAL_HEPATIC_BLOOD_FLOW\n"
        "      accept: range\n",  # 11
    )
    (error,) = validate_bank(write(tmp_path, "q", text))
    assert (error.line, error.field) == (11, "questions[0].answer.accept")
    assert "has none; give abs_tol or rel_tol instead" in error.message


# --- the newer question types: nested shapes are located and their fields suggested ------------
NESTED = minimal(
    "nested-types",
    "  - id: c\n"
    "    type: case\n"
    "    stem: Vignette\n"
    "    source: x\n"
    "    parts:\n"
    "      - id: m\n"  # 10
    "        type: matching\n"
    "        stem: S\n"
    "        prompts:\n"
    "          - {id: p1, text: One}\n"
    "          - {id: p2, text: Two}\n"  # 15
    "        choices:\n"
    "          - {id: a, text: A}\n"
    "          - {id: b, text: B}\n"
    "        answer: {p1: a, p2: b}\n"
    "      - id: n\n"  # 20
    "        type: numeric\n"
    "        stem: S\n"
    "        answer: {value: 1}\n",
)


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "message"),
    [
        (
            "{id: p2, text: Two}",
            "{id: p2, txt: Two}",
            15,
            "questions[0].parts[0].prompts[1].txt",
            "unknown field 'txt'; did you mean 'text'?",
        ),
        (
            "        choices:\n",
            "        choice:\n",
            16,
            "questions[0].parts[0].choice",
            "unknown field 'choice'; did you mean 'choices'?",
        ),
        (
            "{value: 1}",
            "{value: 1, abs_toll: 2}",
            23,
            "questions[0].parts[1].answer.abs_toll",
            "unknown field 'abs_toll'; did you mean 'abs_tol'?",
        ),
        (
            "{p1: a, p2: b}",
            "{p1: a, p2: z}",
            19,
            "questions[0].parts[0].answer.p2",
            "'z' is not one of the choices a, b",
        ),
        (
            "      - id: n\n",
            "      - id: m\n",
            20,
            "questions[0].parts[1].id",
            "part id 'm' is used twice in this case",
        ),
        (
            "        type: numeric\n",
            "        type: essay\n",
            21,
            "questions[0].parts[1].type",
            "'essay' is not a question type; use one of single, multiple, true_false, numeric, "
            "matching, ordering, label_diagram, short_answer",
        ),
    ],
)
def test_errors_inside_case_parts_point_at_their_line(
    yaml_parser: str, tmp_path: Path, old: str, new: str, line: int, field: str, message: str
) -> None:
    assert validate_bank(write(tmp_path, "nested-types", NESTED)) == []
    assert NESTED.count(old) == 1
    errors = validate_bank(write(tmp_path, "nested-types", NESTED.replace(old, new)))
    assert [(e.line, e.field, e.message) for e in errors] == [(line, field, message)]


SHORT_ANSWER = minimal(
    "short",
    "  - id: s1\n"  # line 5
    "    type: short_answer\n"
    "    stem: Which vessel?\n"
    "    answers:\n"
    "      - {text: portal vein, fuzzy: 0.8}\n"  # line 9
    "      - {text: hepatic artery, correct: false}\n"  # line 10
    "    source: x\n",
)


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "message"),
    [
        (
            "fuzzy: 0.8}",
            "fuzzy: 1.5}",
            9,
            "questions[0].answers[0].fuzzy",
            "should be above 0 and at most 1 (1 accepts only the text as written), not 1.5",
        ),
        (
            "fuzzy: 0.8}",
            "fuzzy: 0}",
            9,
            "questions[0].answers[0].fuzzy",
            "should be above 0 and at most 1 (1 accepts only the text as written), not 0",
        ),
        (
            "{text: hepatic artery,",
            "{txt: hepatic artery,",
            10,
            "questions[0].answers[1].txt",
            "unknown field 'txt'; did you mean 'text'?",
        ),
        (
            "correct: false}",
            "correct: no way}",
            10,
            "questions[0].answers[1].correct",
            "should be true or false, not the text 'no way'",
        ),
        (
            "{text: portal vein, fuzzy: 0.8}",
            "{text: portal vein, correct: false}",
            8,
            "questions[0].answers",
            "list at least one answer with correct: true",
        ),
        (
            "portal vein, fuzzy",
            "'{fact:PORTAL_FLOW}', fuzzy",
            9,
            "questions[0].answers[0].text",
            "{fact:PORTAL_FLOW} names no fact in livermets_edu.facts; "
            "did you mean PORTAL_VEIN_FLOW_FRACTION?",
        ),
    ],
)
def test_short_answer_errors_point_at_the_answer_and_its_field(
    yaml_parser: str, tmp_path: Path, old: str, new: str, line: int, field: str, message: str
) -> None:
    assert validate_bank(write(tmp_path, "short", SHORT_ANSWER)) == []
    assert SHORT_ANSWER.count(old) == 1
    errors = validate_bank(write(tmp_path, "short", SHORT_ANSWER.replace(old, new)))
    assert [(e.line, e.field, e.message) for e in errors] == [(line, field, message)]


def test_a_1000_question_bank_of_every_type_loads(tmp_path: Path) -> None:
    # Not a benchmark: a guard that the new validators do not make big banks fail or crawl.
    source = (BANKS / "types" / "all-types.yaml").read_text("utf-8")
    head, questions = source.split("questions:\n", 1)
    blocks = questions.split("\n\n")
    many = "".join(
        block.replace("id: at-", f"id: n{copy}-at-", 1) + "\n\n"
        for copy in range(1000 // len(blocks) + 1)
        for block in blocks
    )
    path = write(tmp_path, "all-types", head + "questions:\n" + many)
    bank = load_bank(path)
    assert len(bank) >= 1000 and {q.type for q in bank} == set(QUESTION_TYPES)
