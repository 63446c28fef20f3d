"""Loading and validating rule packs: schema, expressions, units and cross-references."""
