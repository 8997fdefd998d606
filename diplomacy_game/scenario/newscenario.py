"""``diplomacy-game new-scenario NAME``: a small valid scenario and a passing test, to start from."""

from __future__ import annotations

import os
import re
from pathlib import Path
from string import Template

from .. import resources
from .models import ID_PATTERN
from .testfile import TESTS_FOLDER


class NewScenarioError(Exception):
    """The scenario cannot be written (bad name, a file in the way, no map)."""


def _rel(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()


def _find_map(folder: Path, map_arg: str | None) -> str:
    """The ``map:`` value: ``--map`` relative to the folder, else ``map.yaml`` (the folder's own, or
    the bundled map, which the loader finds by that name wherever the scenario is)."""
    if map_arg is not None:
        p = Path(map_arg)
        if not p.is_file():
            raise NewScenarioError(f"--map {map_arg}: no such file")
        return _rel(p, folder)
    if not (folder / "map.yaml").is_file() and not (resources.bundled_scenarios_dir() / "map.yaml").is_file():
        raise NewScenarioError(f"no map.yaml in {folder} nor a bundled one: name one with --map")  # pragma: no cover
    return "map.yaml"


def _schema_line(base: Path, folder: Path, kind: str) -> str:
    """The editor's schema line for a file in ``folder``: a ``schema/`` folder beside the scenarios
    (or one level up, as in the package), else a copy of the installed schemas written there."""
    for root in (base / "schema", base.parent / "schema"):
        if (root / f"{kind}.schema.json").is_file():
            return f"# yaml-language-server: $$schema={_rel(root / f'{kind}.schema.json', folder)}\n"
    target = base / "schema"
    target.mkdir(parents=True, exist_ok=True)
    for src in sorted(resources.schema_dir().glob("*.schema.json")):
        dest = target / src.name
        if not dest.exists():
            dest.write_bytes(src.read_bytes())
    return f"# yaml-language-server: $$schema={_rel(target / f'{kind}.schema.json', folder)}\n"


def write_new_scenario(name: str, folder: str = ".", map_arg: str | None = None) -> tuple[str, str]:
    """Write NAME.yaml and tests/NAME/NAME.test.yaml into ``folder`` (and ``schema/`` if it has
    none); return both paths. Never the installed package: ``folder`` is the working folder's."""
    if not re.match(ID_PATTERN, name) or len(name) > 48:
        raise NewScenarioError(
            f"'{name}' is not a usable name: use lower-case letters, digits and _, starting with a letter "
            "(e.g. caspian_summer)"
        )
    base = Path(folder)
    if base.exists() and not base.is_dir():
        raise NewScenarioError(f"'{folder}' is a file, not a folder")
    scenario = base / f"{name}.yaml"
    test_dir = base / TESTS_FOLDER / name
    test = test_dir / f"{name}.test.yaml"
    for p in (scenario, test):
        if p.exists():
            raise NewScenarioError(f"{p} already exists; nothing was written (choose another name or move it away)")
    base.mkdir(parents=True, exist_ok=True)
    map_ref = _find_map(base, map_arg)
    title = name.replace("_", " ").strip().capitalize()
    scenario_text = Template(_schema_line(base, base, "scenario") + SCENARIO_TEMPLATE).substitute(
        name=name, title=title, map=map_ref
    )
    test_dir.mkdir(parents=True, exist_ok=True)
    test_text = Template(_schema_line(base, test_dir, "test") + TEST_TEMPLATE).substitute(
        name=name, title=title, scenario=_rel(scenario, test_dir), scenario_cmd=scenario.as_posix()
    )
    try:
        with open(scenario, "x", encoding="utf-8") as fh:
            fh.write(scenario_text)
        with open(test, "x", encoding="utf-8") as fh:
            fh.write(test_text)
    except FileExistsError as exc:  # pragma: no cover - a race with another writer
        raise NewScenarioError(f"{exc.filename} already exists") from None
    except OSError as exc:
        raise NewScenarioError(f"cannot write {exc.filename}: {exc.strerror}") from None
    return str(scenario), str(test)


SCENARIO_TEMPLATE = """\
# A new scenario, made by `diplomacy-game new-scenario $name`. Every key is described in
# docs/scenario-format.md; docs/authoring.md walks through adding an event and a card.
# Check it with:  diplomacy-game validate <this file>
# Test it with:   diplomacy-game test <this file>
# Play it with:   diplomacy-game play <this file>
kind: scenario
id: $name
title: $title
summary: >-
  Autumn 2024. Putin and Pezeshkian meet in Ashgabat and the BRICS summit in
  Kazan is weeks away. Russia and Iran push their partnership toward a treaty;
  the West tries to keep them apart. Three monthly turns.
map: $map                # the shared map: regions, links, blocs, memberships
calendar: {start: 2024-10, turns: 3}

factions:                      # the order here is the order of play
  - {id: russia, name: Russia, adjective: Russian, home: [russia], color: "#d55e00"}
  - {id: iran, name: Iran, adjective: Iranian, home: [iran], color: "#009e73"}
  - {id: west, name: The West, adjective: Western, home: [west_home], color: "#0072b2"}

leaders:
  - {id: putin, name: Vladimir Putin, faction: russia, title: President}
  - {id: pezeshkian, name: Masoud Pezeshkian, faction: iran, title: President}
  - {id: biden, name: Joe Biden, faction: west, title: President of the United States}

tracks:
  - {id: partnership, name: Partnership, min: 0, max: 10}

rules:
  hand_size: 3
  action_rounds: 2

setup:
  leaders: {russia: putin, iran: pezeshkian, west: biden}
  economy: {russia: 4, iran: 3, west: 5}
  tracks: {partnership: 4}
  influence:
    russia: {russia: 8, kazakhstan: 3, turkmenistan: 1, armenia: 2}
    iran: {iran: 7, iraq: 3, turkmenistan: 2, armenia: 1}
    west: {west_home: 8, turkey: 2, georgia: 2, azerbaijan: 1}

events:
  - id: ashgabat_meeting
    date: 2024-10-11
    title: Meeting in Ashgabat
    text: >-
      Putin and Pezeshkian meet at a forum in Turkmenistan's capital, and Putin
      invites him to Russia. Russia gains 1 influence in Turkmenistan. Iran
      decides whether to accept.
    source: sources/2024-10-11_putin-meets-pezeshkian-in-ashgabat.txt
    place: turkmenistan
    effects:
      - influence: {faction: russia, region: turkmenistan, add: 1}
    choice:
      faction: iran
      prompt: Does Iran's president accept the invitation?
      options:
        - id: accept
          label: Accept the invitation
          text: Partnership +1.
          ai_weight: 3
          effects:
            - track: {id: partnership, add: 1}
        - id: decline
          label: Keep Moscow waiting
          text: Iran's economy +1.
          ai_weight: 1
          effects:
            - economy: {faction: iran, add: 1}

cards:
  # ----- Russia -----
  - id: kremlin_readout
    title: A Warm Kremlin Readout
    ops: 2
    owner: russia
    text: Moscow says ties with Tehran are growing in every field. Partnership +1.
    date: 2024-10-11
    source: sources/2024-10-11_putin-meets-pezeshkian-in-ashgabat.txt
    effects:
      - track: {id: partnership, add: 1}
  - id: central_asian_forum
    title: Forum in Central Asia
    ops: 2
    owner: russia
    text: Russia courts its Central Asian hosts. Russia gains 1 influence in Turkmenistan.
    date: 2024-10-11
    source: sources/2024-10-11_putin-meets-pezeshkian-in-ashgabat.txt
    effects:
      - influence: {faction: russia, region: turkmenistan, add: 1}
  - id: kazan_invitations
    title: Invitations to Kazan
    ops: 3
    owner: russia
    text: Russia invites partners to the BRICS summit. Russia gains 1 influence in Kazakhstan.
    date: 2024-10
    source: sources/2024-10-11_putin-meets-pezeshkian-in-ashgabat.txt
    effects:
      - influence: {faction: russia, region: kazakhstan, add: 1}
  # ----- Iran -----
  - id: complementary_capacities
    title: Complementary Capacities
    ops: 2
    owner: iran
    text: Tehran says the two economies can help each other. Iran's economy +1.
    date: 2024-10-11
    source: sources/2024-10-11_putin-meets-pezeshkian-in-ashgabat.txt
    effects:
      - economy: {faction: iran, add: 1}
  - id: closer_than_to_others
    title: Closer Than to Others
    ops: 2
    owner: iran
    text: Pezeshkian says the two stand nearer each other than anyone else. Partnership +1.
    date: 2024-10-11
    source: sources/2024-10-11_putin-meets-pezeshkian-in-ashgabat.txt
    effects:
      - track: {id: partnership, add: 1}
  - id: iraq_ties
    title: Ties with Baghdad
    ops: 3
    owner: iran
    text: Iran works its network in Iraq. Iran gains 1 influence in Iraq.
    date: 2024
    source: public record
    effects:
      - influence: {faction: iran, region: iraq, add: 1}
  # ----- The West -----
  - id: missile_charge
    title: The Missile Charge
    ops: 3
    owner: west
    text: Washington says Iran sends ballistic missiles to Russia. Partnership -1.
    date: 2024-09
    source: sources/2024-10-11_putin-meets-pezeshkian-in-ashgabat.txt
    effects:
      - track: {id: partnership, add: -1}
  - id: allies_in_ankara
    title: Allies in Ankara
    ops: 2
    owner: west
    text: NATO's southern flank stays close. The West gains 1 influence in Turkey.
    date: 2024
    source: public record
    effects:
      - influence: {faction: west, region: turkey, add: 1}
  # ----- Neutral -----
  - id: multipolar_talk
    title: Talk of a Multipolar World
    ops: 1
    owner: neutral
    text: New centres of growth and influence, Putin says, are emerging. Russia's economy +1.
    date: 2024-10-11
    source: sources/2024-10-11_putin-meets-pezeshkian-in-ashgabat.txt
    effects:
      - economy: {faction: russia, add: 1}
  - id: caspian_trade
    title: Trade on the Caspian
    ops: 2
    owner: neutral
    text: Ships cross between Russian and Iranian ports. Iran's economy +1.
    date: 2024
    source: public record
    effects:
      - economy: {faction: iran, add: 1}

upkeep:
  - if: {track: {id: partnership, at_least: 6}}
    then:
      - vp: {faction: russia, add: 1}
      - vp: {faction: iran, add: 1}

scoring:
  months: [2024-12]
  blocs:
    caucasus: {presence: 1, domination: 3, control: 4}
    central_asia: {presence: 1, domination: 3, control: 5}
    middle_east: {presence: 1, domination: 4, control: 6}

victory:
  final:
    - if: {track: {id: partnership, at_least: 7}}
      then:
        - log: The partnership holds; Moscow and Tehran count it a win.
        - vp: {faction: russia, add: 2}
        - vp: {faction: iran, add: 2}
      else:
        - log: The partnership stalls; the West counts it a win.
        - vp: {faction: west, add: 3}
"""

TEST_TEMPLATE = """\
# Tests of the scenario '$name', made by `diplomacy-game new-scenario`.
# Run them with:  diplomacy-game test $scenario_cmd
# The format is described in docs/authoring.md ("Scenario tests").
kind: test
scenario: $scenario
tests:
  - name: the Ashgabat meeting asks Iran about the invitation
    start: 2024-10-11
    expect:
      fired: [ashgabat_meeting]
      influence: {russia: {turkmenistan: 2}}
      to_act: [iran]

  - name: accepting the invitation raises the Partnership
    start: 2024-10-11
    do:
      - iran: choose accept
    expect:
      tracks: {partnership: 5}

  - name: a Russian card played for its event raises the Partnership
    start: 2024-10
    phase: actions            # no event, no draw: hands hold only what 'state' gives
    state:
      hands: {russia: [kremlin_readout]}
    do:
      - russia: play kremlin_readout event
    expect:
      tracks: {partnership: 5}
"""
