"""Reading uploads safely: size caps, zip members one at a time, gzip with a ceiling.

Nothing is extracted to disk and no member is trusted: a path that would leave the archive
(absolute, a drive, ``..``) is refused, a member whose size against its compressed size looks
like a bomb is refused before a byte is inflated, and every read stops at the caps whatever
the headers claim.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from zipfile import BadZipFile, ZipFile, ZipInfo

from training.imports.records import FileFailed

MIB = 1024 * 1024
CHUNK = 256 * 1024


@dataclass(frozen=True)
class Limits:
    """The caps of one upload. ``max_ratio`` applies to members over ``ratio_floor`` bytes
    (a tiny file of zeros compresses well and is harmless)."""

    max_file_bytes: int = 64 * MIB
    max_total_bytes: int = 2048 * MIB
    max_files: int = 10_000
    max_ratio: int = 100
    ratio_floor: int = 1 * MIB


DEFAULT_LIMITS = Limits()
_DRIVE = re.compile(r"^[A-Za-z]:")


def size_text(n: int) -> str:
    return f"{n / MIB:.1f} MiB" if n >= MIB else f"{n} bytes"


def read_capped(stream: BinaryIO, cap: int, what: str) -> bytes:
    """The whole stream, refused past ``cap`` bytes (a file, or a member as inflated)."""
    parts: list[bytes] = []
    total = 0
    while chunk := stream.read(CHUNK):
        total += len(chunk)
        if total > cap:
            raise FileFailed(f"{what} is over the {size_text(cap)} limit for one file")
        parts.append(chunk)
    return b"".join(parts)


def gunzip(data: bytes, limits: Limits) -> bytes:
    """A gzip file's content, inflated in steps so a bomb stops at the caps."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    out: list[bytes] = []
    total = 0
    pending = data
    try:
        while pending and not inflater.eof:
            chunk = inflater.decompress(pending, CHUNK)
            pending = inflater.unconsumed_tail
            total += len(chunk)
            _check_inflated(total, len(data), limits, "the gzip file")
            out.append(chunk)
    except zlib.error as error:
        raise FileFailed(f"the gzip file is corrupt ({error})") from error
    if not inflater.eof:
        raise FileFailed("the gzip file is truncated")
    return b"".join(out)


def _check_inflated(size: int, packed: int, limits: Limits, what: str) -> None:
    if size > limits.max_file_bytes:
        raise FileFailed(f"{what} unpacks to over {size_text(limits.max_file_bytes)}, "
                         "the limit for one file")
    if size > limits.ratio_floor and size > limits.max_ratio * max(packed, 1):
        raise FileFailed(f"{what} unpacks {size // max(packed, 1)} times its packed size, over "
                         f"the {limits.max_ratio}:1 limit (a zip bomb?)")


def unsafe_path(name: str) -> str | None:
    """Why a member's path is refused, or None when it stays inside the archive."""
    path = name.replace("\\", "/")
    if path.startswith("/") or _DRIVE.match(path):
        return f"refused: the path {name!r} is absolute"
    if ".." in path.split("/"):
        return f"refused: the path {name!r} leaves the archive ('..')"
    return None


def is_ignored(info: ZipInfo) -> bool:
    """Folders and the resource forks macOS adds to every archive it makes."""
    name = info.filename.replace("\\", "/")
    return info.is_dir() or name.startswith("__MACOSX/") or name.rsplit("/", 1)[-1] == ".DS_Store"


def open_zip(stream: BinaryIO) -> ZipFile:
    try:
        return ZipFile(stream)
    except (BadZipFile, OSError, ValueError) as error:
        raise FileFailed(f"the zip archive is corrupt ({error})") from error


def check_archive(members: list[ZipInfo], limits: Limits) -> None:
    """The archive's totals, checked before any member is read."""
    if len(members) > limits.max_files:
        raise FileFailed(f"the archive holds {len(members)} files, over the limit of "
                         f"{limits.max_files}")
    total = sum(m.file_size for m in members)
    if total > limits.max_total_bytes:
        raise FileFailed(f"the archive unpacks to {size_text(total)}, over the "
                         f"{size_text(limits.max_total_bytes)} limit")


def read_member(archive: ZipFile, info: ZipInfo, limits: Limits) -> bytes:
    """One member's bytes: refused by its path or its headers first, then capped as read."""
    if reason := unsafe_path(info.filename):
        raise FileFailed(reason)
    _check_inflated(info.file_size, info.compress_size, limits, "the member")
    try:
        with archive.open(info) as member:
            return read_capped(member, limits.max_file_bytes, "the member")
    except (BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        raise FileFailed(f"the member is corrupt in the archive ({error})") from error


def members(archive: ZipFile) -> Iterator[ZipInfo]:
    return (info for info in archive.infolist() if not is_ignored(info))
