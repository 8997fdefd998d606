"""The input modes of the game screen: one per kind of decision (and one while waiting).

A mode is a frozen value: its buttons, the candidate actions it marks on the map, its prompt
and what a click on a region or a button does. The screen swaps the mode when the decision
(or, in the operations, the tool: influence, pressure, a faction action) changes.
"""

from __future__ import annotations

from ...engine import PendingChoice, PendingHeadline, PendingOps, PendingPlay, PendingTarget
from ...engine.decision import Decision
from .base import ButtonSpec, Mode, WaitMode, region_of
from .ops import ActionTool, InfluenceTool, OpsMode, PressureTool, Tool
from .play import ChoiceMode, HeadlineMode, PlayMode, TargetMode

__all__ = ["ActionTool", "ButtonSpec", "ChoiceMode", "HeadlineMode", "InfluenceTool", "Mode", "OpsMode", "PlayMode",
           "PressureTool", "TargetMode", "Tool", "WaitMode", "mode_for", "region_of"]


def mode_for(pending: Decision | None) -> Mode:
    """The mode a decision opens (for the seat at the screen; None: nothing to decide)."""
    if isinstance(pending, PendingPlay):
        return PlayMode()
    if isinstance(pending, PendingOps):
        return OpsMode(InfluenceTool())
    if isinstance(pending, PendingTarget):
        return TargetMode()
    if isinstance(pending, PendingChoice):
        return ChoiceMode()
    if isinstance(pending, PendingHeadline):
        return HeadlineMode()
    return WaitMode()
