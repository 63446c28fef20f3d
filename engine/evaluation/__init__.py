"""Evaluating a pack against a history of fact sets: measure, then judge, one finding at a time."""
