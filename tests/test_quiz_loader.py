"""Loading banks: finding them by name, and locating every problem by file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from livermets_edu.quiz import BankError, list_banks, load_bank, loader, validate_bank
from livermets_edu.quiz.loader import BankErrors, check_bank, find_bank

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
