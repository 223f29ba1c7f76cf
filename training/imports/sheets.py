"""The CSV files of the apps: read row by row with the line each row starts on, so that a
bad cell fails its file as "line 57: 'abc' is not a number in Weight"."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from training.imports.records import FileFailed

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})  # iOS puts a narrow space before PM


def text_of(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise FileFailed(f"line {line}: the file is not UTF-8 text", line=line) from None


@dataclass(frozen=True)
class Row:
    """One row, its cells by column name (the first of duplicated names, as Strava repeats
    some) and by position, and the line it starts on."""

    line: int
    cells: list[str]
    columns: dict[str, int]
    decimal_comma: bool

    def get(self, column: str | None) -> str:
        if column is None:
            return ""
        index = self.columns.get(column)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()

    def at(self, index: int | None) -> str:
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()

    def fail(self, message: str) -> FileFailed:
        return FileFailed(f"line {self.line}: {message}", line=self.line)

    def number(self, column: str | None, *, text: str | None = None) -> Decimal | None:
        """A cell as an exact decimal, empty as None; a comma for the decimal point in
        semicolon files (Strong on Android in many locales)."""
        raw = self.get(column) if text is None else text.strip()
        if raw == "":
            return None
        cleaned = raw.replace(",", ".") if self.decimal_comma else raw
        if not _NUMBER.match(cleaned):
            raise self.fail(f"{raw!r} is not a number in {column}")
        try:
            return Decimal(cleaned)
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            raise self.fail(f"{raw!r} is not a number in {column}") from None

    def positive(self, column: str | None, *, text: str | None = None) -> Decimal | None:
        value = self.number(column, text=text)
        if value is not None and value < 0:
            raise self.fail(f"{self.get(column) if text is None else text!r} is below zero "
                            f"in {column}")
        return value

    def whole_number(self, column: str | None) -> int | None:
        """A count (reps, seconds): "5" or "5.0", never "5.5"."""
        value = self.positive(column)
        if value is None:
            return None
        if value != value.to_integral():
            raise self.fail(f"{self.get(column)!r} is not a whole number in {column}")
        return int(value)


@dataclass(frozen=True)
class Table:
    header: list[str]
    columns: dict[str, int]
    delimiter: str
    rows: Iterator[Row]

    def require(self, names: tuple[str, ...], app: str) -> None:
        missing = [n for n in names if n not in self.columns]
        if missing:
            raise FileFailed(f"line 1: {app}'s header lacks the column "
                             f"{', '.join(repr(m) for m in missing)}", line=1)

    def first(self, *names: str) -> str | None:
        return next((n for n in names if n in self.columns), None)


def read_table(data: bytes) -> Table:
    """The header and a lazy iterator over the rows; the delimiter is the header's (Strong
    on Android writes semicolons)."""
    text = text_of(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise FileFailed("the file is empty", line=1) from None
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(name, index)
    return Table(header, columns, delimiter, _rows(reader, columns, delimiter == ";"))


def _rows(reader: Any, columns: dict[str, int], decimal_comma: bool) -> Iterator[Row]:
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileFailed(f"line {start}: the CSV is broken ({error})", line=start) from None
        line = reader.line_num
        if cells and any(cell.strip() for cell in cells):
            yield Row(start, cells, columns, decimal_comma)


def clean(text: str) -> str:
    return text.translate(_SPACES).strip()
