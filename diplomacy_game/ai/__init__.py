"""Computer players. They decide from a seat's view and legal actions only."""

from .policy import LEVELS, EasyAI, HardAI, NormalAI, Player, decide, make_player

__all__ = ["LEVELS", "EasyAI", "HardAI", "NormalAI", "Player", "decide", "make_player"]
