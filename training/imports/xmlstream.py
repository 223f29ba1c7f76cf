"""Safe streaming XML for GPX and TCX: defusedxml's parser (no entity declarations, no
external references, so no "billion laughs"), fed in chunks, with each element handed over
when it closes and then dropped, so memory stays flat however long the track."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from training.imports.records import FileFailed

CHUNK = 64 * 1024


@dataclass(frozen=True)
class Closed:
    """An element as it closes: its local name, its ancestors' local names, its attributes,
    its own text and the line it closes on."""

    name: str
    parents: tuple[str, ...]
    attrib: dict[str, str]
    text: str
    line: int

    @property
    def parent(self) -> str:
        return self.parents[-1] if self.parents else ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Target:
    def __init__(self, on_close: Callable[[Closed], None], line: Callable[[], int]):
        self._on_close = on_close
        self._line = line
        self._names: list[str] = []
        self._attribs: list[dict[str, str]] = []
        self._texts: list[list[str]] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self._names.append(_local(tag))
        self._attribs.append({_local(k): v for k, v in attrib.items()})
        self._texts.append([])

    def data(self, text: str) -> None:
        if self._texts:
            self._texts[-1].append(text)

    def end(self, _tag: str) -> None:
        name = self._names.pop()
        closed = Closed(name, tuple(self._names), self._attribs.pop(),
                        "".join(self._texts.pop()).strip(), self._line())
        self._on_close(closed)

    def close(self) -> None:
        return None


def walk(data: bytes, on_close: Callable[[Closed], None]) -> None:
    """Calls ``on_close`` for every element; FileFailed for XML that is broken or unsafe."""
    holder: dict[str, Any] = {}
    parser = DefusedXMLParser(target=_Target(on_close, lambda: holder["expat"].CurrentLineNumber))
    holder["expat"] = parser.parser
    try:
        for offset in range(0, len(data), CHUNK):
            parser.feed(data[offset:offset + CHUNK])
        parser.close()
    except EntitiesForbidden as error:
        raise FileFailed(f"the file declares the XML entity {error.name!r}: entities are refused "
                         "(a 'billion laughs' bomb expands them without end)",
                         line=holder["expat"].CurrentLineNumber) from error
    except DefusedXmlException as error:
        raise FileFailed(f"the file asks for an external XML resource, which is refused "
                         f"({error})", line=holder["expat"].CurrentLineNumber) from error
    except ParseError as error:
        line = error.position[0] if error.position else None
        raise FileFailed(f"the XML is broken ({error})", line=line) from error
