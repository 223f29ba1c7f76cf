"""The rulebook as Markdown: what ``docs/rules.md`` holds (``make docs`` writes it)."""

from __future__ import annotations

from scheduling.engine.rulebook.entries import (
    GROUP_TITLES,
    MOVE_TEXT,
    SEVERITY_MEANING,
    Entry,
    Group,
    entries,
)
from scheduling.engine.rulebook.words import SOURCES, WORDS


def _markdown_entry(entry: Entry) -> list[str]:
    lines = [f'### {entry.name} <a id="{entry.rule.value}"></a>', "",
             f"`{entry.rule.value}`", ""]
    lines += [f"- **{v.severity.value}**: {v.when}" for v in entry.verdicts]
    lines += ["", f"Why: {entry.why}", ""]
    if entry.movable:
        lines += [f"Fix: {MOVE_TEXT}", ""]
    return [*lines, f"Sources: {entry.sources_text}.", ""]


def markdown() -> str:
    """The whole rulebook as Markdown: what ``docs/rules.md`` holds."""
    lines = [
        "# The coaching rules",
        "",
        "<!-- Generated from scheduling/engine/rulebook/ by `make docs`: do not edit. -->",
        "",
        "Every finding the coach engine makes carries one of the rule codes below. The codes "
        "are a public contract (the API, webhooks and exports use them) and are never "
        "renamed. The portal shows the same page at `/rules/`.",
        "",
        "Severities:",
        "",
        *(f"- **{s.value}**: {meaning}" for s, meaning in SEVERITY_MEANING.items()),
        "",
        "## Words the rules use",
        "",
        *(f"- **{term}**: {text}" for term, text in WORDS),
        "",
    ]
    for group in Group:
        title, intro = GROUP_TITLES[group]
        lines += [f"## {title}", "", intro, ""]
        for entry in entries(group):
            lines += _markdown_entry(entry)
    lines += ["## Sources", ""]
    lines += [f"- {'; '.join(refs)}: {topic}." for refs, topic in SOURCES]
    return "\n".join(lines) + "\n"
