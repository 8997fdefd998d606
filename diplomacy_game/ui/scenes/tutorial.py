"""The guided first match: a coach over the short scenario's first turn.

The coach watches the game (it never decides anything) and says, step by step, what to do
next: answer the event, choose a card, play it for operations, place influence, finish. It
marks what it talks about on the screen. "Skip tutorial" (or X) ends it at any moment; once
finished or skipped it is remembered in the settings and never comes back, unless the
player picks "Learn to play" in the title menu.

Hooks elsewhere are minimal: ``App.coach`` (drawn over every scene, offered each intent
first, updated each frame), the title menu entry, and the new-game screen's first start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from ... import resources
from ...engine import PendingOps
from ...engine.actions import Boost
from ...engine.turn import month_name
from .. import intents as it
from ..intents import Intent
from ..scenarios import load_cached, resolve_scenario
from . import kit
from .dialogs import ChoiceDialog, EventNotice
from .game import GameScene

TUTORIAL_ID = "ashgabat_to_kazan"
TUTORIAL_SEAT = "iran"
TUTORIAL_SEATS = {"russia": "ai:easy", "iran": "human", "west": "ai:easy"}
# The fixed deal: no hand holds "Treaty in Its Final Stages" in the first month (with seed 7 it
# could sign the treaty on turn 1), and Iran's hand mixes its own cards with a rival's.
TUTORIAL_SEED = 20


if TYPE_CHECKING:
    from ..screen import GameScreen

def should_offer(app: Any, scn: Any, seats: dict[str, str]) -> bool:
    """A first game of the short scenario with one human seat gets the guide, once."""
    humans = [f for f, who in seats.items() if who.startswith("human")]
    return not app.settings.tutorial_done and scn.id == TUTORIAL_ID and len(humans) == 1


def start_tutorial(app: Any) -> Any:
    """Start the short scenario as Iran with the coach (the title menu's "Learn to play")."""
    scn = load_cached(resolve_scenario(resources.TUTORIAL_SCENARIO))
    gs = GameScene(app, scn, dict(TUTORIAL_SEATS), TUTORIAL_SEED)
    app.push(gs)
    attach(app, gs)
    return gs


def resume(app: Any, gs: GameScreen) -> Coach | None:
    """A loaded game saved with the guide on gets it back (it reads its step from the game)."""
    if gs.match.ui_extra.get("tutorial") and app.coach is None:
        return attach(app, gs)
    return None


def attach(app: Any, gs: GameScreen) -> Coach:
    coach = Coach(app, gs)
    app.coach = coach
    coach.update()
    return coach


@dataclass
class Tip:
    step: str  # what the player is asked to do (tests read it)
    title: str
    text: str
    target: pygame.Rect | None = None  # what the tip is about, outlined on the screen
    done_button: bool = False  # the last tip: "Got it" ends the tutorial
    lessons: tuple[str, ...] = ()  # the rules it teaches (tests read them)


# What the guide teaches while the computer plays, one lesson a time, in this order.
LESSONS = ("crisis", "pressure", "opponent_event", "scoring", "reach")


class Coach:
    """Watches one game scene; its tips follow what the seat at the screen must do."""

    def __init__(self, app: Any, gs: GameScreen) -> None:
        self.app = app
        self.gs = gs
        self.seat = gs.humans[0] if gs.humans else TUTORIAL_SEAT
        self.done: set[str] = set()  # steps the player has done
        self.tip: Tip | None = None
        self.box = pygame.Rect(0, 0, 0, 0)
        self.buttons: list[kit.Button] = []
        self.finished = False
        self.lesson = 0  # the next lesson shown while the computer plays
        self.watching = False
        self.taught: set[str] = set()  # lessons shown so far
        self.rivalry_in: str | None = None  # the tip that tells of the treaty partner's rivalry (once)
        gs.match.ui_extra["tutorial"] = True  # kept in saves: a resumed tutorial comes back

    # ---------------------------------------------------------------- ending

    def finish(self, how: str) -> None:
        """Done ("done") or skipped ("skip"): remembered, and the coach leaves."""
        self.finished = True
        self.done.add(how)
        self.gs.match.ui_extra.pop("tutorial", None)
        self.app.settings.tutorial_done = True
        self.app.apply_settings()  # saved when the app persists its settings
        if self.app.coach is self:
            self.app.coach = None
        if how == "skip":
            self.gs.flash("Tutorial skipped. F1 shows the rules; 'Learn to play' in the title menu starts it again.",
                          error=False)

    # ---------------------------------------------------------------- watching

    def _moves(self, kind: str) -> int:
        log = self.gs.match.view_for(self.seat).log
        return sum(1 for e in log if e.kind == kind and e.data.get("faction") == self.seat)

    def update(self) -> None:
        if self.finished:
            return
        gs = self.gs
        if gs not in self.app.stack or gs.match.is_over():
            self.app.coach = None  # the game was left: the guide goes with it (not marked done)
            return
        st = gs.match.view_for(self.seat)  # what the guided seat may know
        # read from the game each time: an undo (Ctrl+Z) takes the guide back with the move
        done: set[str] = {x for x in self.done if x in ("skip", "done")}
        if any(self.seat in picks for picks in st.choices.values()) or self._moves("choice"):
            done.add("answer_event")
        if self._moves("play_ops") or self._moves("play_event"):
            done.add("play_card")
        if self._moves("place"):
            done.add("place_influence")
        p = st.pending
        if "play_card" in done and not (isinstance(p, PendingOps) and p.faction == self.seat):
            done.add("operations_over")
        if st.turn >= 1:
            done.add("first_turn_over")
        self.done = done
        if st.turn >= 1 or self._moves("play_ops") + self._moves("play_event") >= 2:
            self.finish("done")  # the player has gone on without the guide: it has done its work
            return
        self.tip = self._tip()
        watching = self.tip is not None and self.tip.step == "watch"
        if watching and not self.watching:
            self.lesson += 1  # a new spell of the computer's play: the next lesson
        self.watching = watching
        if self.tip is not None:
            self.taught.update(self.tip.lessons)
        self._layout()

    def _tip(self) -> Tip | None:
        gs, top = self.gs, self.app.top
        scn = gs.scn
        me = scn.faction(self.seat).name
        partner = next((f for f in ("russia",) if f in scn.factions and f != self.seat), None)
        rivalry = (f" {scn.faction(partner).name} is {me}'s treaty partner, but also its rival for victory points: "
                   "whoever has the most VP at the end wins.") if partner else ""
        if "operations_over" in self.done or "first_turn_over" in self.done:
            months = ", ".join(month_name(x) for x in scn.model.scoring.months)
            # true at the moment it is read: the others playing, or this seat's next card already
            now = ("The others have played: your next card now." if gs.acting() == self.seat
                   else "The others play now.")
            return Tip("finish", "That is how a turn goes",
                       f"{now} This month has "
                       f"{scn.rules.action_rounds} action rounds, then upkeep: income, the tracks pay, and in the "
                       f"scoring months ({months}) each bloc of regions scores: presence, domination or control "
                       "of it gives VP, each battleground 1 more; a screen shows who held what. Hover over any "
                       "number to see what it means; F1 opens the rulebook. Play on: the game is yours.",
                       done_button=True, lessons=("scoring",))
        if isinstance(top, ChoiceDialog):
            panel = top.panel
            title = "A secret choice" if top.secret else "History asks you to decide"
            which = f"{top.title}: {title}"  # the choice the tip is beside
            if self.rivalry_in in (None, which):  # said beside the first choice only, not again at the next
                self.rivalry_in = which
            else:
                rivalry = ""
            if top.secret:
                return Tip("answer_event", title,
                           "Two sides decide at the same time. Neither sees the other's pick until both have "
                           "chosen; then both are revealed together. Pick an option (click it or press its "
                           f"number).{rivalry}", panel)
            return Tip("answer_event", title,
                       "At the start of each month the real events of that month happen, and some put a choice "
                       f"to a faction. You play {me}: read the event, then pick an option (click it or press its "
                       f"number). Each option says what it does.{rivalry}", panel)
        if isinstance(top, EventNotice):
            return Tip("read_event", "An event happened",
                       "Events arrive on their real dates. 'What really happened' (H) tells the history behind "
                       "it. Continue with Enter.", top.panel)
        if top is not gs:
            return None  # help, menus, settings: the guide waits, hidden
        kind = gs.pending_kind
        if kind is None:
            who = gs.acting()
            name = scn.faction(who).name if who else "the game"
            return self._lesson(name, me)
        if kind == "play":
            if gs.sel_card is None:
                card = self.suggested_card()
                target = gs.L.cards.get(card) if card else None
                title = scn.cards[card].title if card else "a card"
                return Tip("select_card", "Your hand",
                           "Each card has an event (its text) and an operations value (the number in the circle). "
                           f"The coloured stripe shows whose card it is. Click a card to choose it: try "
                           f"‘{title}’.", target)
            chosen = scn.cards[gs.sel_card]
            ops_button = next((b.rect for b in gs.L.buttons if b.key == "ops"), None)
            warn = (" A rival's card played for operations gives its event to that rival after your "
                    "operations; your own and neutral cards do not.")
            fires = gs.match.opponent_event(chosen.id)  # the engine says whose event follows the operations
            if fires is not None:
                warn = (f" Careful: it is {scn.faction(fires).name}'s card, so after your operations its "
                        f"event happens for {scn.faction(fires).name}. You may pick another card.")
            return Tip("play_ops", "Play it for operations",
                       f"Press O (or the button) to spend the card's points on the map. E would play its event "
                       f"instead.{warn}", ops_button, lessons=("opponent_event",))
        if kind == "ops":
            pts = gs.view.pending.points if isinstance(gs.view.pending, PendingOps) else 0
            if "place_influence" not in self.done:
                r = scn.rules
                return Tip("place_influence", "Place influence",
                           f"You have {kit.plural(pts, 'point')}. The outlined regions are within your reach: click "
                           f"one to add 1 influence ({kit.plural(r.influence_cost, 'point')}, "
                           f"{r.influence_cost_controlled} where another "
                           "faction controls). Your reach: the regions where you have influence and their "
                           "neighbours. You control a region when your influence is at least its stability "
                           "and beats everyone else's by at least that much.", lessons=("reach",))
            done_button = next((b.rect for b in gs.L.buttons if b.key == "done"), None)
            if pts <= 0:
                boost = "Boost (B) for 1 economy, or " if Boost() in gs.legal else ""
                return Tip("finish_ops", "No points left",
                           f"You have spent every point. {boost}Done (D) to end your operations.", done_button)
            return Tip("finish_ops", "Spend the rest, then Done",
                       f"{kit.plural(pts, 'point')} left. Place more influence, or add pressure (P, "
                       f"{kit.plural(scn.rules.pressure_cost, 'point')}): a die roll against a rival's hold on a "
                       "region in your reach that takes its influence away on a good roll (the odds are shown "
                       "before you roll). Press D (Done) when you have finished.", done_button,
                       lessons=("pressure",))
        if kind == "target":
            return Tip("target", "Choose a target", "This event needs a target: click one of the outlined regions "
                       "or a button, then confirm.")
        return Tip("decide", "A decision is waiting", "Press C to answer it.")

    def _lesson(self, name: str, me: str) -> Tip:
        """While the computer plays: one rule at a time (the next one each time it plays)."""
        scn = self.gs.scn
        key = LESSONS[(self.lesson - 1) % len(LESSONS)] if self.lesson else LESSONS[0]
        head = f"{name} is playing. "
        track = scn.tracks.get("western_concern") or next(iter(scn.tracks.values()), None)
        tname = str(track.name) if track else "a track"
        texts = {
            "reach": ("Reach", "You may place influence or press only within your reach: your home, a "
                      "region where you have influence, or one linked to those, never another faction's "
                      "home. The outlined regions show it when you play."),
            "pressure": ("Add pressure", "Instead of placing, spend points to press a rival in a region in "
                         "your reach: roll a die (the odds are shown first); each point the total beats the "
                         "region's stability by takes one of its influence away. It is how you break a "
                         "rival's control."),
            "opponent_event": ("Whose event?", "Every card belongs to a faction or is neutral. Play a rival's "
                               "card for operations and its event happens for that rival afterwards; playing it "
                               "for its event is not allowed. Your own and neutral cards are safe."),
            "crisis": ("Tracks and crises", f"The tracks at the right pay at every upkeep. Push {tname} up "
                       "to its maximum and a crisis fires: the faction that pushed it there loses VP and the "
                       "track drops back. The game warns (⚠) before your move would set one off."),
            "scoring": ("Scoring", "In the scoring months each bloc of regions scores: presence, domination or "
                        "control of the bloc gives VP, and each battleground 1 more. A screen shows who held "
                        "what."),
        }
        title, text = texts[key]
        return Tip("watch", title, head + text + f" Your turn as {me} comes next.", lessons=(key,))

    def suggested_card(self) -> str | None:
        """The strongest card of the seat's own or neutral cards (no gift to a rival)."""
        gs = self.gs
        hand = list(gs.view.hand)
        own = [c for c in hand if set(gs.scn.cards[c].owners) & {self.seat, "neutral"}] or hand
        return max(own, key=lambda c: gs.scn.cards[c].ops) if own else None

    # ---------------------------------------------------------------- layout and input

    def _layout(self) -> None:
        tip = self.tip
        if tip is None:
            self.box = pygame.Rect(0, 0, 0, 0)
            self.buttons = []
            return
        w, h = self.app.size
        gs = self.gs
        on_game = self.app.top is gs and gs.L.map.w > 0
        bw = min(kit.sc(380), w - kit.sc(20))
        if on_game:  # as wide as the right column, which it lies over
            bw = max(kit.sc(200), gs.L.right.w - 2 * kit.sc(8))
        avoid = tip.target if tip.target is not None else pygame.Rect(0, 0, 0, 0)
        screen = pygame.Rect(0, 0, w, h)
        if on_game:
            box = self._over_panel(pygame.Rect(0, 0, bw, self._height(tip, bw)))
        else:  # beside a dialog (narrower if need be), never over it; else above or below it
            gap = kit.sc(8)
            spots = []
            for room, left in ((w - avoid.right - 2 * gap, False), (avoid.x - 2 * gap, True)):
                sw = min(bw, room)
                if sw >= kit.sc(200):
                    sh = self._height(tip, sw)
                    x = avoid.x - gap - sw if left else avoid.right + gap
                    spots.append(pygame.Rect(x, max(gap, min(avoid.y, h - sh - gap)), sw, sh))
            bh = self._height(tip, bw)
            spots += [pygame.Rect((w - bw) // 2, avoid.y - bh - gap, bw, bh),
                      pygame.Rect((w - bw) // 2, avoid.bottom + gap, bw, bh)]
            fit = [sp for sp in spots if screen.contains(sp) and not sp.colliderect(avoid)]
            # no room anywhere: the corner that covers the least of the dialog, the right ones first
            # (a dialog starts at its left: its heading and title stay in sight)
            box = fit[0] if fit else min(
                (pygame.Rect(x, y, bw, bh) for x in (w - bw - gap, gap) for y in (gap, h - bh - gap)),
                key=lambda r: r.clip(avoid).w * r.clip(avoid).h)
        box.clamp_ip(screen)
        self.box = box
        by = box.bottom - kit.sc(40)
        pad, gap = kit.sc(14), kit.sc(8)
        skip_w, ok_w = kit.sc(150), kit.sc(120)
        if tip.done_button and skip_w + ok_w + gap > box.w - 2 * pad:  # a narrow box: the two side by side
            skip_w = (box.w - 2 * pad - gap) * skip_w // (skip_w + ok_w)
            ok_w = box.w - 2 * pad - gap - skip_w
        skip = pygame.Rect(box.x + pad, by, skip_w, kit.sc(30))
        self.buttons = [kit.Button("skip", "Skip tutorial", skip, hint="X")]
        if tip.done_button:
            ok = pygame.Rect(box.right - pad - ok_w, by, ok_w, kit.sc(30))
            self.buttons.append(kit.Button("ok", "Got it", ok))

    def _height(self, tip: Tip, bw: int) -> int:
        body_w = bw - kit.sc(28)
        return (kit.sc(34) + kit.block_height(tip.title, body_w, "large", True)
                + kit.block_height(tip.text, body_w) + kit.sc(52))

    def _over_panel(self, box: pygame.Rect) -> pygame.Rect:
        """Over the right column, never over the header, the map (where the player clicks), the
        hand or the log (which the tips talk about): over the tracks and the calendar."""
        L = self.gs.L
        col = L.right.inflate(-2 * kit.sc(8), -2 * kit.sc(8))
        out = box.copy()
        out.x = col.x
        out.top = L.tracks.top
        if out.bottom > col.bottom:
            out.bottom = col.bottom
        out.top = max(out.top, col.top)
        return out

    def handle(self, intent: Intent) -> bool:
        """Take the intents meant for the coach; True when taken."""
        if self.finished or self.tip is None:
            return False
        k = intent.kind
        if k == it.LETTER and intent.value == "x":
            self.finish("skip")
            return True
        if k == it.CLICK and intent.pos is not None:
            b = kit.button_at(self.buttons, intent.pos)
            if b is not None:
                self.finish("skip" if b.key == "skip" else "done")
                return True
        return False  # any other click goes to the game (the box may lie over a region)

    def draw(self, surface: pygame.Surface) -> None:
        tip = self.tip
        if tip is None or self.finished:
            return
        if tip.target is not None and tip.target.w > 0:
            pygame.draw.rect(surface, kit.THEME.c("target"), tip.target.inflate(kit.sc(8), kit.sc(8)), width=3,
                             border_radius=kit.sc(8))
        kit.panel(surface, self.box, "panel", "target", radius=10)
        inner = self.box.inflate(-kit.sc(28), -kit.sc(24))
        kit.text(surface, "TUTORIAL", (inner.x, inner.y), "small", kit.THEME.c("target"), bold=True)
        y = inner.y + kit.sc(22)
        y += kit.text_block(surface, tip.title, pygame.Rect(inner.x, y, inner.w, inner.h), "large", bold=True)
        y += kit.sc(4)
        kit.text_block(surface, tip.text, pygame.Rect(inner.x, y, inner.w, self.buttons[0].rect.top - y))
        for b in self.buttons:
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), size="small")
