"""Replacing a file in one step, so that a crash leaves the old file or the new one, never half.

The data goes to a temporary file in the same folder (so the rename stays on one file system),
which is flushed, fsynced and moved over the target with ``os.replace``; the folder is then
synced, which makes the rename itself durable on POSIX. Without a ``mode``, a replaced file
keeps its permissions and a new one gets those ``open()`` would give (0666 less the umask);
student data such as results files asks for 0600 explicitly.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["write_bytes", "write_text"]


def _fsync_folder(folder: Path) -> None:
    # Windows has no folder handles to sync, and the rename there is durable enough.
    with contextlib.suppress(OSError, AttributeError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _default_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _replace(path: Path, data: bytes, mode: int | None) -> None:
    if mode is None:
        mode = _default_mode(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(path.parent)


def write_bytes(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    keep_backup: bool = False,
    mode: int | None = None,
) -> Path:
    """Replace the file at ``path`` by ``data`` in one step; with ``keep_backup``, the old
    content (if the file has any) is kept beside it as ``<path>.bak``, written the same way."""
    target = Path(path)
    if keep_backup:
        try:
            previous = target.read_bytes()
        except FileNotFoundError:
            previous = b""
        if previous:
            _replace(Path(f"{target}.bak"), previous, mode)
    _replace(target, data, mode)
    return target


def write_text(
    path: str | os.PathLike[str],
    text: str,
    *,
    keep_backup: bool = False,
    mode: int | None = None,
) -> Path:
    """Replace the file at ``path`` by ``text`` as UTF-8 in one step (line ends as given)."""
    return write_bytes(path, text.encode("utf-8"), keep_backup=keep_backup, mode=mode)
