"""The map view's camera: the zoom level and the centre of the view (pan), and the mapping
between screen and canvas points as last drawn. A mixin of ``MapRenderer``."""

from __future__ import annotations

from typing import Any

from .map_draw import LAYER_BUDGET_PX
from .mapdata import ZOOM_STEPS, FittedMap, MapGeometry, Point, Rect, camera, fit_scale


class MapCamera:
    """Zoom (``ZOOM_STEPS``; 1 = the whole map fitted) and centre (a canvas point, None: the
    map's own), kept so that the map's edges never leave a gap."""

    geometry: MapGeometry
    zoom: float
    center: Point | None
    _fitted: FittedMap | None
    _origin: tuple[int, int]
    _rect: Rect
    _layer: Any

    def view_key(self) -> tuple[float, Point | None]:
        """The camera (zoom, centre): a frame cache draws the map again when it changes."""
        return self.zoom, self.center

    def zoom_levels(self, size: tuple[int, int] | None = None) -> tuple[float, ...]:
        """The zoom levels offered for a rectangle of ``size`` (the last drawn one by default)."""
        w, h = size if size is not None else self._rect[2:]
        base = fit_scale(self.geometry, (w, h))
        area = self.geometry.width * self.geometry.height * base * base
        return tuple(z for z in ZOOM_STEPS if z == 1.0 or area * z * z <= LAYER_BUDGET_PX)

    def zoom_by(self, steps: int, at: tuple[float, float] | None = None) -> bool:
        """Zoom ``steps`` levels in (> 0) or out (< 0), keeping the map point under the screen
        point ``at`` (default: the middle of the view) where it is. True when the view changed."""
        levels = self.zoom_levels()
        cur = min(range(len(levels)), key=lambda i: abs(levels[i] - self.zoom))
        new = levels[max(0, min(len(levels) - 1, cur + steps))]
        if new == self.zoom or self._fitted is None:
            return False
        x, y, w, h = self._rect
        local = (w / 2, h / 2) if at is None else (at[0] - x, at[1] - y)
        px, py = self._fitted.to_canvas(local)
        s = fit_scale(self.geometry, (w, h)) * new
        self.zoom = new
        self.center = None if new == 1.0 else (px - (local[0] - w / 2) / s, py - (local[1] - h / 2) / s)
        self._settle()
        return True

    def pan_by(self, dx: float, dy: float) -> bool:
        """Move the view by (dx, dy) shares of its rectangle (+x: east, +y: south). True when it moved."""
        if self._fitted is None:
            return False
        _, _, w, h = self._rect
        s = self._fitted.scale
        cx, cy = self.center if self.center is not None else self._fitted.to_canvas((w / 2, h / 2))
        before = self._origin
        self.center = (cx + dx * w / s, cy + dy * h / s)
        self._settle()
        return self._camera()[1:] != before

    def show(self, rid: str, margin: float = 0.12) -> bool:
        """Zoomed in: bring region ``rid``'s anchor into view (the view centred on it) when it is
        off screen or within ``margin`` of an edge. True when the view moved."""
        shape = self.geometry.regions.get(rid)
        if shape is None or self.zoom == 1.0 or self._fitted is None:
            return False
        _, _, w, h = self._rect
        x, y = self._fitted.to_screen(shape.anchor)
        if margin * w <= x <= (1 - margin) * w and margin * h <= y <= (1 - margin) * h:
            return False
        before = self._camera()[1:]
        self.center = shape.anchor
        self._settle()
        return self._camera()[1:] != before

    def reset_view(self) -> bool:
        changed = self.zoom != 1.0 or self.center is not None
        self.zoom, self.center = 1.0, None
        return changed

    def to_screen(self, p: Point) -> tuple[int, int] | None:
        """The screen point of the canvas point ``p`` as last drawn (None before any draw)."""
        if self._fitted is None:
            return None
        x, y = self._fitted.to_screen(p)
        return x + self._rect[0], y + self._rect[1]

    def to_canvas(self, pos: tuple[float, float]) -> Point | None:
        """The canvas point under the screen point ``pos`` as last drawn (None before any draw)."""
        if self._fitted is None:
            return None
        return self._fitted.to_canvas((pos[0] - self._rect[0], pos[1] - self._rect[1]))

    def _camera(self, size: tuple[int, int] | None = None) -> tuple[float, int, int]:
        return camera(self.geometry, size or (self._rect[2], self._rect[3]), self.zoom, self.center)

    def _settle(self) -> None:
        """Keep the centre where the camera really puts it (the map's edges stop a pan)."""
        if self.center is None or self._rect[2] <= 0:
            return
        s, ox, oy = self._camera()
        self.center = ((self._rect[2] / 2 - ox) / s, (self._rect[3] / 2 - oy) / s)
