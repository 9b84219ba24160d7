"""What each ``livermets-edu quiz`` action does; the parser that calls them is in ``cli.py``.

Every handler takes the parsed arguments and returns the exit status: 0 done, 1 a problem
the user can fix, reported one line each on standard error (``file:line: field: message`` for
a bank or quiz definition), never as a traceback. The work itself is in :mod:`.toolkit`.

No command writes over one of its inputs or over a results file; ``build``, ``export`` and
``import`` replace an existing file only with ``--force`` (see ``output_guard.check_output``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .loader import CONTROL_CHARACTER

__all__ = [
    "analyse_command",
    "analysis_lines",
    "build_command",
    "export_command",
    "html_command",
    "import_command",
    "list_command",
    "one_line",
    "results_command",
    "validate_command",
]

NOT_COMPUTED = "–"


def _printable(text: str) -> str:
    """Text safe for a terminal: control characters (escape codes) shown as \\x1b and so on."""
    return CONTROL_CHARACTER.sub(lambda match: repr(match.group(0))[1:-1], text)


def one_line(error: BaseException) -> str:
    """An unexpected exception as one printable line: 'RecursionError: maximum recursion…'."""
    return _printable(" ".join(f"{type(error).__name__}: {error}".split()))


def _say(text: str) -> None:
    for line in str(text).splitlines() or [""]:
        print(_printable(line), file=sys.stderr)


def _error_text(error: BaseException) -> str:
    """A user's mistake in their words: the error's own lines, or the file and the OS's reason."""
    if isinstance(error, OSError) and error.filename is not None and error.strerror:
        return f"{error.filename}: {error.strerror}"
    return str(error) or type(error).__name__


def _guarded(what: str, action: Callable[[], int]) -> int:
    """Run ``action``; a user's mistake is its lines on stderr, anything else one line naming it."""
    from livermets_edu.quiz.export import ExportError
    from livermets_edu.quiz.jupyterquiz_import import JupyterquizImportError
    from livermets_edu.quiz.loader import BankError

    try:
        return action()
    except BrokenPipeError:
        raise  # the reader of our output went away (| head): not the user's mistake
    except (BankError, ExportError, JupyterquizImportError, ValueError, OSError) as error:
        _say(_error_text(error))
    except Exception as error:  # a user needs one line naming what failed, not a traceback
        _say(f"{what}: internal error: {one_line(error)}")
    return 1


# --- validate, list, html -----------------------------------------------------------------------
def _bank_targets(paths: Sequence[str]) -> list[str]:
    targets: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
            if found:
                targets.extend(str(p) for p in found)
            else:
                targets.append(given)
        else:
            targets.append(given)
    return targets


def validate_command(args: argparse.Namespace) -> int:
    """Check bank files and print every problem, or OK with the question count."""
    from livermets_edu.quiz.loader import check_bank

    failed = False
    for target in _bank_targets(args.paths):
        if Path(target).is_dir():
            print(f"{target}: no .yaml quiz banks in this folder")
            failed = True
            continue
        try:
            bank, errors = check_bank(target)
        except Exception as error:  # an author needs one line naming the file, not a traceback
            print(f"{target}: internal error while checking: {one_line(error)}")
            failed = True
            continue
        if errors:
            failed = True
            for problem in errors:
                print(problem)
        else:
            assert bank is not None
            count = len(bank)
            print(f"OK {target} ({count} question{'' if count == 1 else 's'})")
    return 1 if failed else 0


def list_command(args: argparse.Namespace) -> int:
    """List the shipped banks with their question counts and titles."""
    from livermets_edu.quiz.loader import check_bank, list_banks

    names = list_banks()
    if not names:
        print("No quiz banks found.")
        return 0
    width = max(len(name) for name in names)
    for name in names:
        try:
            bank, errors = check_bank(name)
        except Exception as error:  # one broken bank must not hide the others
            print(f"{name:<{width}}  ERROR (internal error while checking: {one_line(error)})")
            continue
        if bank is not None:
            print(f"{name:<{width}}  {len(bank):>3} questions  {bank.title}")
        else:
            print(
                f"{name:<{width}}  INVALID ({len(errors)} problem(s); "
                f"run: livermets-edu quiz validate {name})"
            )
    return 0


def html_command(args: argparse.Namespace) -> int:
    """Write one bank as a static HTML page (or fragment)."""
    from livermets_edu.quiz import atomic
    from livermets_edu.quiz.loader import BankError, find_bank, load_bank
    from livermets_edu.quiz.output_guard import ToolkitError, check_output
    from livermets_edu.quiz.static_html import to_static_html

    if args.output not in (None, "-"):
        try:
            bank_file = [find_bank(args.name)]
        except BankError:
            bank_file = []  # no such bank: loading it below says so
        try:  # before the bank is read: a refused output costs nothing
            check_output(args.output, bank_file)
        except ToolkitError as error:
            _say(str(error))
            return 1

    try:
        bank = load_bank(args.name)
        page = to_static_html(bank, full_document=not args.fragment)
    except BankError as error:
        print(error, file=sys.stderr)
        return 1
    except Exception as error:  # an author needs one line naming the file, not a traceback
        print(f"{args.name}: internal error while loading: {one_line(error)}", file=sys.stderr)
        return 1
    try:
        if args.output in (None, "-"):
            sys.stdout.write(page)
        else:
            atomic.write_text(args.output, page)
            print(f"Wrote {args.output} ({len(bank)} questions)", file=sys.stderr)
    except OSError as error:
        print(f"{args.output}: cannot write: {error.strerror or error}", file=sys.stderr)
        return 1
    except ValueError as error:  # a folder, device or pipe where the page would go
        _say(str(error))
        return 1
    return 0


# --- build ---------------------------------------------------------------------------------------
def build_command(args: argparse.Namespace) -> int:
    """Choose questions by filters and write a quiz definition."""
    from livermets_edu.quiz import toolkit
    from livermets_edu.quiz.definition import definition_summary

    def run() -> int:
        definition = toolkit.build(
            args.output,
            quiz_id=args.id,
            title=args.title,
            banks=args.bank,
            lessons=args.lesson,
            tags=args.tag,
            difficulty=args.difficulty,
            types=args.type,
            n=args.n,
            seed=args.seed,
            mode=args.mode,
            time_limit_minutes=args.time_limit,
            partial_credit=args.partial_credit,
            overwrite=args.force,
        )
        print(f"Wrote {args.output} ({definition_summary(definition)}, seed {definition.seed})")
        for name in toolkit.banks_not_shipped(definition):
            _say(
                f"note: bank {name} does not ship with livermets-edu; keep {name}.yaml beside "
                f"{args.output}, or give --bank-dir when you export or analyse"
            )
        return 0

    return _guarded(args.output, run)


# --- export --------------------------------------------------------------------------------------
def export_command(args: argparse.Namespace) -> int:
    """Write a bank or quiz definition in one format, or in every format into a folder."""
    from livermets_edu.quiz import toolkit
    from livermets_edu.quiz.export import FORMATS

    def run() -> int:
        if args.format != "all":
            path = toolkit.export(
                args.source,
                args.format,
                args.output or ".",
                student_id=args.student,
                bank_dirs=args.bank_dir or (),
                overwrite=args.force,
            )
            print(f"Wrote {path}: {FORMATS[args.format].description}")
            return 0
        done = toolkit.export_all(
            args.source,
            args.output or ".",
            student_id=args.student,
            bank_dirs=args.bank_dir or (),
            overwrite=args.force,
        )
        for name, path in done.written.items():
            print(f"Wrote {path}: {FORMATS[name].description}")
        for name, reason in done.failed.items():
            _say(f"{name}: not written: {reason}")
        return 1 if done.failed else 0

    return _guarded(args.source, run)


# --- import --------------------------------------------------------------------------------------
def import_command(args: argparse.Namespace) -> int:
    """Turn a jupyterquiz JSON file into a checked bank YAML file."""
    from livermets_edu.quiz import toolkit

    def run() -> int:
        path = toolkit.import_jupyterquiz(
            args.file,
            bank_id=args.bank_id,
            title=args.title,
            lesson=args.lesson,
            source=args.source,
            output=args.output or ".",
            overwrite=args.force,
        )
        print(f"Wrote {path}; check it, then: livermets-edu quiz validate {path}")
        return 0

    return _guarded(args.file, run)


# --- results -------------------------------------------------------------------------------------
def _table(header: Sequence[str], rows: Sequence[Sequence[Any]], numeric_from: int) -> list[str]:
    """Columns padded to their widest cell; numbers (from column ``numeric_from``) on the right."""
    cells = [list(header)] + [[_printable(str(cell)) for cell in row] for row in rows]
    widths = [max(len(row[column]) for row in cells) for column in range(len(header))]
    return [
        "  ".join(
            cell.rjust(width) if column >= numeric_from else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in cells
    ]


def _skipped_lines(problems: Sequence[object], used: int) -> None:
    for problem in problems:
        _say(str(problem))
    if problems:
        count = len(problems)
        _say(
            f"warning: {count} line{'' if count == 1 else 's'} skipped (above); "
            f"the {used} readable attempt{'' if used == 1 else 's'} were used"
        )


def results_command(args: argparse.Namespace) -> int:
    """Print each student's scores; report unreadable lines; write a CSV or a merged file."""
    from livermets_edu.quiz import toolkit

    def run() -> int:
        summary = toolkit.collect_results(args.files, csv_path=args.csv, merged_path=args.merge)
        _skipped_lines(summary.problems, len(summary.records))
        if not summary.records:
            _say("no readable attempts in these files")
            return 1
        header = ("student", "quiz", "attempts", "first", "best", "max", "best %")
        rows = [
            (
                row["student_id"],
                row["quiz_id"],
                row["attempts"],
                f"{row['first_score']:g}",
                f"{row['best_score']:g}",
                f"{row['max_score']:g}",
                f"{row['percent']:.1f}",
            )
            for row in summary.rows
        ]
        print("\n".join(_table(header, rows, numeric_from=2)))
        for path in (summary.csv_path, summary.merged_path):
            if path is not None:
                print(f"Wrote {path}")
        return 0

    return _guarded(", ".join(args.files), run)


# --- analyse -------------------------------------------------------------------------------------
def _percent(value: float | None) -> str:
    return NOT_COMPUTED if value is None else f"{value:.1f}"


def analysis_lines(analysis: Any) -> list[str]:
    """The item table and the test statistics, as Moodle's quiz statistics report shows them."""
    header = ("item", "type", "attempts", "facility %", "SD %", "discrim. %", "DE %")
    rows = [
        (
            item.question_id,
            item.type,
            item.attempts,
            _percent(item.facility_percent),
            _percent(item.sd_percent),
            _percent(item.discrimination_index),
            _percent(item.discriminative_efficiency),
        )
        for item in analysis.items
    ]
    summary = analysis.summary
    standard_error = (
        NOT_COMPUTED if summary.standard_error is None else f"{summary.standard_error:.2f} marks"
    )
    return [
        f"Quiz {analysis.quiz_id}: {summary.attempts} attempts, {summary.items} items",
        *_table(header, rows, numeric_from=2),
        "",
        f"Mean {summary.mean_percent:.1f} %, median {summary.median_percent:.1f} %, "
        f"SD {_percent(summary.sd_percent)} % of the maximum ({summary.max_total:g} marks)",
        f"CIC {_percent(summary.cic)} %, ER {_percent(summary.error_ratio)} %, SE {standard_error}",
        *(f"note: {note}" for note in summary.notes),
    ]


def analyse_command(args: argparse.Namespace) -> int:
    """Print Moodle's item analysis of results files; write CSV files and plots to a folder."""
    from livermets_edu.quiz import toolkit

    def run() -> int:
        analysis = toolkit.analyse_results(
            args.files,
            quiz=args.quiz,
            quiz_id=args.quiz_id,
            out_dir=None,
            bank_dirs=args.bank_dir or (),
        )
        for problem in analysis.problems:
            _say(problem)
        print("\n".join(_printable(line) for line in analysis_lines(analysis)))
        if args.out is not None:
            questions = None
            if args.quiz is not None:
                questions = toolkit.quiz_questions(args.quiz, bank_dirs=args.bank_dir or ())
            inputs = [*args.files, *([] if args.quiz is None else [args.quiz])]
            written = toolkit.write_analysis(analysis, args.out, questions=questions, inputs=inputs)
            for path in written:
                print(f"Wrote {path}")
        return 0

    return _guarded(", ".join(args.files), run)
