"""Saving and loading in the window: the load screen, questions, and opening a save.

A save that cannot be loaded is refused with its reason and changes nothing: the game or menu
that was open stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from ... import saves
from ...engine.turn import month_name
from .. import intents as it
from ..intents import Intent
from . import flow, kit
from .base import Scene
from .dialogs import MessageDialog, _Dialog

if TYPE_CHECKING:
    from ..screen import GameScreen

class ConfirmDialog(_Dialog):
    """A question with a few answers; ``on_answer(key)`` is called after the dialog closes."""

    name = "confirm"

    def __init__(self, app: Any, title: str, lines: list[str], options: list[tuple[str, str]],
                 on_answer: Callable[[str], None]) -> None:
        super().__init__(app, None)
        self.title = title
        self.lines = lines
        self.options = options
        self.on_answer = on_answer

    def layout(self) -> None:
        w = self.box(10).w - kit.sc(48)
        h = kit.sc(120) + kit.block_height(self.title, w, "large", True)
        h += sum(kit.block_height(ln, w, "normal") + kit.sc(6) for ln in self.lines)
        self.panel = self.box(h)
        bw, bh, gap = kit.sc(250), kit.sc(38), kit.sc(12)
        x = self.panel.right - kit.sc(24)
        self.buttons = []
        for i, (key, label) in enumerate(reversed(self.options)):
            r = pygame.Rect(0, 0, bw, bh)
            r.bottomright = (x, self.panel.bottom - kit.sc(16))
            x = r.left - gap
            self.buttons.insert(0, kit.Button(key, label, r, hint=str(len(self.options) - i)))

    def activate(self, b: kit.Button) -> None:
        self.app.pop(self)
        self.on_answer(b.key)

    def cancel(self) -> None:
        self.app.pop(self)
        self.on_answer("cancel")

    def draw(self, surface: pygame.Surface) -> None:
        kit.overlay(surface, 160)
        p = self.panel
        kit.panel(surface, p, "panel", "accent", radius=10)
        inner = p.inflate(-kit.sc(48), -kit.sc(36))
        y = inner.y + kit.text_block(surface, self.title, pygame.Rect(inner.x, inner.y, inner.w, inner.h), "large",
                                     bold=True) + kit.sc(8)
        for ln in self.lines:
            y += kit.text_block(surface, ln, pygame.Rect(inner.x, y, inner.w, inner.bottom - y), "normal") + kit.sc(6)
        for i, b in enumerate(self.buttons):
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), focus=i == self.focus)


def open_save(app: Any, path: Path, *, replay_changed: bool = False) -> bool:
    """Load ``path`` into a new game screen; on failure say why and change nothing.

    Until the game has drawn once, the session marker names the file: if opening it crashes
    the game, the next start sets it aside instead of offering it again.
    """
    _phase(app, path)
    try:
        save = saves.read_save(path)
        game = saves.restore(save, replay_changed=replay_changed)
    except saves.ScenarioChanged as exc:
        _not_resuming(app)
        if exc.replayable:
            def answer(key: str) -> None:
                if key == "replay":
                    open_save(app, path, replay_changed=True)

            app.push(ConfirmDialog(app, "The scenario has changed since this save", [
                f"{path.name}: the scenario file was edited after this game was saved.",
                f"Its {exc.moves} moves still replay on the new version: the game would go on with the new "
                "text and numbers. Nothing is changed unless you choose to replay.",
            ], [("replay", "Replay on the new version"), ("cancel", "Cancel")], answer))
        else:
            app.push(MessageDialog(app, None, "This save cannot be loaded", [exc.message], error=True))
        return False
    except saves.SaveError as exc:
        _not_resuming(app)
        app.push(MessageDialog(app, None, "This save cannot be loaded", [f"{path.name}: {exc.message}"],
                               error=True))
        return False
    app.reset(flow.title()(app))
    flow.open_loaded()(app, save, game, path, f"Loaded {save.title}, {save.month} ({path.name}).")
    return True


def _phase(app: Any, path: Path | None) -> None:
    """The marker says that ``path`` is being opened (None: nothing is)."""
    if hasattr(app, "track_phase"):
        app.resuming = path
        app.track_phase()


def _not_resuming(app: Any) -> None:
    _phase(app, None)


def short_reason(error: str | None) -> str:
    """A refusal without the parser's details (kept for the dialog): 'the file is truncated or corrupt'."""
    return (error or "unknown error").split(" (")[0]


def save_now(gs: GameScreen) -> tuple[bool, str]:
    """Save the game of ``gs`` to a new file in the saves folder: (ok, message)."""
    try:
        name = gs.match.save()
    except saves.SaveError as exc:
        return False, f"Not saved: {exc.message}"
    return True, f"Saved: {name}"


def offer_resume(app: Any, last: saves.LastSession | None = None) -> bool:
    """After a crash: offer to resume the newest autosave, or to start fresh. True if asked.

    If the game crashed while opening a file, that file is set aside (renamed ``*.crashed``) and
    nothing is resumed: the same file never crashes the game twice.
    """
    last = last or saves.LastSession(True)
    if last.phase == "resuming" and last.file is not None:
        moved = saves.set_aside(last.file) if last.file.is_file() else None
        lines = [f"The game stopped while opening {last.file.name}."]
        if moved is not None:
            lines.append(f"That file was set aside as {moved.name} (in {moved.parent}), so that it cannot "
                         "stop the game again. Your other saves are in Load game.")
        app.push(ConfirmDialog(app, "The last game did not end properly", lines, [("fresh", "Start fresh")],
                               lambda key: None))
        return True
    try:
        newest = saves.newest_autosave()
        info = saves.read_save(newest) if newest is not None else None
    except saves.SaveError:
        newest = info = None
    if newest is None or info is None:
        return False

    def answer(key: str) -> None:
        if key == "resume":
            open_save(app, newest)

    when = "while a game was being played" if last.phase == "playing" else "perhaps by a crash"
    app.push(ConfirmDialog(app, "The last game did not end properly", [
        f"The game was closed without quitting, {when}.",
        f"The newest autosave is {info.title}, {info.month} (saved {info.saved_at.replace('T', ' ')}).",
    ], [("resume", "Resume it"), ("fresh", "Start fresh")], answer))
    return True


class LoadScene(Scene):
    """Every save and autosave, newest first; damaged ones are listed with their reason."""

    name = "load"
    opaque = True
    ROW = 46

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.rows: list[saves.SaveListing] = []
        self.focus = 0
        self.top_row = 0
        self.buttons: list[kit.Button] = []
        self.back = kit.Button("back", "Back", pygame.Rect(0, 0, 0, 0), hint="Esc")
        self.scan()

    def scan(self) -> None:
        rows = saves.list_saves(saves.saves_dir()) + saves.list_saves(saves.autosave_dir())
        self.rows = sorted(rows, key=lambda s: (s.save.saved_at if s.save else "", s.path.name), reverse=True)
        live = saves.live_path()
        if live.is_file():  # the last game played, as it stood after its last move
            try:
                self.rows.insert(0, saves.SaveListing(live, saves.read_save(live), None))
            except saves.SaveError as exc:
                self.rows.insert(0, saves.SaveListing(live, None, exc.message))
        self.focus = min(self.focus, max(0, len(self.rows) - 1))

    def enter(self) -> None:
        self.scan()
        self.layout()

    def visible_rows(self) -> int:
        h = self.size[1]
        return max(1, (h - kit.sc(220)) // kit.sc(self.ROW))

    def layout(self) -> None:
        w, h = self.size
        n = self.visible_rows()
        if self.focus < self.top_row:
            self.top_row = self.focus
        elif self.focus >= self.top_row + n:
            self.top_row = self.focus - n + 1
        bw = min(kit.sc(900), w - kit.sc(60))
        x, y = (w - bw) // 2, kit.sc(120)
        self.buttons = []
        for i, row in enumerate(self.rows[self.top_row:self.top_row + n], start=self.top_row):
            r = pygame.Rect(x, y, bw, kit.sc(self.ROW) - kit.sc(6))
            y += kit.sc(self.ROW)
            if row.save is not None:
                self.buttons.append(kit.Button(f"row:{i}", self.label(row), r, hint=self.hint(row.save)))
            else:
                label = f"{row.path.name} — cannot be loaded: {short_reason(row.error)}"
                self.buttons.append(kit.Button(f"row:{i}", label, r, enabled=False, reason=row.error))
        self.back.rect = pygame.Rect(0, 0, kit.sc(160), kit.sc(40))
        self.back.rect.bottomleft = (x, h - kit.sc(30))

    @staticmethod
    def label(row: saves.SaveListing) -> str:
        s = row.save
        assert s is not None
        if row.path == saves.live_path():
            kind = "last game played"
        else:
            kind = "autosave" if s.kind == "autosave" else "saved"
        month = month_name(s.month + "-01") if len(s.month) == 7 else s.month
        done = ", finished" if s.finished else f", move {len(s.moves)}"
        return f"{s.title} — {month}{done} — {kind} {s.saved_at.replace('T', ' ')}"

    @staticmethod
    def hint(s: saves.SaveFile) -> str:
        humans = [f for f, who in s.seats.items() if who.startswith("human")]
        return ("players: " + ", ".join(h.capitalize() for h in humans)) if humans else "computers only"

    def update(self, dt: float) -> bool:
        self.layout()
        return False

    def choose(self, i: int) -> None:
        if not 0 <= i < len(self.rows):
            return
        row = self.rows[i]
        if row.save is None:
            def answer(key: str) -> None:
                if key == "delete":
                    self.ask_delete(i)

            self.app.push(ConfirmDialog(self.app, "This save cannot be loaded",
                                        [f"{row.path.name}: {row.error}"],
                                        [("cancel", "Keep it"), ("delete", "Delete this file…")], answer))
            return
        open_save(self.app, row.path)

    def ask_delete(self, i: int) -> None:
        """Delete the file of row ``i``, once the player confirms."""
        if not 0 <= i < len(self.rows):
            return
        path = self.rows[i].path

        def answer(key: str) -> None:
            if key == "delete":
                try:
                    path.unlink()
                except OSError as exc:
                    self.app.push(MessageDialog(self.app, None, "The file was not deleted",
                                                [f"{path.name}: {exc.strerror or exc}"], error=True))
                self.scan()
                self.layout()

        self.app.push(ConfirmDialog(self.app, f"Delete {path.name}?", [
            f"The file {path} will be deleted. This cannot be undone.",
        ], [("cancel", "Cancel"), ("delete", "Delete it")], answer))

    def handle(self, intent: Intent) -> None:
        self.layout()
        k = intent.kind
        n = len(self.rows)
        if k in (it.DOWN, it.NEXT) and n:
            self.focus = (self.focus + 1) % n
        elif k in (it.UP, it.PREV) and n:
            self.focus = (self.focus - 1) % n
        elif k == it.WHEEL and n:
            self.focus = max(0, min(n - 1, self.focus - int(intent.value)))
        elif k in (it.CONFIRM, it.SPACE) and n:
            self.choose(self.focus)
        elif k == it.LETTER and intent.value == "d" and n:  # D: delete the chosen save (asks first)
            self.ask_delete(self.focus)
        elif k == it.CLICK:
            if self.back.rect.collidepoint(intent.pos or (-1, -1)):
                self.app.pop(self)
                return
            b = kit.button_at(self.buttons, intent.pos)
            if b is not None:
                self.focus = int(b.key.split(":")[1])
                self.choose(self.focus)
        elif k == it.MOVE:
            b = kit.button_at(self.buttons, intent.pos)
            if b is not None:
                self.focus = int(b.key.split(":")[1])
        elif k == it.CANCEL:
            self.app.pop(self)
        self.layout()

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        kit.text(surface, "Load a game", (w // 2, kit.sc(20)), "title", bold=True, anchor="midtop")
        kit.text(surface, f"Saves: {saves.saves_dir()}   ·   autosaves: {saves.autosave_dir()}",
                 (w // 2, kit.sc(80)), "small", kit.THEME.c("muted"), anchor="midtop", max_width=w - kit.sc(40))
        if not self.rows:
            kit.text(surface, "There are no saved games yet. Save from the pause menu (Esc) or with Ctrl+S.",
                     (w // 2, h // 2), "large", kit.THEME.c("muted"), anchor="center", max_width=w - kit.sc(40))
        for b in self.buttons:
            i = int(b.key.split(":")[1])
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), focus=i == self.focus)
        if len(self.rows) > len(self.buttons):
            kit.text(surface, f"{len(self.rows)} saves — Up/Down or the wheel to scroll — D to delete",
                     (w // 2, h - kit.sc(50)), "small", kit.THEME.c("muted"), anchor="midbottom")
        elif self.rows:
            kit.text(surface, "D: delete the chosen save", (w // 2, h - kit.sc(50)), "small", kit.THEME.c("muted"),
                     anchor="midbottom")
        self.back.draw(surface, hover=self.back.rect.collidepoint(self.app.mouse))
