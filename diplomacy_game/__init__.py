"""Multipolar: a turn-based geopolitical strategy board game."""

__version__ = "0.1.0"
