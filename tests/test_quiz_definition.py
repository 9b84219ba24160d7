"""Quiz definitions: loading with located errors, building by filters and sampling, saving."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from livermets_edu.quiz import BankErrors, load_bank, loader
from livermets_edu.quiz.definition import (
    QuizDefinition,
    QuizItem,
    build_quiz,
    check_quiz_definition,
    load_quiz_definition,
    resolve,
    save_quiz_definition,
)

DATA = Path(__file__).parent / "data"
BANKS = DATA / "banks"
QUIZZES = DATA / "quizzes"
GOOD_BANK = load_bank(BANKS / "good-bank.yaml")
# The test bank read with plain PyYAML, so filter tests do not trust the code under test.
RAW_QUESTIONS = yaml.safe_load((BANKS / "good-bank.yaml").read_text(encoding="utf-8"))["questions"]


def write(tmp_path: Path, text: str, name: str = "quiz.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def quiz_text(**fields: str) -> str:
    lines = {
        "quiz": "q1",
        "title": "T",
        "seed": "1",
        "items": "\n  - {bank: good-bank, id: gb-single}",
    } | fields
    return "".join(f"{key}: {value}\n" for key, value in lines.items())


# --- loading ----------------------------------------------------------------------------------
def test_a_good_definition_loads_with_its_fields() -> None:
    definition = load_quiz_definition(QUIZZES / "good-quiz.yaml", bank_dirs=[BANKS])
    assert (definition.quiz, definition.mode, definition.seed) == ("gb-midterm", "exam", 20261123)
    assert definition.title == "Blood supply: midterm (test)"
    assert definition.time_limit_minutes == 30 and definition.shuffle_questions
    assert definition.partial_credit == "all-or-nothing"  # the fixture says `off`
    assert [(item.bank, item.id) for item in definition.items] == [
        ("good-bank", "gb-single"),
        ("good-bank", "gb-multiple"),
        ("good-bank", "gb-true-false"),
        ("good-bank", "gb-numeric-value"),
    ]
    assert check_quiz_definition(QUIZZES / "good-quiz.yaml", bank_dirs=[BANKS]) == []


@pytest.mark.parametrize("written", ["off", "'off'", "false", "all-or-nothing"])
def test_off_means_all_or_nothing(tmp_path: Path, written: str) -> None:
    path = write(tmp_path, quiz_text(partial_credit=written))
    assert load_quiz_definition(path, bank_dirs=[BANKS]).partial_credit == "all-or-nothing"


def test_every_error_in_a_definition_is_located() -> None:
    # The expected line and field of each error are read from the fixture's own markers.
    text = (QUIZZES / "bad-quiz.yaml").read_text(encoding="utf-8")
    expected = [
        (number, match.group(1))
        for number, line in enumerate(text.splitlines(), start=1)
        if (match := re.search(r"# expect: (\S+)", line))
    ]
    errors = check_quiz_definition(QUIZZES / "bad-quiz.yaml", bank_dirs=[BANKS])
    assert [(error.line, error.field) for error in errors] == expected, "\n".join(map(str, errors))
    messages = {error.field: error.message for error in errors}
    assert messages["mode"] == "'exm' is not allowed; use one of exam or self-check"
    assert messages["seed"] == "duplicate key 'seed' (first given at line 5)"
    assert messages["shuffle_question"] == (
        "unknown field 'shuffle_question'; did you mean 'shuffle_questions'?"
    )
    assert messages["time_limit_minutes"] == "must be more than 0, not -5"
    assert "net-correct, all-or-nothing, each-answer" in messages["partial_credit"]
    assert messages["items[1].id"] == (
        "no question 'gb-singel' in bank good-bank; did you mean gb-single?"
    )
    assert messages["items[2].bank"].startswith("no quiz bank called 'good-bnak'; did you mean")
    assert "good-bank" in messages["items[2].bank"]
    assert messages["items[3].id"] == "good-bank/gb-single is listed twice (first at line 11)"
    assert messages["items[4].id"] == "required field is missing"
    assert messages["items[5].points"].startswith("unknown field 'points'")


def test_load_raises_one_bank_errors_with_a_line_for_each(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(QUIZZES)
    with pytest.raises(BankErrors) as caught:
        load_quiz_definition("bad-quiz.yaml", bank_dirs=[BANKS])
    lines = str(caught.value).splitlines()
    assert len(lines) == len(caught.value.errors) == 10
    assert lines[0] == "bad-quiz.yaml:4: mode: 'exm' is not allowed; use one of exam or self-check"
    assert all(re.match(r"bad-quiz\.yaml:\d+: \S+: ", line) for line in lines)


def test_a_time_limit_needs_exam_mode(tmp_path: Path) -> None:
    path = write(tmp_path, quiz_text(mode="self-check", time_limit_minutes="10"))
    (error,) = check_quiz_definition(path, bank_dirs=[BANKS])
    assert (error.line, error.field) == (7, "time_limit_minutes")  # quiz, title, seed, items…
    assert error.message == "a time limit applies only to mode: exam"


@pytest.mark.parametrize("written", ["10081", "1.0e+308", "100000000"])
def test_a_time_limit_longer_than_a_week_is_refused_at_its_line(
    tmp_path: Path, written: str
) -> None:
    # 1e308 minutes was accepted, and the exam's countdown then overflowed the clock.
    path = write(tmp_path, quiz_text(mode="exam", time_limit_minutes=written))
    (error,) = check_quiz_definition(path, bank_dirs=[BANKS])
    assert (error.line, error.field) == (7, "time_limit_minutes")
    # One week is 7 × 24 × 60 = 10080 minutes, written out here rather than read from the code.
    assert error.message.startswith("must be at most 10080 minutes (one week)")


def test_a_time_limit_of_exactly_a_week_is_allowed(tmp_path: Path) -> None:
    path = write(tmp_path, quiz_text(mode="exam", time_limit_minutes="10080"))
    assert load_quiz_definition(path, bank_dirs=[BANKS]).time_limit_minutes == 10080


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("", 1, "", "the file is empty; a quiz definition needs quiz, title, seed and items"),
        ("- just\n- a list\n", 1, "", "should be a mapping of fields, not a list"),
        (quiz_text(items="[]"), 4, "items", "needs at least one item"),
        (quiz_text(seed="'7'"), 3, "seed", "should be a number, not the text '7'"),
        (quiz_text(seed="true"), 3, "seed", "should be a number, not true (true/false)"),
        (quiz_text(title='"a\\x1bb"'), 2, "title", "contains the control character U+001B"),
        (quiz_text(title="a\x07b"), 2, "title", "contains the control character U+0007"),
        ("quiz: q1\ntitle: [unclosed\n", 3, "title[0]", "invalid YAML"),
    ],
)
def test_malformed_definitions(
    tmp_path: Path, text: str, line: int, field: str, message: str
) -> None:
    path = write(tmp_path, text)
    errors = check_quiz_definition(path, bank_dirs=[BANKS])
    found = [(e.line, e.field) for e in errors if e.message.startswith(message)]
    assert found == [(line, field)], "\n".join(map(str, errors))


def test_a_bank_with_errors_is_reported_at_the_item(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("bank: broken\ntitle: T\n", encoding="utf-8")
    path = write(tmp_path, quiz_text(items="\n  - {bank: broken, id: x}"))
    (error,) = check_quiz_definition(path, bank_dirs=[tmp_path])
    assert (error.line, error.field) == (5, "items[0].bank")
    assert error.message.startswith("bank 'broken' has 2 problems; the first: ")


def test_definitions_can_use_the_shipped_banks(tmp_path: Path) -> None:
    name = loader.list_banks()[0]
    first = load_bank(name).ids[0]
    path = write(tmp_path, quiz_text(items=f"\n  - {{bank: {name}, id: {first}}}"))
    assert [q.id for q in resolve(load_quiz_definition(path))] == [first]


# --- resolving --------------------------------------------------------------------------------
def test_resolve_loads_each_bank_once(monkeypatch: pytest.MonkeyPatch) -> None:
    definition = load_quiz_definition(QUIZZES / "good-quiz.yaml", bank_dirs=[BANKS])
    calls: list[Path] = []
    real = loader.check_bank

    def counting(path):  # type: ignore[no-untyped-def]
        calls.append(Path(path))
        return real(path)

    monkeypatch.setattr(loader, "check_bank", counting)
    questions = resolve(definition, bank_dirs=[BANKS])
    assert [q.id for q in questions] == [item.id for item in definition.items]
    assert questions[0] == GOOD_BANK["gb-single"]
    assert calls == [BANKS / "good-bank.yaml"]


def test_resolve_refuses_a_missing_question() -> None:
    definition = QuizDefinition(
        quiz="q", title="T", seed=1, items=[QuizItem(bank="good-bank", id="gb-nope")]
    )
    with pytest.raises(ValueError, match=r"items\[0\]\.id: no question 'gb-nope' in bank good-b"):
        resolve(definition, bank_dirs=[BANKS])


def test_definitions_built_in_code_are_checked_too() -> None:
    item = {"bank": "good-bank", "id": "gb-single"}
    with pytest.raises(ValueError, match="listed twice"):
        QuizDefinition.model_validate({"quiz": "q", "title": "T", "seed": 1, "items": [item] * 2})
    with pytest.raises(ValueError, match="only to mode: exam"):
        QuizDefinition.model_validate(
            {"quiz": "q", "title": "T", "seed": 1, "items": [item], "time_limit_minutes": 5}
        )


# --- building ---------------------------------------------------------------------------------
def ids_where(keep) -> list[str]:  # type: ignore[no-untyped-def]
    return [question["id"] for question in RAW_QUESTIONS if keep(question)]


@pytest.mark.parametrize(
    ("filters", "keep"),
    [
        ({"tags": "anatomy"}, lambda q: "anatomy" in q.get("tags", [])),
        (
            {"tags": ["physiology", "anatomy"]},
            lambda q: {"anatomy", "physiology"} & set(q.get("tags", [])),
        ),
        ({"difficulty": "medium"}, lambda q: q.get("difficulty") == "medium"),
        ({"types": ["numeric", "single"]}, lambda q: q["type"] in ("numeric", "single")),
        (
            {"difficulty": ["easy", "medium"], "types": "numeric"},
            lambda q: q.get("difficulty") in ("easy", "medium") and q["type"] == "numeric",
        ),
        ({"lessons": "1"}, lambda q: True),  # the test bank's lesson is 01-liver-and-blood-supply
        (
            {"lessons": "01-liver-and-blood-supply", "tags": "anatomy"},
            lambda q: "anatomy" in q.get("tags", []),
        ),
    ],
)
def test_build_filters_combine_with_and(filters: dict, keep) -> None:  # type: ignore[no-untyped-def]
    definition = build_quiz(GOOD_BANK, quiz_id="q", seed=1, **filters)
    assert [item.id for item in definition.items] == ids_where(keep)
    assert {item.bank for item in definition.items} == {"good-bank"}


def test_build_defaults_follow_the_mode() -> None:
    exam = build_quiz(GOOD_BANK, quiz_id="q", seed=3, mode="exam", time_limit_minutes=20)
    assert exam.shuffle_questions and exam.shuffle_options and exam.time_limit_minutes == 20
    practice = build_quiz(GOOD_BANK, quiz_id="q", seed=3)
    assert not practice.shuffle_questions and not practice.shuffle_options
    assert practice.title == "q" and practice.mode == "self-check"
    assert isinstance(build_quiz(GOOD_BANK, quiz_id="q").seed, int)  # chosen and recorded


def test_build_samples_n_without_replacement_in_bank_order() -> None:
    bank_order = [question["id"] for question in RAW_QUESTIONS]
    samples = set()
    for seed in range(30):
        ids = [item.id for item in build_quiz(GOOD_BANK, quiz_id="q", seed=seed, n=3).items]
        assert len(set(ids)) == 3 and set(ids) <= set(bank_order)
        assert ids == sorted(ids, key=bank_order.index)
        again = [item.id for item in build_quiz(GOOD_BANK, quiz_id="q", seed=seed, n=3).items]
        assert again == ids
        samples.add(tuple(ids))
    assert len(samples) >= 5  # C(5, 3) = 10 possible samples; 30 seeds should hit several


def test_build_says_how_many_matched_when_too_few() -> None:
    with pytest.raises(ValueError, match=r"only 2 questions match .*cannot draw 3"):
        build_quiz(GOOD_BANK, quiz_id="q", seed=1, tags="anatomy", n=3)
    with pytest.raises(ValueError, match="no question matches"):
        build_quiz(GOOD_BANK, quiz_id="q", seed=1, tags="surgery")
    with pytest.raises(ValueError, match="'essay' is not a question type"):
        build_quiz(GOOD_BANK, quiz_id="q", seed=1, types="essay")
    with pytest.raises(ValueError, match="'tough' is not a difficulty"):
        build_quiz(GOOD_BANK, quiz_id="q", seed=1, difficulty="tough")
    with pytest.raises(ValueError, match="at least 1"):
        build_quiz(GOOD_BANK, quiz_id="q", seed=1, n=0)


def test_build_from_every_shipped_bank_by_default() -> None:
    shipped = {name: load_bank(name) for name in loader.list_banks()}
    definition = build_quiz(quiz_id="all", seed=5, difficulty="hard")
    expected = [
        (name, question.id)
        for name, bank in shipped.items()
        for question in bank
        if question.difficulty == "hard"
    ]
    assert [(item.bank, item.id) for item in definition.items] == expected


# --- saving -----------------------------------------------------------------------------------
def test_save_then_load_gives_the_same_quiz(tmp_path: Path) -> None:
    built = build_quiz(
        GOOD_BANK,
        quiz_id="gb-exam",
        title="Exam: 'blood' # supply",
        tags=["anatomy", "physiology"],
        n=2,
        seed=11,
        mode="exam",
        time_limit_minutes=12.5,
    )
    path = save_quiz_definition(built, tmp_path / "gb-exam.yaml")
    loaded = load_quiz_definition(path, bank_dirs=[BANKS])
    assert loaded.model_dump() == built.model_dump()
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert "tags=['anatomy', 'physiology']" in header[1] and "n=2" in header[1]
    assert "seed 11" in header[1]
    keys = [line.split(":")[0] for line in text.splitlines() if re.match(r"^[a-z_]+:", line)]
    assert keys == [
        "quiz",
        "title",
        "mode",
        "time_limit_minutes",
        "seed",
        "shuffle_questions",
        "shuffle_options",
        "partial_credit",
        "items",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gb-exam.yaml"]  # no temp file left
    save_quiz_definition(built, tmp_path / "again.yaml")
    assert (tmp_path / "again.yaml").read_bytes() == path.read_bytes()  # diffs show real changes


def test_save_replaces_a_file_and_keeps_a_hostile_note_in_the_comment(tmp_path: Path) -> None:
    target = write(tmp_path, "old: content\n", "quiz.yaml")
    definition = load_quiz_definition(QUIZZES / "good-quiz.yaml", bank_dirs=[BANKS])
    save_quiz_definition(definition, target, note="tags=x\nitems: []\n\x1b[31m")
    loaded = load_quiz_definition(target, bank_dirs=[BANKS])
    assert loaded == definition
    assert "\x1b" not in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quiz.yaml"]
