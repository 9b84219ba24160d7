"""The ``livermets-edu`` command: check, build and export quizzes, read results, open the lessons.

    livermets-edu quiz validate quizzes/          # every problem as file:line: field: message
    livermets-edu quiz list
    livermets-edu quiz html 01-blood-supply -o quiz.html
    livermets-edu quiz build --id y90-quiz --lesson 8 -n 10 --mode exam -o y90-quiz.yaml
    livermets-edu quiz export y90-quiz.yaml --format moodle -o out/
    livermets-edu quiz import quiz.json --bank-id 02-spread --title T --lesson L --source S
    livermets-edu quiz results results.jsonl --csv scores.csv
    livermets-edu quiz analyse results.jsonl --quiz y90-quiz.yaml --out stats/
    livermets-edu lab [--no-browser] [JupyterLab options]

This module is the parser and the lab launcher; the quiz actions are in
``livermets_edu.quiz.cli_commands``. Problems are reported one line each, never as a
traceback, so authors and instructors can fix them without reading Python.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from livermets_edu import __version__

__all__ = ["main"]

START_NOTEBOOK = "00-start-here.ipynb"


def _quiz_action(name: str) -> Callable[[argparse.Namespace], int]:
    """The handler ``name`` of livermets_edu.quiz.cli_commands, imported only when it runs."""

    def run(args: argparse.Namespace) -> int:
        from livermets_edu.quiz import cli_commands

        return int(getattr(cli_commands, name)(args))

    return run


def notebook_dir() -> Path:
    """Where the lessons live: the checkout's notebooks/ folder, else the current folder."""
    lessons = Path(__file__).resolve().parents[1] / "notebooks"
    return lessons if lessons.is_dir() else Path.cwd()


def _launch(command: list[str]) -> int:
    """Run JupyterLab in place of this process (POSIX) or as a child (Windows)."""
    if os.name == "posix":
        os.execvp(command[0], command)  # Ctrl-C then reaches JupyterLab's own shutdown prompt
    return subprocess.call(command)


def _lab(args: argparse.Namespace, extra: list[str]) -> int:
    if importlib.util.find_spec("jupyterlab") is None:
        print("JupyterLab is not installed: pip install jupyterlab", file=sys.stderr)
        return 1
    folder = notebook_dir()
    command = [sys.executable, "-m", "jupyterlab", f"--notebook-dir={folder}"]
    if args.no_browser:
        command.append("--no-browser")
    command.extend(extra)
    start = folder / START_NOTEBOOK
    if start.is_file():
        command.append(str(start))
    print(f"Starting JupyterLab in {folder}", file=sys.stderr)
    return _launch(command)


@dataclass(frozen=True)
class QuizWords:
    """The names the quiz actions accept, for their help; empty when opening the lessons."""

    formats: Sequence[str] = ()
    types: Sequence[str] = ()
    difficulties: Sequence[str] = ()


def _quiz_words(argv: Sequence[str] | None) -> QuizWords:
    """The export formats, question types and difficulties, read from the quiz package."""
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["lab"]:
        return QuizWords()  # JupyterLab starts sooner without the quiz package
    from livermets_edu.quiz.definition import DIFFICULTIES
    from livermets_edu.quiz.export import FORMATS
    from livermets_edu.quiz.schema import QUESTION_TYPES

    return QuizWords(list(FORMATS), list(QUESTION_TYPES), list(DIFFICULTIES))


Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
BANK_DIR_HELP = (
    "folder with banks the quiz names that are not shipped (repeatable; the quiz file's own "
    "folder is always searched)"
)


def _add_build(actions: Subcommands, words: QuizWords) -> None:
    build = actions.add_parser(
        "build",
        help="choose questions from the banks and write a quiz definition (YAML)",
        description="Choose questions from the banks by lesson, tag, difficulty and type (or "
        "draw N at random) and write a quiz definition to review and keep with the course. "
        "Repeat an option to allow several values; a question must pass every option given.",
    )
    build.add_argument("--id", required=True, help="the quiz's identifier, e.g. y90-midterm")
    build.add_argument("--title", help="the title students see (default: the id)")
    build.add_argument(
        "--bank", action="append", metavar="BANK", help="bank name or file (default: all shipped)"
    )
    build.add_argument(
        "--lesson", action="append", metavar="L", help="lesson number or name, e.g. 8"
    )
    build.add_argument("--tag", action="append", metavar="T", help="questions with this tag")
    build.add_argument(
        "--difficulty",
        action="append",
        metavar="D",
        help=f"one of: {', '.join(words.difficulties)}",
    )
    build.add_argument(
        "--type",
        action="append",
        metavar="T",
        help=f"question type, one of: {', '.join(words.types)}",
    )
    build.add_argument("-n", type=int, metavar="N", help="draw N of the matching questions")
    build.add_argument(
        "--seed", type=int, help="seed for the draw and the variants (default: chosen, recorded)"
    )
    build.add_argument(
        "--mode",
        choices=("exam", "self-check"),
        default="self-check",
        help="exam: no feedback until submitted, shuffled papers; self-check: instant "
        "feedback (default)",
    )
    build.add_argument(
        "--time-limit", type=float, metavar="MIN", help="minutes allowed (exam mode only)"
    )
    build.add_argument(
        "--partial-credit",
        choices=("net-correct", "all-or-nothing", "each-answer", "off"),
        default="net-correct",
        help="how a partly right answer scores (default: net-correct; off = all-or-nothing)",
    )
    build.add_argument("-o", "--output", required=True, metavar="QUIZ.yaml", help="file to write")
    build.add_argument(
        "--force", action="store_true", help="replace an existing file (never a results file)"
    )
    build.set_defaults(handler=_quiz_action("build_command"))


def _add_export(actions: Subcommands, words: QuizWords) -> None:
    export = actions.add_parser(
        "export",
        help="write a bank or quiz for Moodle, Canvas, QTI, Anki, print or jupyterquiz",
        description="Write a bank or a quiz definition in a format an LMS, Anki or a printer "
        "reads. Parametrized questions get one fixed variant (a student's own with --student). "
        "Every format but the students' printable page carries the answers: keep those files "
        "from students.",
    )
    export.add_argument("source", metavar="SOURCE", help="bank name or file, or quiz definition")
    export.add_argument(
        "--format",
        required=True,
        metavar="FORMAT",
        help=f"one of: {', '.join(words.formats)}; or all (every format into a folder)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="file or folder to write (default: the current folder; in a folder the file is "
        "named after the quiz, e.g. QUIZ.xml, QUIZ-key.html)",
    )
    export.add_argument(
        "--student",
        metavar="ID",
        help="this student's paper of a quiz definition: their variants, question and option order",
    )
    export.add_argument("--bank-dir", action="append", metavar="DIR", help=BANK_DIR_HELP)
    export.add_argument(
        "--force", action="store_true", help="replace existing files (never a results file)"
    )
    export.set_defaults(handler=_quiz_action("export_command"))


def _add_import(actions: Subcommands) -> None:
    imported = actions.add_parser(
        "import",
        help="turn a jupyterquiz JSON file into a bank (YAML)",
        description="Turn a jupyterquiz JSON file into a bank file, then check it. Every "
        "problem is listed, each with its question number and field.",
    )
    imported.add_argument("file", metavar="FILE.json", help="the jupyterquiz questions")
    imported.add_argument("--bank-id", required=True, help="the new bank's name, e.g. 02-spread")
    imported.add_argument("--title", required=True, help="the bank's title")
    imported.add_argument("--lesson", required=True, help="the lesson it belongs to")
    imported.add_argument(
        "--source", required=True, help="where the questions come from (citation for every one)"
    )
    imported.add_argument(
        "-o", "--output", metavar="OUT", help="file or folder (default: BANK-ID.yaml here)"
    )
    imported.add_argument(
        "--force", action="store_true", help="overwrite an existing bank file (never results)"
    )
    imported.set_defaults(handler=_quiz_action("import_command"))


def _add_results(actions: Subcommands) -> None:
    results = actions.add_parser(
        "results",
        help="each student's scores from results files",
        description="Print each student's attempts, first and best score from results files "
        "(.jsonl). Lines that cannot be read are listed as FILE:LINE: reason on standard error "
        "and skipped; the other attempts are still used and the exit status is 0. It is 1 only "
        "when no attempt can be read or a file is missing.",
    )
    results.add_argument("files", nargs="+", metavar="FILE", help="results files (.jsonl)")
    results.add_argument("--csv", metavar="SCORES.csv", help="also write the scores as CSV")
    results.add_argument(
        "--merge", metavar="MERGED.jsonl", help="also merge the files into a new one (no repeats)"
    )
    results.set_defaults(handler=_quiz_action("results_command"))


def _add_analyse(actions: Subcommands) -> None:
    analyse = actions.add_parser(
        "analyse",
        help="item analysis of results: facility, discrimination, reliability (as Moodle)",
        description="Item analysis of a quiz's results, computed as Moodle's quiz statistics "
        "report: facility, SD, discrimination index and efficiency per item; CIC (Cronbach's "
        "alpha), error ratio and standard error for the test. Each student's first attempt is "
        "used. Unreadable lines are listed on standard error and skipped.",
    )
    analyse.add_argument("files", nargs="+", metavar="FILE", help="results files (.jsonl)")
    analyse.add_argument(
        "--quiz",
        metavar="SOURCE",
        help="the quiz definition or bank: orders the items and marks the right options",
    )
    analyse.add_argument(
        "--quiz-id", metavar="ID", help="which quiz to analyse when the files hold several"
    )
    analyse.add_argument(
        "--out", metavar="DIR", help="folder for the item and response CSV files and the plots"
    )
    analyse.add_argument("--bank-dir", action="append", metavar="DIR", help=BANK_DIR_HELP)
    analyse.set_defaults(handler=_quiz_action("analyse_command"))


def _parser(words: QuizWords | None = None) -> argparse.ArgumentParser:
    words = words or QuizWords()
    parser = argparse.ArgumentParser(
        prog="livermets-edu",
        description="Lessons and quizzes on liver metastases (for education only).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.set_defaults(help_parser=parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    quiz = commands.add_parser(
        "quiz",
        help="check, build and export quizzes; collect and analyse results",
        description="Check, build and export quizzes; collect and analyse results.",
    )
    quiz.set_defaults(help_parser=quiz)
    quiz_commands = quiz.add_subparsers(dest="quiz_command", metavar="ACTION")
    validate = quiz_commands.add_parser("validate", help="check bank files; report every problem")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="bank files, folders or names")
    validate.set_defaults(handler=_quiz_action("validate_command"))
    listing = quiz_commands.add_parser("list", help="list the available banks")
    listing.set_defaults(handler=_quiz_action("list_command"))
    page = quiz_commands.add_parser("html", help="write a bank as static HTML (no JavaScript)")
    page.add_argument("name", help="bank name (e.g. 01-blood-supply) or path")
    page.add_argument("-o", "--output", help="file to write (default: standard output)")
    page.add_argument("--fragment", action="store_true", help="an embeddable fragment, no <html>")
    page.set_defaults(handler=_quiz_action("html_command"))
    _add_build(quiz_commands, words)
    _add_export(quiz_commands, words)
    _add_import(quiz_commands)
    _add_results(quiz_commands)
    _add_analyse(quiz_commands)

    lab = commands.add_parser(
        "lab", help="open the lessons in JupyterLab (other options go to JupyterLab)"
    )
    lab.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the livermets-edu command with these arguments; return the exit status."""
    parser = _parser(_quiz_words(argv))
    try:
        args, extra = parser.parse_known_args(argv)
        if args.command != "lab" and extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as stop:  # argparse exits on --help and on usage errors
        return stop.code if isinstance(stop.code, int) else 2
    try:
        if args.command == "lab":
            return _lab(args, extra)
        handler = getattr(args, "handler", None)
        if handler is None:
            args.help_parser.print_help()
            return 2
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into a program that stopped reading (| head)
        # Python's recipe: point stdout at devnull so the exit-time flush cannot fail again.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
