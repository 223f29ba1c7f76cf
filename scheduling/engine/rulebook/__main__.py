"""``python -m scheduling.engine.rulebook > docs/rules.md``."""

from scheduling.engine.rulebook.markdown import markdown

print(markdown(), end="")
