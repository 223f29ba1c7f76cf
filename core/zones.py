"""Time zones a person picks: the canonical IANA names, and the canonical name of an alias.

The canonical names are those of the IANA database's ``zone.tab`` (one or more zones per
country: ``Europe/Oslo``, ``America/Denver``) plus ``UTC``. Aliases (``US/Pacific``,
``Asia/Calcutta``) are the database's links (``L target alias`` lines of ``tzdata.zi``); a
browser may still report one (Chromium's ICU names India ``Asia/Calcutta``), so each maps to
its canonical zone. ``Etc/GMT+5``, ``EST5EDT`` and the like are neither: nobody lives there.
Read once per process from the system's zoneinfo, else the ``tzdata`` package.
"""

from __future__ import annotations

import functools
import importlib.resources
import zoneinfo
from pathlib import Path

UTC = "UTC"


def _read(name: str) -> str:
    """A file of the time zone database: the system's first (where ``zoneinfo`` reads the
    zones themselves), else the ``tzdata`` package's."""
    for root in zoneinfo.TZPATH:
        path = Path(root) / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    try:
        return (importlib.resources.files("tzdata.zoneinfo") / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return ""


@functools.cache
def canonical_zones() -> tuple[str, ...]:
    """The names a picker lists, sorted: ``zone.tab``'s zones that this machine can load,
    and UTC."""
    available = zoneinfo.available_timezones()
    names = {UTC}
    for line in _read("zone.tab").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2] in available:
            names.add(parts[2])
    return tuple(sorted(names))


@functools.cache
def _aliases() -> dict[str, str]:
    """Alias -> canonical zone, following chains of links."""
    links: dict[str, str] = {}
    for line in _read("tzdata.zi").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "L":
            links[parts[2]] = parts[1]
    canonical = set(canonical_zones())
    out: dict[str, str] = {}
    for alias, target in links.items():
        seen = {alias}
        while target not in canonical and target in links and target not in seen:
            seen.add(target)
            target = links[target]
        if target in canonical and alias not in canonical:
            out[alias] = target
    for name in ("Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu",
                 "Etc/GMT", "GMT"):
        out.setdefault(name, UTC)
    return out


def zone_canonical(name: str) -> str | None:
    """The canonical zone ``name`` stands for (itself when canonical), or None: not a zone a
    person picks (unknown, ``Etc/GMT+5``, ``EST5EDT``)."""
    if name in canonical_zones():
        return name
    return _aliases().get(name)
