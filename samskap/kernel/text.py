"""Limits and helpers for free text."""

#: The longest text a field takes; longer input gets a clear form error, not a database error.
TEXT_MAX = 50_000
