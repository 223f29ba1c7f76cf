"""axe-core in the browser tests: run the vendored axe.min.js (pinned in package.json, copied
by ``npm run vendor``) on the page as it stands, and keep every page's figures for the summary
printed at the end of the run (conftest.pytest_terminal_summary)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = ("critical", "serious")


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        where = ", ".join(self.targets[:3]) + (" ..." if len(self.targets) > 3 else "")
        return f"[{self.impact}] {self.rule}: {self.help} ({len(self.targets)} x: {where})"


@dataclass
class Audit:
    """One page seen by one person at one width."""

    who: str
    width: int
    path: str
    key: str  # the same page in every run (its path holds the ids of one demo)
    violations: list[Violation] = field(default_factory=list)

    @property
    def blocking(self) -> list[Violation]:
        return [v for v in self.violations if v.impact in BLOCKING]


AUDITS: list[Audit] = []


def audit(page: Any, *, who: str, path: str, key: str = "", record: bool = True) -> Audit:
    """axe-core's verdict on ``page`` (already loaded, its disclosures then opened), with
    its default rules (WCAG 2.x A and AA and the best practices), kept for the summary
    unless ``record`` is false. Injected through the DevTools protocol, so the page keeps
    the Content-Security-Policy users get."""
    # What a disclosure hides is on the page too: open them all, as a user would.
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact || 'minor', help: v.help,"
        " targets: v.nodes.map(n => n.target.join(' '))}))")
    found = Audit(who=who, width=page.viewport_size["width"], path=path, key=key or path,
                  violations=[
                      Violation(v["id"], v["impact"], v["help"], tuple(v["targets"]))
                      for v in result])
    if record:
        AUDITS.append(found)
    return found


def summary() -> list[str]:
    """Pages x widths, and the violations by impact (each counted once per element)."""
    if not AUDITS:
        return []
    pages = {(a.who, a.key) for a in AUDITS}
    widths = sorted({a.width for a in AUDITS})
    by_impact: Counter[str] = Counter()
    by_rule: Counter[tuple[str, str]] = Counter()
    for a in AUDITS:
        for v in a.violations:
            by_impact[v.impact] += len(v.targets)
            by_rule[(v.impact, v.rule)] += len(v.targets)
    screens = {a.key for a in AUDITS}
    lines = [f"axe-core: {len(screens)} pages and states, {len(pages)} (person, page) pairs x "
             f"{len(widths)} widths ({', '.join(f'{w} px' for w in widths)}) = "
             f"{len(AUDITS)} audits",
             "elements in violation by impact: "
             + ", ".join(f"{impact} {by_impact[impact]}" for impact in IMPACTS)]
    lines += [f"  {impact:<8} {rule}: {n}" for (impact, rule), n in sorted(
        by_rule.items(), key=lambda item: (IMPACTS.index(item[0][0]), item[0][1]))]
    return lines
