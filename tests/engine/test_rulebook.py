"""The rulebook (scheduling/engine/rulebook/) against the engine it documents: an entry per
code, the severities the rules really emit, and docs/rules.md as its exact output."""

from __future__ import annotations

import ast
from pathlib import Path

from scheduling.engine import Rule, Severity
from scheduling.engine.rulebook import RULEBOOK, Group, entries, markdown

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "scheduling" / "engine"
RULES_DIR = ENGINE / "rules"
# The group each rule module's findings are listed under.
MODULE_GROUPS = {"placement": Group.PLACEMENT, "dose": Group.DOSE, "sets": Group.SETS,
                 "plyo": Group.PLYOMETRIC, "readiness": Group.READINESS,
                 "missed": Group.READINESS}


def _literal(node: ast.AST) -> Severity | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
            and node.value.id == "Severity":
        return Severity[node.attr]
    return None


def _severities(arg: ast.expr, function: ast.AST) -> set[Severity]:
    """The ``Severity.X`` given in a ``Hit(...)`` call, or those a local name passed there is
    assigned from (``severity = Severity.ERROR if ... else Severity.WARNING``)."""
    literal = _literal(arg)
    if literal is not None:
        return {literal}
    assert isinstance(arg, ast.Name), f"teach this test to read {ast.dump(arg)}"
    found = {s for node in ast.walk(function) if isinstance(node, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == arg.id for t in node.targets)
             for v in ast.walk(node.value) if (s := _literal(v)) is not None}
    assert found, f"no Severity assigned to {arg.id}"
    return found


def emitted() -> dict[Rule, tuple[set[Severity], set[str]]]:
    """Every ``Hit(Rule.X, <severity>, ...)`` in the engine's source: the severities each rule
    is emitted with, and the modules that emit it."""
    out: dict[Rule, tuple[set[Severity], set[str]]] = {}
    for path in sorted(ENGINE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for call in ast.walk(function):
                if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                        and call.func.id == "Hit"):
                    continue
                code, severity = call.args[:2]
                assert isinstance(code, ast.Attribute), ast.dump(code)
                severities, modules = out.setdefault(Rule[code.attr], (set(), set()))
                severities |= _severities(severity, function)
                modules.add(path.stem)
    return out


def test_every_rule_code_has_an_entry_with_words() -> None:
    for rule in Rule:
        entry = RULEBOOK.get(rule)
        assert entry is not None, f"{rule} has no entry in the rulebook"
        assert entry.rule is rule
        assert entry.name and entry.why and entry.verdicts, rule
        assert rule.value not in entry.name  # a name for coaches, not the code again


def test_the_rulebook_lists_the_severities_each_rule_emits_and_no_other() -> None:
    found = emitted()
    assert set(found) == set(Rule), "a code is declared but never emitted, or the reverse"
    for rule, (severities, _) in found.items():
        book = [v.severity for v in RULEBOOK[rule].verdicts]
        assert set(book) == severities, (rule, book, severities)
        assert len(book) == len(set(book)), rule


def test_each_rule_is_listed_in_the_group_of_the_module_that_emits_it() -> None:
    for rule, (_, modules) in emitted().items():
        assert {MODULE_GROUPS[m] for m in modules} == {RULEBOOK[rule].group}, (rule, modules)


def test_verdicts_come_most_severe_first() -> None:
    order = list(Severity)
    for entry in RULEBOOK.values():
        ranks = [order.index(v.severity) for v in entry.verdicts]
        assert ranks == sorted(ranks), entry.rule


def test_the_groups_hold_every_entry_once() -> None:
    listed = [e.rule for g in Group for e in entries(g)]
    assert sorted(listed) == sorted(Rule)


def test_the_words_follow_the_engines_thresholds() -> None:
    """Spot checks that the words come from the constants the rules use."""
    from scheduling.engine.rules.placement import BEFORE_KEY_ERROR_H
    from scheduling.engine.rules.plyo import CONTACT_CAP

    assert f"less than {BEFORE_KEY_ERROR_H:g} h" in RULEBOOK[Rule.HEAVY_BEFORE_KEY_RUN] \
        .verdicts[0].when
    volume = RULEBOOK[Rule.PLYO_VOLUME].verdicts[0].when
    assert all(f"{level.value} {cap}" in volume for level, cap in CONTACT_CAP.items())


def test_docs_rules_md_is_the_rulebooks_output() -> None:
    on_disk = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert on_disk == markdown(), "docs/rules.md is stale: run `make docs`"


def test_the_markdown_has_one_anchor_per_code() -> None:
    text = markdown()
    for rule in Rule:
        assert text.count(f'<a id="{rule.value}"></a>') == 1, rule
