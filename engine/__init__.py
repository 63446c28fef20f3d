"""woonpact: checks Dutch housing performance agreements (prestatieafspraken) against yearly facts.

Data flows one way through the sub-packages:

    rules/ (load + validate packs) ─┐
    facts/ (load + validate facts) ─┼─> evaluate (measure) ─> judge (norms) ─> ladder ─> output
    params/ (national figures)  ────┘

`language/` is the expression language used by rules; `model/` holds the frozen domain types.
"""

__version__ = "0.1.0"
