"""Tools for the people who write rule packs: lint, rule tests as data, and a new pack's
skeleton."""
