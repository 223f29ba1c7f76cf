"""The rules of RULES.md, one module per table: placement, dose, sets, plyo."""
