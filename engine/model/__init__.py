"""Frozen domain types shared by every stage: packs and rules, fact sets, findings."""
