"""Replacing a file in one step, so that a crash leaves the old file or the new one, never half.

The data goes to a temporary file in the same folder (so the rename stays on one file system),
which is flushed, fsynced and moved over the target with ``os.replace``; the folder is then
synced, which makes the rename itself durable on POSIX.

A symbolic link is followed first (:func:`real_target`): a results file that links to a shared
folder gets the new data there, and the link stays a link. A target that exists but is not a
regular file (a folder, a device such as ``/dev/full``, a named pipe) is refused with
:class:`NotARegularFileError`, since replacing it would swap a device for a file.

Without a ``mode``, a replaced file keeps its permissions and a new one gets those ``open()``
would give: the temporary file is created with 0666 and the system takes the umask off, so the
process umask is never read or changed (changing it, even briefly, races other threads).
Student data such as results files asks for 0600 explicitly.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

__all__ = ["NotARegularFileError", "real_target", "write_bytes", "write_text"]

# Any file the OS would give: read and write for all, less the umask (as open() does).
_NEW_FILE_PERMISSIONS = 0o666
# While the data is written, before the final mode is set: its owner only.
_PRIVATE_PERMISSIONS = 0o600
_OPEN_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
)
_NAME_ATTEMPTS = 100


class NotARegularFileError(ValueError):
    """The path names a folder, device, pipe or socket, which a file must not replace."""


def real_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` really changes: every symbolic link followed, made absolute.

    Writers that lock a file should lock this path's lock file, so two links to one file
    share a lock.
    """
    return Path(os.path.realpath(path))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _existing_mode(real: Path, given: str | os.PathLike[str]) -> int | None:
    """The permissions of the regular file at ``real``, None if there is none; else refused."""
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        shown = os.fspath(given)
        link = "" if os.fspath(real) == os.path.abspath(shown) else f" (it leads to {real})"
        raise NotARegularFileError(
            f"{shown} is {_kind(info.st_mode)}{link}, not a file; it is not replaced: "
            "choose a file path"
        )
    return stat.S_IMODE(info.st_mode)


def _fsync_folder(folder: Path) -> None:
    # Windows has no folder handles to sync, and the rename there is durable enough.
    with contextlib.suppress(OSError, AttributeError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _temporary(real: Path, permissions: int) -> tuple[int, Path]:
    """A new, empty file beside ``real`` (same folder, so the rename is one step)."""
    for _ in range(_NAME_ATTEMPTS):
        candidate = real.parent / f".{real.name}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(candidate, _OPEN_FLAGS, permissions), candidate
        except FileExistsError:
            continue  # another writer drew the same name: draw again
    raise FileExistsError(f"no free temporary file name beside {real}")


def _replace(real: Path, data: bytes, mode: int | None, given: str | os.PathLike[str]) -> None:
    kept = _existing_mode(real, given)
    final_mode = mode if mode is not None else kept
    # A new file without a mode: 0666 at creation, and the OS applies the umask, as open() does.
    permissions = _NEW_FILE_PERMISSIONS if final_mode is None else _PRIVATE_PERMISSIONS
    handle, temporary = _temporary(real, permissions)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if final_mode is not None:
            os.chmod(temporary, final_mode)
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(real.parent)


def write_bytes(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    keep_backup: bool = False,
    mode: int | None = None,
) -> Path:
    """Replace the file at ``path`` by ``data`` in one step; with ``keep_backup``, the old
    content (if the file has any) is kept beside it as ``<path>.bak``, written the same way.

    A link is followed (the file it leads to is replaced, the link kept); a folder, device or
    pipe at ``path`` raises NotARegularFileError. Returns ``path`` as given.
    """
    real = real_target(path)
    _existing_mode(real, path)  # refused before a backup is made
    if keep_backup:
        try:
            previous = real.read_bytes()
        except FileNotFoundError:
            previous = b""
        if previous:
            backup = f"{real}.bak"
            _replace(real_target(backup), previous, mode, backup)
    _replace(real, data, mode, path)
    return Path(path)


def write_text(
    path: str | os.PathLike[str],
    text: str,
    *,
    keep_backup: bool = False,
    mode: int | None = None,
) -> Path:
    """Replace the file at ``path`` by ``text`` as UTF-8 in one step (line ends as given)."""
    return write_bytes(path, text.encode("utf-8"), keep_backup=keep_backup, mode=mode)
