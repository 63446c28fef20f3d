"""The small expression language of rule measures, filters and norms.

Rule text is data: it is tokenised and parsed here by a recursive-descent parser that reports
the column of every error, type-checked against the fact vocabulary (so that a share is never
compared with a count), and compiled into Python closures. Nothing is ever passed to eval/exec.
"""
