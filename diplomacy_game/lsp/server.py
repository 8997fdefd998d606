"""The Language Server Protocol over stdio (pygls): the features of ``features`` as LSP messages."""

from __future__ import annotations

import asyncio
import gc
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import BinaryIO

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from . import features
from .index import Workspace

DEBOUNCE_SECONDS = 0.025
"""The quiet period of the debounce: a change that comes within this time of the buffer's
previous change waits until the buffer has been left alone this long; a change after a pause
is validated at once. Changes that come while a validation runs are validated together once it
is done."""

SWITCH_SECONDS = 0.0005
GC_THRESHOLD = (50_000, 50, 100)

INDEX_AFTER_SECONDS = 0.2
"""How long a buffer must be left alone after its diagnostics before its new text is indexed
(until then completion answers from its last index: ids defined a moment ago come a moment
later; hover, definition and references always index the text they are asked about)."""

_KINDS = {
    "key": lsp.CompletionItemKind.Property,
    "kind": lsp.CompletionItemKind.Keyword,
    "value": lsp.CompletionItemKind.EnumMember,
    "id": lsp.CompletionItemKind.Reference,
}
_SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning}


class ScenarioServer(LanguageServer):
    """The server: a workspace of files, validation in one worker thread, debounced."""

    def __init__(self) -> None:
        super().__init__("diplomacy-game", __version__)
        self.files = Workspace(index_behind=True)
        self.validator = ThreadPoolExecutor(max_workers=1, thread_name_prefix="validate")
        self.waiting: dict[str, asyncio.Task[None]] = {}  # the validation waiting to run, per file
        self.changed: dict[str, float] = {}  # when each buffer last changed (the loop's clock)
        self.indexing: dict[str, asyncio.Task[None]] = {}  # the index of a new text, waiting for a pause


def _path(uri: str) -> str:
    path = to_fs_path(uri)
    return os.path.abspath(path if path is not None else uri)


def _uri(path: str) -> str:
    return from_fs_path(path) or path


def _range(line: int, start: int, end: int) -> lsp.Range:
    return lsp.Range(lsp.Position(line, start), lsp.Position(line, end))


def _location(spot: features.Spot) -> lsp.Location:
    return lsp.Location(_uri(spot.file), _range(spot.line, spot.start, spot.end))


def _validate_now(server: ScenarioServer, uri: str) -> None:
    path = _path(uri)
    text = server.files.buffers.get(path)
    if text is None:
        return
    server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, _lsp_diagnostics(server, path, text)))


def _lsp_diagnostics(server: ScenarioServer, path: str, text: str) -> list[lsp.Diagnostic]:
    out = []
    for d in features.diagnostics(server.files, path, text):
        line, start, end = features.diagnostic_range(text, d)
        message = d.message + (f"; {d.hint}" if d.hint else "")
        out.append(lsp.Diagnostic(_range(line, start, end), message, _SEVERITY.get(d.severity),
                                  source="diplomacy-game"))
    return out


def _index(server: ScenarioServer, path: str) -> None:
    """In the worker, after the diagnostics: the index of the buffer's new text (completion
    answers from the last one meanwhile)."""
    server.files.symbols(path)


async def _validate_later(server: ScenarioServer, uri: str, delay: float) -> None:
    if delay:
        await asyncio.sleep(delay)
    path = _path(uri)
    text = server.files.buffers.get(path)
    if text is None:
        return
    loop = asyncio.get_running_loop()
    # (a file that another buffer's change touches is checked again by its own task: see
    # ``_recheck_dependents``)
    diags = await loop.run_in_executor(server.validator, _lsp_diagnostics, server, path, text)
    if server.files.buffers.get(path) != text:  # changed since: its own validation is on the way
        return
    server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, diags))
    server.indexing[uri] = loop.create_task(_index_later(server, uri, path, text))


async def _index_later(server: ScenarioServer, uri: str, path: str, text: str) -> None:
    """Once the buffer has been left alone a while, index its new text in the worker (so that
    it never delays the diagnostics of the next change)."""
    await asyncio.sleep(INDEX_AFTER_SECONDS)
    if server.files.buffers.get(path) == text:
        await asyncio.get_running_loop().run_in_executor(server.validator, _index, server, path)


def _schedule(server: ScenarioServer, uri: str, delay: float) -> None:
    for tasks in (server.waiting, server.indexing):
        old = tasks.get(uri)
        if old is not None and not old.done():
            old.cancel()
    server.waiting[uri] = asyncio.get_running_loop().create_task(_validate_later(server, uri, delay))


def _changed(server: ScenarioServer, uri: str, text: str) -> None:
    """A buffer opened or changed to ``text``: validate it (at once after a pause, else once the
    typing stops), and, when its text is not what they read before, the open files that depend
    on it (the scenarios extending it or using it as their map, the tests of those scenarios)."""
    path = _path(uri)
    before = server.files.text(path)  # the buffer, or the file on disk
    server.files.open(path, text)
    now = asyncio.get_running_loop().time()
    last = server.changed.get(uri)
    server.changed[uri] = now
    quick = last is None or now - last >= DEBOUNCE_SECONDS
    _schedule(server, uri, 0 if quick else DEBOUNCE_SECONDS)
    if before != text:
        _recheck_dependents(server, path)


def _recheck_dependents(server: ScenarioServer, path: str) -> None:
    for other in server.files.dependents(path):
        _schedule(server, _uri(other), DEBOUNCE_SECONDS)


def make_server() -> ScenarioServer:
    server = ScenarioServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ScenarioServer, params: lsp.DidOpenTextDocumentParams) -> None:
        _changed(ls, params.text_document.uri, params.text_document.text)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ScenarioServer, params: lsp.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = ls.workspace.get_text_document(uri)  # pygls has applied the changes
        _changed(ls, uri, doc.source)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ScenarioServer, params: lsp.DidSaveTextDocumentParams) -> None:
        _schedule(ls, params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ScenarioServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = _path(uri)
        dependents = ls.files.dependents(path)  # before the buffer goes: they now read the file
        edited = ls.files.buffers.get(path)
        ls.files.close(path)
        if edited is not None and ls.files.text(path) == edited:
            dependents = []  # the file says what the buffer said: nothing changes for them
        ls.changed.pop(uri, None)
        task = ls.waiting.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))
        for other in dependents:
            _schedule(ls, _uri(other), DEBOUNCE_SECONDS)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: ScenarioServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        # a file changed on disk (saved by another program, a git checkout): the open files
        # that read it are checked again
        for change in params.changes:
            path = _path(change.uri)
            if path not in ls.files.buffers:
                _recheck_dependents(ls, path)

    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[":", " ", "[", ",", "-"])
    )
    def completion(ls: ScenarioServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        pos = params.position
        items = features.completion(ls.files, _path(params.text_document.uri), pos.line, pos.character)
        return lsp.CompletionList(
            is_incomplete=False,
            items=[
                lsp.CompletionItem(
                    label=i.label,
                    kind=_KINDS.get(i.kind),
                    detail=i.detail or None,
                    documentation=lsp.MarkupContent(lsp.MarkupKind.Markdown, i.documentation)
                    if i.documentation else None,
                    insert_text=i.insert,
                    sort_text=f"{n:04d}",
                )
                for n, i in enumerate(items)
            ],
        )

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: ScenarioServer, params: lsp.HoverParams) -> lsp.Hover | None:
        pos = params.position
        text = features.hover(ls.files, _path(params.text_document.uri), pos.line, pos.character)
        if text is None:
            return None
        return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text))

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: ScenarioServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
        pos = params.position
        return [_location(s) for s in features.definition(ls.files, _path(params.text_document.uri),
                                                          pos.line, pos.character)]

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def references(ls: ScenarioServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        pos = params.position
        spots = features.references(ls.files, _path(params.text_document.uri), pos.line, pos.character,
                                    include_declaration=params.context.include_declaration)
        return [_location(s) for s in spots]

    return server


def serve(stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> int:
    """Run the server on stdio until the client says exit; the exit status."""
    server = make_server()
    # the worker validates in pure Python while the loop answers requests: hand the interpreter
    # over more often (default 5 ms), so that a completion never waits long behind a validation
    before, collecting = sys.getswitchinterval(), gc.get_threshold()
    sys.setswitchinterval(SWITCH_SECONDS)
    # a validation makes some 10^5 short-lived containers (the YAML's nodes and values): with the
    # default threshold (700) the collector runs through the long-lived ones (the index, the
    # parsed map) dozens of times per validation, a pause of 20-70 ms now and then
    gc.set_threshold(*GC_THRESHOLD)
    try:
        server.start_io(stdin, stdout)
    finally:
        gc.set_threshold(*collecting)
        sys.setswitchinterval(before)
        server.validator.shutdown(wait=False, cancel_futures=True)
    return 0

