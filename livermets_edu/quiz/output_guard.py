"""Output guards: whether an instructor command may write a file, and what a failed write says.

No command writes over one of its own inputs, nor over a results file (students' attempts: a
typo such as ``--csv results.jsonl`` must not cost an attempt), whatever ``overwrite`` says;
an existing file is replaced only with ``overwrite`` (``--force``). A failed write names the
user's file and the system's reason, never a temporary file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import atomic, results

__all__ = ["ToolkitError", "check_output", "is_results_file", "same_output", "writing"]

# A results line names its format; found with a pattern, so a line cut short after it counts.
_RESULTS_FORMAT_FIELD = re.compile(
    rb'"format"\s*:\s*"' + re.escape(results.RESULTS_FORMAT.encode()) + rb'"'
)
# A results file is recognised by a record on any of its first lines (the first may be cut
# short by a crash, or be some other line), read no further than this much.
_LOOK_LINES = 50
_LOOK_BYTES = 1 << 20
_BOM = b"\xef\xbb\xbf"


class ToolkitError(ValueError):
    """A request the toolkit cannot carry out; the message says what to change."""


def is_results_file(path: str | os.PathLike[str]) -> bool:
    """True if ``path`` is a file with a results record (a JSON object line with ``"format":
    "livermets-results"``) on one of its first 50 lines, within its first megabyte; a byte
    order mark at the start is skipped."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # never open a pipe or device just to look: that can block
        with open(path, "rb") as stream:
            head = stream.read(_LOOK_BYTES)
    except OSError:
        return False  # unreadable: the write itself will say why
    head = head.removeprefix(_BOM)
    for line in head.splitlines()[:_LOOK_LINES]:
        if line.lstrip().startswith(b"{") and _RESULTS_FORMAT_FIELD.search(line) is not None:
            return True
    return False


def _same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(first, second)  # links and other spellings of one file too
    except (OSError, ValueError):
        return False  # one of them does not exist: not the same file


def same_output(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """True if two outputs are one file: the same path once made absolute, or linked."""
    return atomic.real_target(first) == atomic.real_target(second) or _same_file(first, second)


def check_output(
    target: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str]] = (),
    *,
    overwrite: bool = True,
) -> Path:
    """Refuse to write ``target`` if it is one of the ``inputs`` or a results file, or (without
    ``overwrite``) if anything is there already; return it as a Path when it may be written."""
    path = Path(target)
    for given in inputs:
        if _same_file(path, given):
            raise ToolkitError(
                f"{path} is also an input ({given}); writing it would replace what is being "
                "read: choose another output file"
            )
    if is_results_file(path):
        raise ToolkitError(
            f"{path} is a results file (students' attempts) and is never overwritten: "
            "choose another output file"
        )
    if not overwrite and os.path.lexists(path):
        raise ToolkitError(
            f"{path} already exists; choose another output, or replace it with --force "
            "(overwrite=True)"
        )
    return path


@contextlib.contextmanager
def writing(target: str | os.PathLike[str]) -> Iterator[None]:
    """Report a failed write as the user's file and the system's reason, not a temp file's name."""
    try:
        yield
    except OSError as error:
        if error.errno is None or error.strerror is None or isinstance(error, TimeoutError):
            raise  # the error's own message already says what to do
        reason = error.strerror
        blocking = [parent for parent in Path(target).parents if parent.is_file()]
        if blocking:  # the OS says "File exists" or "Not a directory"; say which file is in the way
            reason = f"{blocking[-1]} is a file, not a folder"
        raise OSError(error.errno, f"cannot write: {reason}", os.fspath(target)) from None
