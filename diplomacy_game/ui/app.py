"""The game window: a stack of scenes fed with intents, drawn every frame.

``App.process(events, dt)`` is one frame without the clock or the real event queue: the
tests drive the whole game through it with synthetic pygame events.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from .. import saves
from . import intents as it
from .intents import Intent, translate
from .scenarios import GameSetup, resolve_scenario
from .scenes import kit
from .scenes.error import ErrorScene
from .scenes.game import GameScene
from .scenes.help import HelpScene
from .scenes.resume import open_loaded
from .scenes.saveload import offer_resume
from .scenes.title import TitleScene
from .settings import Settings, load_settings_checked, save_settings

if TYPE_CHECKING:
    from .scenes.base import Scene

__all__ = ["App", "GameSetup", "main", "resolve_scenario", "start_app"]

def native_present() -> None:
    """Present the window's pixels with the video driver's own framebuffer (X11's shared-memory
    images) instead of SDL's default on X11, a texture drawn by OpenGL on every update: with a
    software OpenGL (Mesa's llvmpipe under Xvfb, a VM, a remote desktop) that is 6–8 ms a frame
    whatever changed, against 0.4 ms for the whole window and 0.05 ms for a tooltip here (see
    docs/performance.md). Set ``SDL_FRAMEBUFFER_ACCELERATION=1`` to get SDL's default back."""
    if sys.platform.startswith("linux"):
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")


_SDL_WAIT: list[Callable[[int], int] | None] = []  # SDL_WaitEventTimeout, once looked up (None: not found)


def _sdl_wait() -> Callable[[int], int] | None:
    """SDL's own ``SDL_WaitEventTimeout`` from the SDL library pygame loaded (Linux), or None.

    pygame's ``event.wait(timeout)`` looks for events every millisecond (2 % of a core here
    with nothing happening); SDL's own wait sleeps on the display connection until an event
    comes (0.1 %)."""
    if not _SDL_WAIT:
        fn: Callable[[int], int] | None = None
        try:
            with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
                libs = [ln.split()[-1] for ln in maps if re.match(r"libSDL2-2[.-]", os.path.basename(ln.split()[-1]))]
            if libs:
                wait = ctypes.CDLL(libs[0]).SDL_WaitEventTimeout
                wait.argtypes = [ctypes.c_void_p, ctypes.c_int]
                wait.restype = ctypes.c_int

                def fn(ms: int) -> int:
                    return int(wait(None, ms))
        except Exception:  # not Linux, or another build of pygame: pygame's own wait
            fn = None
        _SDL_WAIT.append(fn)
    return _SDL_WAIT[0]


def wait_events(timeout_ms: int) -> list[pygame.event.Event]:
    """The events that came within ``timeout_ms`` (at once if some are waiting); sleeps meanwhile."""
    wait = _sdl_wait()
    if wait is not None:
        if not pygame.event.peek():
            wait(timeout_ms)
        return pygame.event.get()
    first = pygame.event.wait(timeout_ms)
    return ([first] if first.type != pygame.NOEVENT else []) + pygame.event.get()


class App:
    """The window and its scene stack."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        size: tuple[int, int] | None = None,
        persist: bool = True,
        setup: GameSetup | None = None,
    ) -> None:
        self.settings_notice = ""  # said on the title screen: a settings file replaced by defaults
        if settings is None:
            settings, self.settings_notice = load_settings_checked()
        self.settings = settings
        self.persist = persist
        self.autosave = persist  # autosave open games (tests turn it on with a temporary data folder)
        self.setup = setup
        self.stack: list[Scene] = []
        self.running = True
        self.mouse: tuple[int, int] = (-1, -1)
        self.frames = 0
        # Seconds the window has been open, real time when idle too (``run`` passes the time since
        # the last frame): the hand-off and the dialogs measure how long they have been shown by it.
        self.time = 0.0
        self._last_frame: float | None = None
        self.coach: Any = None  # the tutorial's guide, over every scene (scenes/tutorial.py)
        self.failures = 0  # exceptions turned into the error screen
        self.reraise = False  # tests: let an exception through (a test sees its traceback)
        self.resuming: Path | None = None  # a save being opened, until its game has drawn once
        self.session = False  # the session marker is written (run() began a session)
        self.phase: tuple[str, Path | None] = ("", None)  # what the marker says
        # The real loop draws only what changed and presents only that (``run``); ``process``
        # alone (the tests, tools) draws whole frames.
        self.incremental = False
        self.dirty: list[pygame.Rect] | None = None  # what the last frame drew: None for all of it
        self.full_draws = 0  # whole frames drawn (a frame cache drawn over by one starts again)
        native_present()
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(350, 40)
        pygame.display.set_caption("Multipolar")
        self._windowed_size = size or self.settings.window_size
        self.screen = self._set_mode()
        kit.FONTS.set_scale(self.settings.scale)

    # ------------------------------------------------------------------ window

    def _set_mode(self) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE)

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    def apply_settings(self, *, window: bool = False) -> None:
        """Take changed settings into effect (``window``: size or fullscreen changed)."""
        self.settings.clamp()
        kit.FONTS.set_scale(self.settings.scale)
        if window:
            self._windowed_size = self.settings.window_size
            try:
                self.screen = self._set_mode()
            except pygame.error:
                self.settings.fullscreen = False
                self.screen = self._set_mode()
        if self.persist:
            save_settings(self.settings)

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        self.apply_settings(window=True)

    # ------------------------------------------------------------------ scenes

    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def push(self, scene: Scene) -> None:
        self.stack.append(scene)
        scene.enter()

    def pop(self, scene: Scene | None = None) -> None:
        """Pop the top scene (or ``scene`` and everything above it)."""
        if not self.stack:
            return
        if scene is not None and scene in self.stack:
            while self.stack and self.stack[-1] is not scene:
                self.stack.pop().exit()
        if self.stack:
            self.stack.pop().exit()
        if self.stack:
            self.stack[-1].enter()

    def replace(self, scene: Scene) -> None:
        if self.stack:
            self.stack.pop().exit()
        self.push(scene)

    def reset(self, scene: Scene) -> None:
        while self.stack:
            self.stack.pop().exit()
        self.push(scene)

    def find(self, cls: type) -> Scene | None:
        for s in reversed(self.stack):
            if isinstance(s, cls):
                return s
        return None

    def quit(self) -> None:
        """Stop the loop; an open game is autosaved first (so quitting never loses it)."""
        if self.running:
            for scene in reversed(self.stack):
                scene.on_quit()
        self.running = False

    # ------------------------------------------------------------------ frames

    def dispatch(self, intent: Intent) -> None:
        if intent.kind == it.QUIT:
            self.quit()
            return
        if intent.kind == it.RESIZE:
            if not self.settings.fullscreen:
                surf = pygame.display.get_surface()
                if surf is not None:
                    self.screen = surf
                w, h = intent.value
                if w >= 320 and h >= 240:
                    self.settings.window_size = (w, h)
            return
        if intent.kind == it.FULLSCREEN:
            self.toggle_fullscreen()
            return
        if intent.kind == it.RELOAD:  # F5 in a game: close its dialogs, reload the scenario
            gs = next((s for s in reversed(self.stack) if s.holds_game), None)
            if gs is not None:
                while self.stack and self.stack[-1] is not gs:
                    self.stack.pop().exit()
                gs.reload()
            return
        if intent.pos is not None:
            self.mouse = intent.pos
        if intent.kind == it.HELP and not isinstance(self.top, HelpScene):
            self.push(HelpScene(self))
            return
        if self.coach is not None and self.coach.handle(intent):
            return
        top = self.top
        if top is not None:
            top.handle(intent)

    def process(self, events: list[pygame.event.Event], dt: float, *, draw: bool = True,
                elapsed: float | None = None) -> bool:
        """One frame: events, update, draw. Returns True while a scene animates.

        ``dt`` moves the animations (capped by ``run``); ``elapsed`` (default ``dt``) is the real
        time since the last frame, idle time included, and moves ``time`` before the events are
        handled: what arrives after a long idle wait arrives late.

        An unexpected exception in a scene does not kill the window: it writes a crash report
        and shows the error screen (its reason and a way back to the title).
        """
        self.time += max(0.0, dt if elapsed is None else elapsed)
        try:
            busy = self._process(events, dt, draw=draw)
        except Exception as exc:
            self.fail(exc)
            return True
        if self.resuming is not None and draw:  # the loaded game drew: it did not crash on opening
            self.resuming = None
        self.track_phase()
        return busy

    def track_phase(self) -> None:
        """Keep the session marker saying what is going on (written only when it changes)."""
        if not (self.persist and self.session):
            return
        if self.resuming is not None:
            phase, file = "resuming", self.resuming
        elif any(s.holds_game for s in self.stack):
            phase, file = "playing", saves.live_path()
        else:
            phase, file = "", None
        if (phase, file) != self.phase:
            self.phase = (phase, file)
            saves.session_phase(phase, file)

    def fail(self, exc: BaseException) -> None:
        """The error screen for ``exc`` (a crash report first); re-raised if the error screen itself fails."""
        if self.reraise or isinstance(self.top, ErrorScene) or self.failures > 20:
            raise exc
        self.failures += 1
        scenes = " > ".join(s.name for s in self.stack)
        report = saves.write_crash_report(
            f"Multipolar crash report\nscenes: {scenes}\nframe: {self.frames}\n\n"
            + "".join(traceback.format_exception(exc)))
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        self.coach = None
        self.stack = []  # no scene's exit() runs: any of them may be the broken one
        self.resuming = None
        self.push(TitleScene(self))
        self.push(ErrorScene(self, reason, report))

    def _process(self, events: list[pygame.event.Event], dt: float, *, draw: bool = True) -> bool:
        for ev in events:
            for intent in translate(ev):
                self.dispatch(intent)
                if not self.running:
                    return False
        busy = False
        top = self.top
        if top is not None:
            busy = bool(top.update(dt))
        if self.coach is not None:
            self.coach.update()
        if draw:
            if self.incremental:
                self.dirty = self.render()
            else:
                self.draw(self.screen)
                self.dirty = None
        self.frames += 1
        return busy

    def render(self) -> list[pygame.Rect] | None:
        """The real loop's frame: the top scene draws only what changed when it can
        (``draw_changed``, the game screen), else the whole window is drawn. The rectangles
        that changed ([] for none), or None for the whole window."""
        top = self.top
        changed = getattr(top, "draw_changed", None) if self.coach is None and top is not None else None
        if changed is not None:
            rects: list[pygame.Rect] | None = changed(self.screen)
            return rects
        self.draw(self.screen)
        return None

    def present(self, rects: list[pygame.Rect] | None) -> None:
        """Show the frame drawn: the whole window (None), the rectangles given, or nothing ([])."""
        if rects is None:
            pygame.display.flip()
        elif rects:
            pygame.display.update(rects)

    def tick(self, events: list[pygame.event.Event], now: float) -> bool:
        """One frame of the real loop at clock reading ``now`` (seconds): the time since the last
        frame, however long the window stood idle, is real time for ``time``; animations step by
        at most a quarter of a second."""
        elapsed = 0.0 if self._last_frame is None else max(0.0, now - self._last_frame)
        self._last_frame = now
        return self.process(events, min(0.25, elapsed), elapsed=elapsed)

    def draw(self, surface: pygame.Surface) -> None:
        """The whole frame: every scene from the topmost opaque one up."""
        self.full_draws += 1
        surface.fill(kit.THEME.c("background"))
        start = 0
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].opaque:
                start = i
                break
        for scene in self.stack[start:]:
            scene.draw(surface)
        if self.coach is not None:
            self.coach.draw(surface)

    def run(self, max_seconds: float | None = None, *, close: bool = True, timed_quit: bool = False) -> int:
        """The real loop: wait for events when idle (low CPU), tick when something animates.

        ``max_seconds`` stops it after that long, the first frame drawn in any case
        (benchmarks, smoke tests); with ``timed_quit`` that stop is a real quit (the
        session ends cleanly), else it is left as if the window were still open.
        """
        if not self.stack:
            self.push(TitleScene(self))
        if self.persist:
            crashed = saves.session_begin()
            self.session = True
            self.track_phase()  # a game opened from the command line: "resuming" it until it draws
            if crashed and not any(s.holds_game for s in self.stack):
                offer_resume(self, saves.last_session())  # the last session crashed or was killed
        clock = pygame.time.Clock()
        self.incremental = True
        busy = True
        started = time.perf_counter()
        drawn = 0
        while self.running and (max_seconds is None or drawn == 0 or time.perf_counter() - started < max_seconds):
            if busy:
                events = pygame.event.get()
                clock.tick(60)
            else:
                events = wait_events(250)
            if busy or events or drawn == 0:
                self.dirty = None
                busy = self.tick(events, time.perf_counter())
                self.present(self.dirty)
                drawn += 1
        self.incremental = False
        if self.persist:
            save_settings(self.settings)
            if not self.running or timed_quit:  # a real quit, not the end of a timed run
                saves.session_end()
        if close:
            pygame.quit()
        return 0


def start_app(setup: GameSetup | None = None, *, direct: bool = False, settings: Settings | None = None,
              persist: bool = True, size: tuple[int, int] | None = None, loaded: Any = None) -> App:
    """An app with its first scene: the title, (``direct``) the game of ``setup``, or a
    ``loaded`` game: a ``(SaveFile, Game)`` pair from ``saves.load``."""
    app = App(settings, persist=persist, setup=setup, size=size)
    app.push(TitleScene(app))
    if loaded is not None:
        save, game = loaded
        open_loaded(app, save, game, save.path, f"Loaded {save.title}, {save.month}.")
    elif direct and setup is not None:
        app.push(GameScene.from_setup(app, setup))
    return app


def main(setup: GameSetup | None = None, direct: bool = False, loaded: Any = None,
         quit_after: float | None = None) -> int:
    app = start_app(setup, direct=direct, loaded=loaded)
    return app.run(quit_after, timed_quit=True)
