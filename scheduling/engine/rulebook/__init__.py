"""The rulebook: every rule code the engine emits, in words a coach can read.

Each entry says when the rule fires and at which severity, why (the training science behind
it, briefly) and where that science comes from. Thresholds are written from the same
constants the rules use, so the words cannot drift from what the engine does; the tests
check that every ``Rule`` has an entry, that the severities here are the ones the rule
modules emit, and that ``docs/rules.md`` is this module's output
(``python -m scheduling.engine.rulebook > docs/rules.md``, or ``make docs``).
"""

from scheduling.engine.rulebook.entries import (
    GROUP_TITLES,
    MOVE_TEXT,
    RULEBOOK,
    SEVERITY_MEANING,
    Entry,
    Group,
    Verdict,
    entries,
    entry_for,
)
from scheduling.engine.rulebook.markdown import markdown
from scheduling.engine.rulebook.words import SOURCES, WORDS

__all__ = [
    "GROUP_TITLES",
    "MOVE_TEXT",
    "RULEBOOK",
    "SEVERITY_MEANING",
    "SOURCES",
    "WORDS",
    "Entry",
    "Group",
    "Verdict",
    "entries",
    "entry_for",
    "markdown",
]
