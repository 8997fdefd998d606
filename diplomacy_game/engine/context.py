"""What the words ``self``, ``owner`` and ``target`` mean while content is being applied."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Ctx:
    actor: str | None = None  # 'self': the faction acting (who plays, chooses, pushes)
    owner: str | None = None  # the card's owner
    target: str | None = None  # the chosen region or faction
    event: str | None = None  # the timeline event being resolved
    card: str | None = None  # the card being resolved

    def faction(self, ref: str) -> str | None:
        if ref == "self":
            return self.actor
        if ref == "owner":
            return self.owner
        if ref == "target":
            return self.target
        return ref

    def region(self, ref: str) -> str | None:
        return self.target if ref == "target" else ref

    def with_actor(self, actor: str | None) -> Ctx:
        return replace(self, actor=actor)

    def to_json(self) -> dict[str, Any]:
        return {"actor": self.actor, "owner": self.owner, "target": self.target, "event": self.event, "card": self.card}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Ctx:
        return cls(d.get("actor"), d.get("owner"), d.get("target"), d.get("event"), d.get("card"))
