"""What a file is, read from its first bytes (magic, XML root, CSV header), not its name.

The name only sharpens the reason when the content is not what the extension promises: a
``.fit`` whose header lacks the FIT signature fails; a photo in an archive is skipped.
"""

from __future__ import annotations

import re
from enum import StrEnum

from training.imports.records import FileFailed, FileSkipped


class Format(StrEnum):
    FIT = "fit"
    GPX = "gpx"
    TCX = "tcx"
    STRONG = "strong"
    HEVY = "hevy"
    STRAVA_CSV = "strava"
    ZIP = "zip"
    GZIP = "gzip"


_XML_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_CSV_WORDS = {
    Format.STRONG: {"exercise name", "set order"},
    Format.HEVY: {"exercise_title", "set_type"},
    Format.STRAVA_CSV: {"activity id", "activity type"},
}
_EXTENSIONS = {".fit": "FIT", ".gpx": "GPX", ".tcx": "TCX", ".csv": "CSV", ".zip": "zip",
               ".gz": "gzip"}


def is_fit(head: bytes) -> bool:
    return len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT"


def detect(name: str, head: bytes) -> Format:
    """The format of a file from its first kilobytes; raises FileFailed or FileSkipped."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return Format.ZIP
    if head.startswith(b"\x1f\x8b"):
        return Format.GZIP
    if is_fit(head):
        return Format.FIT
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<"):
        return _xml_format(text)
    if found := _csv_format(text):
        return found
    raise _not_ours(name, head)


def _xml_format(text: bytes) -> Format:
    """The root element: the first tag that is not a declaration, a comment or a DOCTYPE
    (their ``<?`` and ``<!`` do not match a name)."""
    match = _XML_ROOT.search(text)
    if match is None:
        raise FileFailed("an XML file with no root element")
    root = match.group(2).decode("ascii", "replace")
    if root == "gpx":
        return Format.GPX
    if root == "TrainingCenterDatabase":
        return Format.TCX
    raise FileFailed(f"an XML file whose root is <{root}>, neither GPX nor TCX")


def _csv_format(text: bytes) -> Format | None:
    first = text.split(b"\n", 1)[0].decode("utf-8", "replace").lower()
    cells = {c.strip().strip('"').strip() for c in re.split(r"[;,]", first)}
    for found, words in _CSV_WORDS.items():
        if words <= cells:
            return found
    return None


def _not_ours(name: str, head: bytes) -> FileFailed | FileSkipped:
    lower = name.lower().removesuffix(".gz")
    for extension, kind in _EXTENSIONS.items():
        if lower.endswith(extension):
            return FileFailed(_wrong_header(kind, head), line=1 if kind == "CSV" else None)
    return FileSkipped("not a file we read (FIT, GPX, TCX, Strong or Hevy CSV, Strava export)")


def _wrong_header(kind: str, head: bytes) -> str:
    if kind == "FIT":
        return "not a FIT file: its header lacks the '.FIT' signature"
    if kind == "CSV":
        first = head.split(b"\n", 1)[0].decode("utf-8", "replace").strip()[:80]
        return (f"a CSV whose header ({first!r}) is neither Strong's, Hevy's nor Strava's "
                "activities.csv")
    return f"not a {kind} file: its content does not start as one"
