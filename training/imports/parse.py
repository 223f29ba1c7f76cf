"""The entry point: an upload (one file or one zip archive) to a stream of outcomes, one per
file, produced as each file is read so that memory stays flat however large the archive."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from core.plates import METRIC
from training.imports.archive import (
    DEFAULT_LIMITS,
    Limits,
    check_archive,
    members,
    open_zip,
    read_capped,
    read_member,
)
from training.imports.detect import Format, detect
from training.imports.files import HEAD, parse_bytes
from training.imports.records import FileOutcome, FileProblem
from training.imports.strava import find_index, read_export


def parse_upload(name: str, stream: BinaryIO, *, units: str = METRIC,
                 limits: Limits = DEFAULT_LIMITS) -> Iterator[FileOutcome]:
    """Outcomes of every file in an upload, lazily. ``stream`` is seekable binary (a stored
    upload); ``units`` are the athlete's (METRIC or IMPERIAL), for a Strong export that
    does not say its load unit."""
    head = stream.read(HEAD)
    stream.seek(0)
    try:
        if detect(name, head) is Format.ZIP:
            yield from _archive(name, stream, units, limits)
            return
        data = read_capped(stream, limits.max_file_bytes, "the file")
    except FileProblem as problem:
        yield FileOutcome.problem(name, problem)
        return
    yield parse_bytes(name, data, units=units, limits=limits)


def _archive(name: str, stream: BinaryIO, units: str, limits: Limits) -> Iterator[FileOutcome]:
    with open_zip(stream) as archive:
        found = list(members(archive))
        index = find_index(found)
        if index is not None:
            yield from read_export(name, archive, index, found, limits, units)
            return
        try:
            check_archive(found, limits)
        except FileProblem as problem:
            yield FileOutcome.problem(name, problem)
            return
        for info in found:
            try:
                data = read_member(archive, info, limits)
            except FileProblem as problem:
                yield FileOutcome.problem(info.filename, problem)
                continue
            yield parse_bytes(info.filename, data, units=units, limits=limits)
