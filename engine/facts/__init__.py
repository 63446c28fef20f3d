"""Loading and validating yearly fact sets against the fact vocabulary."""
