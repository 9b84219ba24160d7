"""The instructor's toolkit: build, export, import jupyterquiz, collect and analyse results.

    from livermets_edu.quiz import toolkit
    toolkit.build("midterm.yaml", quiz_id="y90-midterm", banks=["08-liver-directed"], n=10,
                  mode="exam", time_limit_minutes=30)
    toolkit.export("midterm.yaml", "moodle", "out/")           # out/y90-midterm.xml
    summary = toolkit.collect_results(["results.jsonl"], csv_path="scores.csv")
    analysis = toolkit.analyse_results(["results.jsonl"], quiz="midterm.yaml", out_dir="stats/")

Plain functions, each returning what it made; the ``livermets-edu quiz`` commands and the
instructor notebook both call them. A user's mistake raises an error whose message names the
file or the option (``ToolkitError``, ``BankError``, ``ExportError`` or ``OSError``); nothing
read from a results file is dropped without a reason in ``problems``.

Nothing is written over the files being read, nor over a results file (students' attempts: a
typo such as ``--csv results.jsonl`` must not cost an attempt), whatever ``overwrite`` says
(``output_guard.check_output``). ``build`` and ``export`` replace an existing file only with
``overwrite=True`` (``--force``), as ``import_jupyterquiz`` does.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from livermets_edu.names import did_you_mean

from . import atomic, exam, loader, results
from .analysis import QuizAnalysis, analyse
from .definition import (
    MAX_TIME_LIMIT_MINUTES,
    MODES,
    PARTIAL_CREDIT_CHOICES,
    QuizDefinition,
    bank_files,
    build_quiz,
    load_quiz_definition,
    resolve,
    save_quiz_definition,
)
from .export import FORMATS, ExportError, ExportQuiz, export_quiz
from .loader import BankErrors
from .output_guard import ToolkitError, check_output, same_output, writing
from .render import markdown_to_plain_text
from .schema import Bank, Question
from .variants import concrete

__all__ = [
    "EXPORT_STUDENT_ID",
    "ExportAll",
    "ResultsSummary",
    "ToolkitError",
    "analyse_results",
    "banks_not_shipped",
    "build",
    "collect_results",
    "export",
    "export_all",
    "export_file_name",
    "import_jupyterquiz",
    "load_quiz_source",
    "quiz_for_export",
    "quiz_questions",
    "write_analysis",
]

# LMS exports carry one variant of each parametrized question for everyone (an LMS shows the
# same file to every student), so the variant is the paper of this fixed, made-up student.
EXPORT_STUDENT_ID = "lms-export"
_TOP_LEVEL_KIND = re.compile(r"^(quiz|bank)[ \t]*:", re.MULTILINE)
_NOT_FILE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")
# The answer key sits beside the students' page (both .html); other formats that share a
# suffix (the QTI 2.1 and Canvas packages are both .zip) are told apart by the format's name.
_NAME_TAGS = {"printable-key": "-key"}


# --- what a source is --------------------------------------------------------------------------
def _is_definition_file(source: str | os.PathLike[str]) -> bool:
    """True if the file's first top-level key is ``quiz:`` (a definition), not ``bank:``."""
    path = Path(source)
    if not path.is_file():
        return False  # a bank name, or a path the bank loader reports as unreadable
    try:
        with path.open(encoding="utf-8", errors="replace") as stream:
            head = stream.read(loader.MAX_BANK_BYTES)
    except OSError:
        return False  # the bank loader says why, naming the file
    # Only the first level is looked at (column 0), so no YAML is parsed twice.
    match = _TOP_LEVEL_KIND.search(head)
    return match is not None and match.group(1) == "quiz"


def load_quiz_source(
    source: str | os.PathLike[str], *, bank_dirs: Sequence[str | os.PathLike[str]] = ()
) -> QuizDefinition | Bank:
    """The quiz definition or bank that ``source`` names (a bank name, a bank or definition file).

    A definition's banks are looked for in ``bank_dirs``, then beside the definition, then among
    the shipped banks. Problems raise BankErrors naming the file and line.
    """
    if _is_definition_file(source):
        return load_quiz_definition(source, bank_dirs=_banks_for(source, bank_dirs))
    return loader.load_bank(source)


def _banks_for(
    source: str | os.PathLike[str], bank_dirs: Sequence[str | os.PathLike[str]]
) -> list[str | os.PathLike[str]]:
    """Where a definition's banks are looked for: the given folders, then its own folder."""
    return [*bank_dirs, Path(source).resolve().parent]


# --- where output may go ------------------------------------------------------------------------
def _bank_inputs(banks: Iterable[Any] | None) -> list[Path]:
    """The bank files a build reads (a bank that cannot be found is reported by the build)."""
    names = loader.list_banks() if banks is None else banks
    found = []
    for bank in names:
        if isinstance(bank, Bank):
            continue
        with contextlib.suppress(loader.BankError, OSError):
            found.append(loader.find_bank(bank))
    return found


# --- build -------------------------------------------------------------------------------------
def _validation_text(error: ValidationError) -> str:
    reasons = []
    for detail in error.errors(include_url=False):
        where = ".".join(str(part) for part in detail["loc"]) or "quiz"
        if where == "quiz" and detail["type"] in ("string_pattern_mismatch", "string_too_long"):
            reasons.append(
                f"the quiz id {detail['input']!r} may hold only letters, digits, '_', '.' and "
                "'-', must start with a letter or digit, and be at most 64 characters"
            )
        else:
            reasons.append(f"{where}: {detail['msg']}")
    return "; ".join(reasons)


def build(
    output: str | os.PathLike[str],
    *,
    quiz_id: str,
    title: str | None = None,
    banks: Iterable[str | os.PathLike[str]] | None = None,
    lessons: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
    difficulty: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    n: int | None = None,
    seed: int | None = None,
    mode: str = "self-check",
    time_limit_minutes: float | None = None,
    partial_credit: str = "net-correct",
    overwrite: bool = False,
) -> QuizDefinition:
    """Choose questions from the banks by filters (or n at random), and save the quiz as YAML.

    An existing ``output`` is replaced only with ``overwrite`` (never a bank or results file).
    """
    if mode not in MODES:
        raise ToolkitError(f"mode {mode!r} is not a mode; use one of {', '.join(MODES)}")
    allowed_credit = (*PARTIAL_CREDIT_CHOICES, "off")
    if partial_credit not in allowed_credit:
        raise ToolkitError(
            f"partial credit {partial_credit!r} is not a choice; use one of "
            f"{', '.join(allowed_credit)}{did_you_mean(partial_credit, allowed_credit)}"
        )
    if time_limit_minutes is not None:
        if mode != "exam":
            raise ToolkitError("a time limit applies only to exam mode (mode 'exam')")
        if not math.isfinite(time_limit_minutes) or time_limit_minutes <= 0:
            raise ToolkitError(
                f"the time limit must be a positive number of minutes, not {time_limit_minutes:g}"
            )
        if time_limit_minutes > MAX_TIME_LIMIT_MINUTES:
            raise ToolkitError(
                f"the time limit must be at most {MAX_TIME_LIMIT_MINUTES} minutes (one week), "
                f"not {time_limit_minutes:g}; leave it out for a quiz with no time limit"
            )
    bank_list = None if banks is None else list(banks)
    check_output(output, _bank_inputs(bank_list), overwrite=overwrite)
    try:
        definition = build_quiz(
            bank_list,
            quiz_id=quiz_id,
            title=title,
            lessons=None if lessons is None else list(lessons),
            tags=None if tags is None else list(tags),
            difficulty=None if difficulty is None else list(difficulty),
            types=None if types is None else list(types),
            n=n,
            seed=seed,
            mode=mode,  # type: ignore[arg-type]
            time_limit_minutes=time_limit_minutes,
            partial_credit=partial_credit,
        )
    except ValidationError as error:  # the id or title the user typed
        raise ToolkitError(f"cannot build the quiz: {_validation_text(error)}") from None
    with writing(output):
        save_quiz_definition(definition, output)
    return definition


def banks_not_shipped(definition: QuizDefinition) -> list[str]:
    """The banks a definition names that do not ship with livermets-edu (they need bank_dirs)."""
    shipped = set(loader.list_banks())
    return sorted({item.bank for item in definition.items} - shipped)


# --- export ------------------------------------------------------------------------------------
def _in_order(values: Sequence[Any], ids: Sequence[str]) -> list[Any]:
    by_id = {value.id: value for value in values}
    return [by_id[identifier] for identifier in ids]


def _with_option_order(question: Question, orders: exam.OptionOrder) -> Question:
    """The question with its option lists in one student's order (answers are ids: unchanged)."""
    kind = getattr(question, "type", "")
    update: dict[str, Any] = {}
    for name, ids in orders.items():
        # An ordering question's items are written in the correct order (that order IS the
        # answer) and matching choices tend to follow the prompts, so these stay in bank order
        # here and each exporter scrambles what it shows (exam.scrambled, never bank order).
        if "." in name or (kind, name) in exam.ALWAYS_SHUFFLED:
            continue
        update[name] = _in_order(getattr(question, name), ids)
    parts = getattr(question, "parts", None)
    if parts:
        update["parts"] = [
            _with_option_order(
                part,
                {
                    name.split(".", 1)[1]: ids
                    for name, ids in orders.items()
                    if name.startswith(f"{part.id}.")
                },
            )
            for part in parts
        ]
    return question.model_copy(update=update) if update else question


def _student_slug(student_id: str) -> str:
    return _NOT_FILE_NAME.sub("_", exam.normalise_student_id(student_id)).strip("._") or "student"


def quiz_for_export(
    source: str | os.PathLike[str],
    *,
    student_id: str | None = None,
    bank_dirs: Sequence[str | os.PathLike[str]] = (),
) -> ExportQuiz:
    """The concrete questions to export from a bank or a quiz definition.

    A bank: every question, parametrized ones as the self-check widget and the static page
    show them (``exam.anonymous_item_seed``). A definition: its questions
    with the quiz seed's variant for an LMS (the same for everyone), or, given ``student_id``,
    that student's paper: their variants, question order and option order.
    """
    return _export_source(source, student_id, bank_dirs)[0]


def _export_source(
    source: str | os.PathLike[str],
    student_id: str | None,
    bank_dirs: Sequence[str | os.PathLike[str]],
) -> tuple[ExportQuiz, list[Path]]:
    """The quiz to export and the files it is read from (an export is never written over one)."""
    quiz = load_quiz_source(source, bank_dirs=bank_dirs)
    if isinstance(quiz, Bank):
        if student_id is not None:
            raise ToolkitError(
                f"{source}: a student's paper needs a quiz definition (quiz build), not a bank"
            )
        made = (concrete(q, exam.anonymous_item_seed(q.id)) for q in quiz)
        return ExportQuiz.of(quiz.name, quiz.title, made), [loader.find_bank(source)]
    folders = _banks_for(source, bank_dirs)
    questions = resolve(quiz, bank_dirs=folders)
    read = [Path(source), *bank_files(quiz, bank_dirs=folders)]
    if student_id is None:
        made = (concrete(q, exam.item_seed(quiz.seed, EXPORT_STUDENT_ID, q.id)) for q in questions)
        return ExportQuiz.of(quiz.quiz, quiz.title, made, quiz.partial_credit), read
    paper = exam.make_paper(
        questions,
        quiz_id=quiz.quiz,
        quiz_seed=quiz.seed,
        student_id=student_id,
        shuffle_questions=quiz.shuffle_questions,
        shuffle_options=quiz.shuffle_options,
    )
    ordered = (_with_option_order(q, paper.option_orders.get(q.id, {})) for q in paper.questions)
    title = f"{quiz.title}: {paper.student_id}"
    return ExportQuiz.of(quiz.quiz, title, ordered, quiz.partial_credit), read


def _format(format_name: str) -> Any:
    if format_name not in FORMATS:
        raise ExportError(
            f"unknown export format {format_name!r}; choose one of {', '.join(FORMATS)}"
            f"{did_you_mean(format_name, FORMATS)}"
        )
    return FORMATS[format_name]


def _name_tag(format_name: str) -> str:
    """What a file name adds so formats sharing a suffix (.zip, .html) never collide."""
    if format_name in _NAME_TAGS:
        return _NAME_TAGS[format_name]
    suffix = FORMATS[format_name].suffix
    sharing = [name for name, f in FORMATS.items() if f.suffix == suffix and name not in _NAME_TAGS]
    return "" if sharing == [format_name] else f"-{format_name}"


def export_file_name(quiz_id: str, format_name: str, student_id: str | None = None) -> str:
    """The file name an export gets in a folder: 'y90.xml', 'y90-key.html', 'y90-canvas.zip'."""
    suffix = _format(format_name).suffix
    stem = quiz_id if student_id is None else f"{quiz_id}-{_student_slug(student_id)}"
    return f"{stem}{_name_tag(format_name)}{suffix}"


def _is_folder(output: str | os.PathLike[str]) -> bool:
    text = os.fspath(output)
    return Path(text).is_dir() or text.endswith(("/", os.sep))


def export(
    source: str | os.PathLike[str],
    format_name: str,
    output: str | os.PathLike[str] = ".",
    *,
    student_id: str | None = None,
    bank_dirs: Sequence[str | os.PathLike[str]] = (),
    overwrite: bool = False,
) -> Path:
    """Export a bank or quiz definition in one format; a folder output gets '{quiz_id}{suffix}'.

    An existing file is replaced only with ``overwrite`` (never an input or a results file).
    """
    _format(format_name)  # an unknown format is reported before any bank is read
    quiz, read = _export_source(source, student_id, bank_dirs)
    target = Path(output)
    if _is_folder(output):
        target = target / export_file_name(quiz.quiz_id, format_name, student_id)
    check_output(target, read, overwrite=overwrite)
    with writing(target):
        return export_quiz(quiz, format_name, target)


@dataclass(frozen=True)
class ExportAll:
    """What ``export_all`` wrote, by format, and the formats it could not write, with why."""

    written: dict[str, Path]
    failed: dict[str, str] = field(default_factory=dict)


def export_all(
    source: str | os.PathLike[str],
    folder: str | os.PathLike[str],
    *,
    student_id: str | None = None,
    bank_dirs: Sequence[str | os.PathLike[str]] = (),
    overwrite: bool = False,
) -> ExportAll:
    """Export in every format into a folder; a format that cannot hold a question is skipped.

    Every file is checked before any is written: without ``overwrite``, one that exists
    already stops the export (an input or a results file always does).
    """
    quiz, read = _export_source(source, student_id, bank_dirs)
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target}: every format goes into a folder, and this is a file")
    paths = {name: target / export_file_name(quiz.quiz_id, name, student_id) for name in FORMATS}
    for path in paths.values():
        check_output(path, read, overwrite=overwrite)
    written: dict[str, Path] = {}
    failed: dict[str, str] = {}
    for name, path in paths.items():
        try:
            with writing(path):
                written[name] = export_quiz(quiz, name, path)
        except ExportError as error:  # e.g. a format with no way to hold a label question
            failed[name] = str(error)
    return ExportAll(written, failed)


# --- import ------------------------------------------------------------------------------------
def import_jupyterquiz(
    path: str | os.PathLike[str],
    *,
    bank_id: str,
    title: str,
    lesson: str,
    source: str,
    output: str | os.PathLike[str] = ".",
    overwrite: bool = False,
) -> Path:
    """Turn a jupyterquiz JSON file into a bank YAML file, then check it with the bank loader.

    Raises JupyterquizImportError (every problem in the JSON) before writing anything, or
    BankErrors naming lines of the written file if the loader refuses it (the file is kept so
    those lines can be read and fixed).
    """
    from . import jupyterquiz_import

    bank = jupyterquiz_import.import_jupyterquiz(
        path, bank_id=bank_id, title=title, lesson=lesson, source=source
    )
    target = Path(output)
    if _is_folder(output):
        target = target / f"{bank_id}.yaml"
    check_output(target, [path])
    if target.exists() and not overwrite:
        raise ToolkitError(
            f"{target} already exists; banks are reviewed files, so it is not overwritten "
            "(choose another output, or overwrite=True / --force)"
        )
    with writing(target):
        written = jupyterquiz_import.write_bank_yaml(bank, target)
    _, errors = loader.check_bank(written)
    if errors:
        raise BankErrors(errors)
    return written


# --- results -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ResultsSummary:
    """Attempts read from results files, every skipped line, the scores table, files written."""

    records: list[results.AttemptRecord]
    problems: list[results.ResultsProblem]
    rows: list[dict[str, Any]]
    csv_path: Path | None = None
    merged_path: Path | None = None


def _results_paths(paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str]) -> list[Path]:
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    found = [Path(path) for path in paths]
    if not found:
        raise ToolkitError("give at least one results file (.jsonl)")
    return found


def collect_results(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    csv_path: str | os.PathLike[str] | None = None,
    merged_path: str | os.PathLike[str] | None = None,
) -> ResultsSummary:
    """Read results files: each student's scores, every unreadable line, and optional CSV/merge."""
    files = _results_paths(paths)
    if merged_path is not None and csv_path is not None and same_output(merged_path, csv_path):
        raise ToolkitError(
            f"the merged file and the CSV are both {csv_path}; one would replace the other: "
            "give them different names"
        )
    for output in (merged_path, csv_path):
        if output is not None:  # before anything is written, so a refusal leaves no file
            check_output(output, files)
    read = results.read_results(*files)
    merged = None
    if merged_path is not None:  # first: it refuses to overwrite, and then nothing is written
        merged = Path(merged_path)
        with writing(merged):
            results.merge_results(files, merged)
    written_csv = None
    if csv_path is not None:
        with writing(csv_path):
            written_csv = results.write_scores_csv(read.records, csv_path)
    return ResultsSummary(
        records=read.records,
        problems=read.problems,
        rows=results.scores_table(read.records),
        csv_path=written_csv,
        merged_path=merged,
    )


# --- analysis ----------------------------------------------------------------------------------
def _quiz_questions(
    quiz: str | os.PathLike[str], bank_dirs: Sequence[str | os.PathLike[str]]
) -> tuple[str, list[Question]]:
    loaded = load_quiz_source(quiz, bank_dirs=bank_dirs)
    if isinstance(loaded, Bank):
        return loaded.name, list(loaded)
    return loaded.quiz, resolve(loaded, bank_dirs=_banks_for(quiz, bank_dirs))


def quiz_questions(
    quiz: str | os.PathLike[str], *, bank_dirs: Sequence[str | os.PathLike[str]] = ()
) -> list[Question]:
    """The questions of a bank or quiz definition, in order (templates: variants not made)."""
    return _quiz_questions(quiz, bank_dirs)[1]


def _choose_quiz_id(
    records: list[results.AttemptRecord], wanted: str | None, named_by_quiz: str | None
) -> str | None:
    present = sorted({record.quiz_id for record in records})
    if wanted is not None:
        if wanted not in present:
            raise ToolkitError(
                f"no attempts at quiz {wanted!r}; the results hold {', '.join(present)}"
                f"{did_you_mean(wanted, present)}"
            )
        return wanted
    if named_by_quiz in present:
        return named_by_quiz
    if len(present) > 1:
        raise ToolkitError(
            f"the results hold several quizzes ({', '.join(present)}); choose one "
            "(quiz_id=..., or --quiz-id on the command line)"
        )
    return None


def analyse_results(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    quiz: str | os.PathLike[str] | None = None,
    quiz_id: str | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    bank_dirs: Sequence[str | os.PathLike[str]] = (),
) -> QuizAnalysis:
    """Moodle's item analysis of the results; ``problems`` lists every skipped line first.

    ``quiz`` (a definition file or bank) orders the items and says which options are right;
    ``out_dir`` receives the item and response CSV files and the two PNG plots.
    """
    read = results.read_results(*_results_paths(paths))
    if not read.records:
        raise ToolkitError(
            f"no readable attempts in {', '.join(str(p) for p in _results_paths(paths))}"
            f" ({len(read.problems)} lines skipped)"
        )
    questions: list[Question] | None = None
    named = None
    if quiz is not None:
        named, questions = _quiz_questions(quiz, bank_dirs)
    chosen = _choose_quiz_id(read.records, quiz_id, named)
    analysis = analyse(read.records, chosen, questions=questions)
    skipped = tuple(str(problem) for problem in read.problems)
    analysis = replace(analysis, problems=(*skipped, *analysis.problems))
    if out_dir is not None:
        inputs = [*_results_paths(paths), *([] if quiz is None else [quiz])]
        write_analysis(analysis, out_dir, questions=questions, inputs=inputs)
    return analysis


def _cell(value: Any) -> str:
    # None is an empty cell, not the word; text goes through the results module's guard
    # against spreadsheet formulas, since responses and option texts are untrusted.
    return "" if value is None else results._safe_cell(value)


def _write_csv(rows: list[dict[str, Any]], columns: Sequence[str], path: Path) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _cell(row.get(name)) for name in columns})
    with writing(path):
        atomic.write_text(path, buffer.getvalue())
    return path


def _option_texts(questions: Iterable[Question]) -> dict[tuple[str, str], str]:
    texts = {}
    for question in questions:
        for option in getattr(question, "options", None) or ():
            texts[(question.id, option.id)] = markdown_to_plain_text(option.text)
    return texts


def write_analysis(
    analysis: QuizAnalysis,
    out_dir: str | os.PathLike[str],
    *,
    questions: Iterable[Question] | None = None,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> list[Path]:
    """Write '{quiz}-items.csv', '{quiz}-responses.csv' and the two PNG plots; return the paths.

    None of them may be one of ``inputs`` (the results files read) or any results file; every
    path is checked before the first is written.
    """
    from .analysis_plots import plot_file_names, save_analysis_plots  # matplotlib only here

    folder = Path(out_dir)
    names = [f"{analysis.quiz_id}-items.csv", f"{analysis.quiz_id}-responses.csv"]
    read = list(inputs)
    for name in (*names, *plot_file_names(analysis.quiz_id)):
        check_output(folder / name, read)
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
    item_rows = analysis.to_rows()
    item_columns = list(item_rows[0]) if item_rows else ["question_id"]
    texts = _option_texts(questions or ())
    response_rows = [
        {**row, "text": texts.get((row["question_id"], row["value"]))}
        for row in analysis.response_rows()
    ]
    response_columns = ["question_id", "value", "text", "count", "share", "mean_score", "correct"]
    written = [
        _write_csv(item_rows, item_columns, folder / names[0]),
        _write_csv(response_rows, response_columns, folder / names[1]),
    ]
    with writing(folder):
        return written + save_analysis_plots(analysis, folder)
