"""The map panel: the renderer (or the schematic map without a map asset), hit testing, the
marked candidates and the region tooltip."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import pygame

from ...engine.targets import member_in
from ...engine.turn import month_name
from ...engine.view import SeatView
from ...scenario.loader import Scenario
from ..colour import rgb
from ..frames import Held
from ..map_draw import PAN_STEP
from ..map_view import MapRenderer
from ..mapdata import MapGeometry
from ..modes import region_of
from ..palette import scenario_palette
from ..scenes import kit
from ..scenes.fallback_map import SchematicMap

if TYPE_CHECKING:
    from ..palette import Palette
    from ..screen import GameScreen


class MapDrawer(Protocol):
    def draw(self, surface: pygame.Surface, rect: pygame.Rect, view: SeatView, *, hover: str | None,
             targets: tuple[str, ...], highlight: str | None) -> None: ...
    def region_at(self, pos: tuple[int, int]) -> str | None: ...


class MapPanel:
    """The map: drawn from the view, with the mode's candidates marked."""

    def __init__(self) -> None:
        self.renderer: MapDrawer | None = None
        self.colorblind: bool | None = None
        self.colours: dict[str, kit.Color] = {}
        self.rect = pygame.Rect(0, 0, 0, 0)

    def make(self, scn: Scenario, colorblind: bool, *, fresh: bool = False) -> None:
        """(Re)build the renderer for ``scn`` (``fresh``: a new scenario, not only a new palette)."""
        if fresh:
            self.renderer = None
        self.colorblind = colorblind
        try:
            pal: Palette = scenario_palette(scn, colorblind)
            self.colours = {f: pal.color(f) for f in scn.factions}
            set_palette = getattr(self.renderer, "set_palette", None)
            if self.renderer is not None and set_palette is not None:
                set_palette(pal)
                return
            geometry = MapGeometry.for_map(scn.map.model.id)
            self.renderer = MapRenderer(scn, geometry, pal)
        except Exception:  # no map asset, or a broken one: the schematic map still plays
            self.colours = self.colours or {f: rgb(scn.faction(f).color) for f in scn.factions}
            self.renderer = SchematicMap(scn, self.colours)

    def region_at(self, scn: Scenario, pos: tuple[int, int]) -> str | None:
        if not self.rect.collidepoint(pos) or self.renderer is None:
            return None
        try:
            r = self.renderer.region_at(pos)
        except Exception:
            return None
        return r if r in scn.map.regions else None

    def zoom(self, steps: int, at: tuple[int, int] | None = None) -> bool:
        """Zoom the map ``steps`` levels in (> 0) or out (< 0), keeping the point under ``at``
        (a screen point over the map; else the middle) in place; 0: the whole map again. True
        when the view changed (never with a renderer that has no camera, like the schematic)."""
        if steps == 0:
            reset = getattr(self.renderer, "reset_view", None)
            return bool(reset()) if callable(reset) else False
        zoom_by = getattr(self.renderer, "zoom_by", None)
        if not callable(zoom_by):
            return False
        return bool(zoom_by(steps, at if at is not None and self.rect.collidepoint(at) else None))

    def pan(self, dx: int, dy: int) -> bool:
        """Move the zoomed map a step east (dx > 0), west, south (dy > 0) or north; True when it moved."""
        pan_by = getattr(self.renderer, "pan_by", None)
        if not callable(pan_by):
            return False
        return bool(pan_by(dx * PAN_STEP, dy * PAN_STEP))

    @property
    def zoomed(self) -> bool:
        """Whether the map is zoomed in (so that it can be panned)."""
        return float(getattr(self.renderer, "zoom", 1.0)) > 1.0

    def drag(self, rel: tuple[int, int]) -> bool:
        """The pointer dragged the zoomed map by ``rel`` screen pixels: the map follows it."""
        pan_by = getattr(self.renderer, "pan_by", None)
        if not callable(pan_by) or self.rect.w <= 0 or self.rect.h <= 0:
            return False
        return bool(pan_by(-rel[0] / self.rect.w, -rel[1] / self.rect.h))

    def show(self, rid: str | None) -> bool:
        """Zoomed in: pan so that region ``rid`` is in view (Tab to a region off screen)."""
        show = getattr(self.renderer, "show", None)
        return bool(show(rid)) if rid is not None and callable(show) else False

    def anchor(self, rid: str) -> tuple[int, int] | None:
        """The renderer's own point for a region (None: it has none)."""
        fn = getattr(self.renderer, "region_point", None)
        if fn is None:
            return None
        p = fn(rid)
        return (int(p[0]), int(p[1])) if p is not None else None

    def region_point(self, scn: Scenario, rid: str) -> tuple[int, int] | None:
        """A screen point inside region ``rid`` on the map (None when not found)."""
        try:
            p = self.anchor(rid)
            if p is not None and self.region_at(scn, p) == rid:
                return p
        except Exception:
            pass
        m = self.rect
        step = max(4, min(m.w, m.h) // 80)
        for yy in range(m.y + 1, m.bottom, step):
            for xx in range(m.x + 1, m.right, step):
                if self.region_at(scn, (xx, yy)) == rid:
                    return (xx, yy)
        return None

    def draw_view(self, surface: pygame.Surface, rect: pygame.Rect, view: SeatView, *, hover: str | None = None,
                  targets: tuple[str, ...] = (), highlight: str | None = None) -> None:
        """The map alone, for any view (the catch-up draws its steps with it)."""
        try:
            assert self.renderer is not None
            self.renderer.draw(surface, rect, view, hover=hover, targets=targets, highlight=highlight)
        except Exception as exc:  # a broken map must not take the game down
            pygame.draw.rect(surface, kit.THEME.c("map_sea"), rect)
            kit.text(surface, f"(map unavailable: {type(exc).__name__})", rect.center, anchor="center")

    def draw(self, surface: pygame.Surface, gs: GameScreen) -> None:
        v = gs.view
        hl = region_of(gs.scn, gs.armed) if gs.armed is not None else self._last_region(gs, v)
        targets: list[str] = []
        for a in gs.input.candidates(gs):
            r = region_of(gs.scn, a)
            if r is not None and r not in targets:
                targets.append(r)
        self.draw_view(surface, self.rect, v, hover=gs.hover_region, targets=tuple(targets), highlight=hl)

    def frame_key(self, gs: GameScreen) -> tuple[object, ...]:
        """What ``draw`` would show now, for the frame cache (``ui/frames.py``): the map is drawn
        again only when this changes. A renderer with a view state of its own (a zoom, a pan)
        adds it by a ``view_key()`` method."""
        v = gs.view
        hl = region_of(gs.scn, gs.armed) if gs.armed is not None else self._last_region(gs, v)
        targets: list[str] = []
        for a in gs.input.candidates(gs):
            r = region_of(gs.scn, a)
            if r is not None and r not in targets:
                targets.append(r)
        own = getattr(self.renderer, "view_key", None)
        return (Held(self.renderer), Held(v), (self.rect.x, self.rect.y, self.rect.w, self.rect.h), gs.hover_region,
                tuple(targets), hl, own() if callable(own) else None)

    def _last_region(self, gs: GameScreen, v: SeatView) -> str | None:
        """The region the latest log line is about (highlighted while others act)."""
        if gs.seat is not None or not v.log:
            return None
        data = v.log[-1].data
        for k in ("region", "target"):
            r = data.get(k)
            if isinstance(r, str) and r in gs.scn.map.regions:
                return r
        return None

    def draw_tooltip(self, surface: pygame.Surface, gs: GameScreen) -> None:
        scn, v, mouse = gs.scn, gs.view, gs.app.mouse
        rid = gs.hover_region
        anchor: tuple[int, int] | None = mouse
        if rid is None or not self.rect.collidepoint(mouse):
            # keyboard play: describe the armed region, next to it on the map
            rid = region_of(scn, gs.armed) if gs.armed is not None else None
            anchor = self.anchor(rid) if rid is not None else None
            if rid is None or anchor is None:
                return
        reg = scn.map.regions[rid]
        lines = [(reg.name + ("  ★ battleground" if reg.battleground else ""), True)]
        bloc = next((b.name for b in scn.map.model.blocs if b.id == reg.bloc), reg.bloc)
        lines.append((f"{bloc}  ·  stability {v.stability.get(rid, reg.stability)}", False))
        if reg.members:
            orgs = [
                mm.upper() if member_in(scn, rid, mm, v.month) else f"{mm.upper()} (from {month_name(reg.joined[mm])})"
                for mm in reg.members
            ]
            lines.append(("Member of: " + ", ".join(orgs), False))
        inf = v.influence.get(rid, {})
        parts = [f"{scn.faction(f).name} {inf.get(f, 0)}" for f in scn.factions if inf.get(f, 0)]
        lines.append(("Influence: " + (", ".join(parts) if parts else "none"), False))
        ctl = v.control.get(rid)
        lines.append((f"Controlled by {scn.faction(ctl).name}" if ctl else "Not controlled", False))
        font = kit.FONTS.get("small")
        w = max(kit.FONTS.get("small", bold).size(t)[0] for t, bold in lines) + kit.sc(20)
        h = len(lines) * font.get_linesize() + kit.sc(12)
        x, y = anchor if anchor is not None else mouse
        r = pygame.Rect(x + kit.sc(16), y + kit.sc(16), w, h)
        r.clamp_ip(self.rect)
        kit.panel(surface, r, "panel", "panel_border")
        yy = r.y + kit.sc(6)
        for t, bold in lines:
            kit.text(surface, t, (r.x + kit.sc(10), yy), "small", bold=bold)
            yy += font.get_linesize()
