"""Reading input files: decode, or say clearly why not. Never writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class InputError(Exception):
    """A file that cannot be linted. str() is the one-line reason."""

    def __init__(self, reason: str, *, skipped: bool = False) -> None:
        super().__init__(reason)
        self.skipped = skipped  # a warning, not an error (binary files)


def read_source(path: str | Path, *, max_bytes: int = 20_000_000) -> str:
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (FIFO, socket or device); skipped")
    if info.st_size > max_bytes:
        raise InputError(
            f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit (max_file_bytes)"
        )
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    return decode(data)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), or UTF-16 with a BOM. Binary input is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte offset {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file, skipped", skipped=True)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        raise InputError(f"invalid UTF-8 at byte offset {offset}") from None
