"""The language server (diplomacy-game lsp): a real JSON-RPC conversation, and its features.

The conversation runs ``python -m diplomacy_game lsp`` in a subprocess and talks to it over its
stdio as an editor does, on a copy of the shipped scenarios under tmp_path.
"""

from __future__ import annotations

import re
import shutil
import typing
from pathlib import Path

import pytest
from helpers import SCENARIOS
from lsp_client import LspClient, uri
from pydantic import BaseModel

from diplomacy_game.lsp import features, shapes
from diplomacy_game.lsp.context import cursor_at
from diplomacy_game.lsp.index import Workspace
from diplomacy_game.scenario.models import ID_PATTERN
from diplomacy_game.validation import validate_file, validate_text


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the shipped scenarios folder (map, scenarios, tests)."""
    shutil.copytree(SCENARIOS, tmp_path / "scenarios")
    return tmp_path / "scenarios"


def _line_of(text: str, needle: str) -> tuple[int, int]:
    for n, line in enumerate(text.split("\n")):
        if needle in line:
            return n, line.index(needle)
    raise AssertionError(f"{needle!r} not in the text")


# --------------------------------------------------------------------------- the conversation


def test_lsp_conversation_over_stdio(copy: Path, tmp_path: Path) -> None:
    main = copy / "from_tabriz_to_kazan.yaml"
    text = main.read_text(encoding="utf-8")
    with open(tmp_path / "server.err", "wb") as err:
        client = LspClient(tmp_path, stderr=err)
        caps = client.initialize(tmp_path)["capabilities"]
        assert caps["completionProvider"] and caps["hoverProvider"]
        assert caps["definitionProvider"] and caps["referencesProvider"]

        doc = client.open(main)
        assert client.diagnostics(doc) == []  # the shipped scenario is clean

        # a change: an unknown region inside an effect, reported at its own line and word
        bad = text.replace("{faction: russia, region: iran, add: 1}", "{faction: russia, region: irak, add: 1}", 1)
        client.change(doc, 2, bad)
        diags = client.diagnostics(doc)
        line, col = _line_of(bad, "region: irak")
        assert [d["message"] for d in diags] == ["unknown region 'irak'; did you mean 'iraq'?"]
        assert diags[0]["range"]["start"] == {"line": line, "character": col + len("region: ")}
        assert diags[0]["range"]["end"] == {"line": line, "character": col + len("region: irak")}
        assert diags[0]["severity"] == 1

        # completion of a region id inside that effect
        items = client.at("textDocument/completion", doc, line, col + len("region: ir"))["items"]
        labels = [i["label"] for i in items]
        assert {"iran", "iraq", "turkey"} <= set(labels)
        assert "target" not in labels  # this effect is in an event: no target is chosen there
        assert not any(re.search(r"\b[EC][A-Z][a-z]+", str(i)) for i in items)  # no internal model names

        # hover on a card id in add_card: its title; definition: the card
        line, col = _line_of(bad, "add_card: {card: principlist_course")
        col += len("add_card: {card: ")
        hover = client.at("textDocument/hover", doc, line, col + 3)
        assert "A Principlist Course" in hover["contents"]["value"]
        assert "owner iran, 3 ops" in hover["contents"]["value"]
        where = client.at("textDocument/definition", doc, line, col + 3)
        card_line, card_col = _line_of(bad, "- id: principlist_course")
        assert where == [{"uri": uri(main), "range": {
            "start": {"line": card_line, "character": card_col + 6},
            "end": {"line": card_line, "character": card_col + 6 + len("principlist_course")}}}]
        refs = client.at("textDocument/references", doc, line, col, context={"includeDeclaration": True})
        spots = {(r["uri"], r["range"]["start"]["line"]) for r in refs}
        assert (uri(main), card_line) in spots and (uri(main), line) in spots

        # a buffer that does not parse still gets its located error
        client.change(doc, 3, "kind: scenario\ncards: [\n")
        (broken,) = client.diagnostics(doc)
        assert broken["message"].startswith("malformed YAML")
        assert broken["range"]["start"]["line"] == 2

        assert client.close() == 0


def test_lsp_conversation_in_a_test_file(copy: Path, tmp_path: Path) -> None:
    test = copy / "tests" / "from_tabriz_to_kazan" / "cards.test.yaml"
    text = test.read_text(encoding="utf-8")
    client = LspClient(tmp_path)
    client.initialize(tmp_path)
    doc = client.open(test)
    assert client.diagnostics(doc) == []
    bad = text.replace("removed: [drones_for_front]", "removed: [drones_for_frnt]", 1)
    client.change(doc, 2, bad)
    line, col = _line_of(bad, "drones_for_frnt")
    (diag,) = client.diagnostics(doc)
    assert "unknown card 'drones_for_frnt'" in diag["message"] and diag["range"]["start"]["line"] == line
    items = client.at("textDocument/completion", doc, line, col + 3)["items"]
    assert "drones_for_front" in {i["label"] for i in items}
    # a card named in a step's action jumps to the scenario's card
    line, col = _line_of(bad, "action arms_transfer")
    (where,) = client.at("textDocument/definition", doc, line, col + len("action ") + 2)
    assert where["uri"] == uri(copy / "from_tabriz_to_kazan.yaml")
    scenario_lines = (copy / "from_tabriz_to_kazan.yaml").read_text(encoding="utf-8").split("\n")
    assert "- id: arms_transfer" in scenario_lines[where["range"]["start"]["line"]]
    assert client.close() == 0


def _until(client: LspClient, doc: str, test: typing.Callable[[list[dict[str, typing.Any]]], bool]) -> list[typing.Any]:
    """The diagnostics of the first publication for ``doc`` that passes ``test`` (a few at most)."""
    for _ in range(6):
        diags = client.diagnostics(doc)
        if test(diags):
            return diags
    raise AssertionError(f"no publication for {doc} passed the test; the last: {diags}")


def _clean(diags: list[typing.Any]) -> bool:
    return diags == []


def test_lsp_rechecks_the_open_files_that_depend_on_a_changed_one(copy: Path, tmp_path: Path) -> None:
    main = copy / "from_tabriz_to_kazan.yaml"
    short = copy / "ashgabat_to_kazan.yaml"  # extends the main scenario
    test = copy / "tests" / "from_tabriz_to_kazan" / "cards.test.yaml"
    map_file = copy / "map.yaml"
    main_text, map_text = main.read_text(encoding="utf-8"), map_file.read_text(encoding="utf-8")
    bad_map = map_text.replace("bloc: caucasus", "bloc: caucasos", 1)

    def map_errors(diags: list[typing.Any]) -> bool:
        return any("the map 'map.yaml' has errors" in d["message"] for d in diags)

    with open(tmp_path / "server.err", "wb") as err:
        client = LspClient(tmp_path, stderr=err)
        client.initialize(tmp_path)
        docs = {p: client.open(p) for p in (main, short, test)}
        for d in docs.values():
            assert client.diagnostics(d) == []
        the_map = client.open(map_file)  # as on disk: nothing changes for the others
        assert client.diagnostics(the_map) == []

        # the map changes (unsaved): the scenario using it, the one extending that and the
        # scenario's test get fresh diagnostics without being touched
        client.change(the_map, 2, bad_map)
        assert any("unknown bloc 'caucasos'" in d["message"] for d in client.diagnostics(the_map))
        for p in (main, short):
            _until(client, docs[p], map_errors)
        _until(client, docs[test], lambda ds: any("has errors" in d["message"] for d in ds))
        client.change(the_map, 3, map_text)
        assert client.diagnostics(the_map) == []
        for d in docs.values():
            _until(client, d, _clean)

        # the extended scenario changes: its test file and the scenario extending it follow
        renamed = main_text.replace("- id: drones_for_front", "- id: drones_to_the_front", 1)
        client.change(docs[main], 2, renamed)
        line, _ = _line_of(test.read_text(encoding="utf-8"), "removed: [drones_for_front]")
        _until(client, docs[test], lambda ds: any(
            "unknown card 'drones_for_front'" in d["message"] and d["range"]["start"]["line"] == line for d in ds))

        # closing the edited scenario: its dependents now read the file on disk, which is clean
        client.notify("textDocument/didClose", {"textDocument": {"uri": docs[main]}})
        _until(client, docs[test], _clean)
        _until(client, docs[short], _clean)

        # a file changed on disk (not open): the open files that read it are checked again
        client.notify("textDocument/didClose", {"textDocument": {"uri": the_map}})
        map_file.write_text(bad_map, encoding="utf-8")
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": the_map, "type": 2}]})
        _until(client, docs[short], map_errors)
        _until(client, docs[test], lambda ds: ds != [])
        assert client.close() == 0


# --------------------------------------------------------------------------- validating buffers


def test_validate_text_checks_the_buffer_not_the_file(copy: Path) -> None:
    short = copy / "ashgabat_to_kazan.yaml"
    before = short.read_text(encoding="utf-8")
    edited = before.replace("kind: scenario", "kind: scenario\nsummry: typo", 1)
    diags = validate_text(short, edited)
    assert [d.location.line for d in diags if "summry" in d.message] == [_line_of(edited, "summry")[0] + 1]
    assert short.read_text(encoding="utf-8") == before  # nothing written
    assert validate_file(str(short)) == []


def test_validate_text_resolves_extend_next_to_the_real_file_and_sees_other_buffers(copy: Path) -> None:
    short = copy / "ashgabat_to_kazan.yaml"
    main = copy / "from_tabriz_to_kazan.yaml"
    assert validate_text(short, short.read_text(encoding="utf-8")) == []
    broken_parent = main.read_text(encoding="utf-8") + "\n  : [\n"  # no longer parses
    diags = validate_text(short, short.read_text(encoding="utf-8"), others={str(main): broken_parent})
    assert any("has errors" in d.message for d in diags)


# --------------------------------------------------------------------------- features in-process


def test_completion_offers_effect_kinds_keys_and_enum_values(copy: Path) -> None:
    ws = Workspace()
    path = str(copy / "from_tabriz_to_kazan.yaml")
    text = ws.text(path)
    assert text is not None
    lines = text.split("\n")
    card, col = _line_of(text, "- id: principlist_course")
    effects = next(n for n in range(card, len(lines)) if lines[n].strip() == "effects:")
    # a new effect: the kinds of effect, with their keys
    lines.insert(effects + 1, " " * (col + 4) + "- ")
    ws.open(path, "\n".join(lines))
    kinds = {i.label: i for i in features.completion(ws, path, effects + 1, col + 6)}
    assert set(kinds) == {"influence", "track", "economy", "vp", "stability", "leader", "flag", "add_card",
                          "remove_card", "draw", "log", "if", "roll", "end_game"}
    assert "{faction, region, add}" in kinds["influence"].documentation
    # a card's keys
    lines[effects + 1] = " " * (col + 2) + "dec"
    ws.open(path, "\n".join(lines))
    assert cursor_at("\n".join(lines), effects + 1, col + 5).position == "key"
    keys = {i.label for i in features.completion(ws, path, effects + 1, col + 5)}
    assert {"deck", "if", "choice", "remove"} <= keys
    # enum values
    lines[effects + 1] = " " * (col + 2) + "deck: "
    ws.open(path, "\n".join(lines))
    assert [i.label for i in features.completion(ws, path, effects + 1, col + 8)] == ["start", "later"]


def test_completion_of_options_follows_the_event_named_beside(copy: Path) -> None:
    ws = Workspace()
    path = str(copy / "from_tabriz_to_kazan.yaml")
    text = ws.text(path)
    assert text is not None
    line, col = _line_of(text, "{chose: {faction: russia, option: commit}}")
    at = col + len("{chose: {faction: russia, option: ")
    labels = {i.label for i in features.completion(ws, path, line, at)}
    assert "commit" in labels and "hold_back" in labels  # the options of the event it stands in
    assert "offer_investigation" not in labels  # another event's
    assert all(i.detail == "option of a choice" for i in features.completion(ws, path, line, at))


def test_hover_on_a_key_says_what_it_holds(copy: Path) -> None:
    ws = Workspace()
    path = str(copy / "from_tabriz_to_kazan.yaml")
    text = ws.text(path)
    assert text is not None
    line, col = _line_of(text, "calendar: {start: 2024-05, turns: 9}")
    hover = features.hover(ws, path, line, col + len("calendar: {start: 2024-05, tu"))
    assert hover is not None and hover.startswith("`turns`: a whole number from 1 to 60 (required)")
    hover = features.hover(ws, path, line, col + len("calendar: {st"))
    assert hover is not None and "the first month of the game, YYYY-MM" in hover
    line, col = _line_of(text, "- influence: {faction: russia, region: iran")
    hover = features.hover(ws, path, line, col + 4)
    assert hover is not None and hover.startswith("an effect: `influence`")


def test_hover_on_a_region_gives_its_name_bloc_stability_and_links(copy: Path) -> None:
    ws = Workspace()
    path = str(copy / "from_tabriz_to_kazan.yaml")
    text = ws.text(path)
    assert text is not None
    line, col = _line_of(text, "region: iran")
    hover = features.hover(ws, path, line, col + len("region: ") + 1)
    assert hover is not None
    assert "Iran" in hover and "stability" in hover and "bloc" in hover and "links:" in hover


def test_references_of_a_region_span_the_map_scenarios_and_tests(copy: Path) -> None:
    ws = Workspace()
    map_path = str(copy / "map.yaml")
    text = ws.text(map_path)
    assert text is not None
    line, col = _line_of(text, "id: iran")
    spots = features.references(ws, map_path, line, col + 4)
    files = {Path(s.file).name for s in spots}
    assert {"map.yaml", "from_tabriz_to_kazan.yaml", "ashgabat_to_kazan.yaml"} <= files
    assert any(name.endswith(".test.yaml") for name in files)


def test_every_id_field_of_the_formats_is_known_to_the_server() -> None:
    """A new field holding an id must say what it names (shapes.ID_FIELDS) or that it names itself."""
    seen: set[type[BaseModel]] = set()
    unknown = []

    def visit(tp: typing.Any) -> None:
        for alt, _ in shapes.alternatives(tp):
            for arg in typing.get_args(alt):
                visit(arg)
            if isinstance(alt, type) and issubclass(alt, BaseModel) and alt not in seen:
                seen.add(alt)
                for name, info in alt.model_fields.items():
                    names_id = ID_PATTERN in repr(info.annotation) or any(
                        getattr(x, "pattern", None) == ID_PATTERN for x in info.metadata
                    )
                    known = (alt, name) in shapes.ID_FIELDS or (alt, name) in shapes.OWN_IDS
                    if names_id and not known:
                        unknown.append(f"{alt.__name__}.{name}")
                    visit(info.annotation)

    for root in shapes.ROOTS.values():
        visit(root)
    assert len(seen) > 40
    assert unknown == []


def test_other_yaml_files_get_no_diagnostics(tmp_path: Path) -> None:
    ws = Workspace()
    other = tmp_path / "docker-compose.yaml"
    assert features.diagnostics(ws, str(other), "services:\n  web: {image: x}\n") == []
    assert features.diagnostics(ws, str(other), "services: [\n") == []
    (diag,) = features.diagnostics(ws, str(tmp_path / "new.yaml"), "kind: scenaro\n")
    assert "unknown kind 'scenaro'" in diag.message


def test_dependents_of_a_map_are_the_open_scenarios_using_it_and_their_tests(copy: Path) -> None:
    ws = Workspace()
    main, short = copy / "from_tabriz_to_kazan.yaml", copy / "ashgabat_to_kazan.yaml"
    test = copy / "tests" / "from_tabriz_to_kazan" / "cards.test.yaml"
    for p in (main, short, test, copy / "map.yaml"):
        ws.open(str(p), p.read_text(encoding="utf-8"))
    assert ws.dependents(str(copy / "map.yaml")) == sorted(str(p) for p in (short, main, test))
    assert ws.dependents(str(main)) == sorted([str(short), str(test)])
    assert ws.dependents(str(test)) == [] and ws.dependents(str(short)) == []


def test_a_scenario_whose_errors_are_all_in_a_file_it_reads_gets_one_at_its_extend(copy: Path) -> None:
    ws = Workspace()
    main, short = copy / "from_tabriz_to_kazan.yaml", copy / "ashgabat_to_kazan.yaml"
    ws.open(str(main), main.read_text(encoding="utf-8").replace("map: map.yaml", "map: mop.yaml", 1))
    text = short.read_text(encoding="utf-8")
    (d,) = features.diagnostics(ws, str(short), text)
    assert d.severity == "error" and d.location.line == _line_of(text, "extend:")[0] + 1
    assert "a file it reads has errors: " in d.message and "no map file 'mop.yaml'" in d.message


def test_completion_offers_nothing_inside_a_comment(copy: Path) -> None:
    ws = Workspace()
    path = str(copy / "from_tabriz_to_kazan.yaml")
    text = "kind: scenario\n# a card of two owners (owner: [ru\nid: x\n"
    ws.open(path, text)
    assert features.completion(ws, path, 1, len("# a card of two owners (owner: [ru")) == []
    ws.open(path, "kind: scenario\nsumm\n")
    assert "summary" in {i.label for i in features.completion(ws, path, 1, 4)}
