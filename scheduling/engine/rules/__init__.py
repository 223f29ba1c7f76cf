"""The rules of docs/rules.md, one module per table: placement, dose, sets, plyo."""
