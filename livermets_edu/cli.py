"""The ``livermets-edu`` command: check and export quiz banks, and open the lessons.

    livermets-edu quiz validate quizzes/          # every problem as file:line: field: message
    livermets-edu quiz list
    livermets-edu quiz html 01-blood-supply -o quiz.html
    livermets-edu lab [--no-browser] [JupyterLab options]

Problems in a bank are reported as one line each, never as a traceback, so authors can fix
them without reading Python.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from livermets_edu import __version__

__all__ = ["main"]

START_NOTEBOOK = "00-start-here.ipynb"


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


def _one_line(error: BaseException) -> str:
    """An unexpected exception as one printable line: 'RecursionError: maximum recursion…'."""
    from livermets_edu.quiz.loader import CONTROL_CHARACTER

    text = " ".join(f"{type(error).__name__}: {error}".split())
    return CONTROL_CHARACTER.sub(lambda match: repr(match.group(0))[1:-1], text)


def _validate(args: argparse.Namespace) -> int:
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
            print(f"{target}: internal error while checking: {_one_line(error)}")
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


def _list(args: argparse.Namespace) -> int:
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
            print(f"{name:<{width}}  ERROR (internal error while checking: {_one_line(error)})")
            continue
        if bank is not None:
            print(f"{name:<{width}}  {len(bank):>3} questions  {bank.title}")
        else:
            print(
                f"{name:<{width}}  INVALID ({len(errors)} problem(s); "
                f"run: livermets-edu quiz validate {name})"
            )
    return 0


def _html(args: argparse.Namespace) -> int:
    from livermets_edu.quiz.loader import BankError, load_bank
    from livermets_edu.quiz.static_html import to_static_html

    try:
        bank = load_bank(args.name)
        page = to_static_html(bank, full_document=not args.fragment)
    except BankError as error:
        print(error, file=sys.stderr)
        return 1
    except Exception as error:  # an author needs one line naming the file, not a traceback
        print(f"{args.name}: internal error while loading: {_one_line(error)}", file=sys.stderr)
        return 1
    try:
        if args.output in (None, "-"):
            sys.stdout.write(page)
        else:
            Path(args.output).write_text(page, encoding="utf-8")
            print(f"Wrote {args.output} ({len(bank)} questions)", file=sys.stderr)
    except OSError as error:
        print(f"{args.output}: cannot write: {error.strerror or error}", file=sys.stderr)
        return 1
    return 0


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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="livermets-edu",
        description="Lessons and quizzes on liver metastases (for education only).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.set_defaults(help_parser=parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    quiz = commands.add_parser("quiz", help="check, list and export quiz banks")
    quiz.set_defaults(help_parser=quiz)
    quiz_commands = quiz.add_subparsers(dest="quiz_command", metavar="ACTION")
    validate = quiz_commands.add_parser("validate", help="check bank files; report every problem")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="bank files, folders or names")
    validate.set_defaults(handler=_validate)
    listing = quiz_commands.add_parser("list", help="list the available banks")
    listing.set_defaults(handler=_list)
    page = quiz_commands.add_parser("html", help="write a bank as static HTML (no JavaScript)")
    page.add_argument("name", help="bank name (e.g. 01-blood-supply) or path")
    page.add_argument("-o", "--output", help="file to write (default: standard output)")
    page.add_argument("--fragment", action="store_true", help="an embeddable fragment, no <html>")
    page.set_defaults(handler=_html)

    lab = commands.add_parser(
        "lab", help="open the lessons in JupyterLab (other options go to JupyterLab)"
    )
    lab.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the livermets-edu command with these arguments; return the exit status."""
    parser = _parser()
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
