"""A small Language Server Protocol client: JSON-RPC over a subprocess's stdio.

Used by tests/test_lsp.py and benchmarks/bench_lsp.py to talk to ``python -m diplomacy_game lsp``
as an editor does. Timeouts are only there to avoid hanging forever; nothing is timed.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

# seconds before a missing answer counts as a hang (LSP_HANG: fewer, when debugging)
HANG = float(os.environ.get("LSP_HANG", "120"))


def uri(path: Path) -> str:
    return path.resolve().as_uri()


class LspClient:
    def __init__(self, cwd: Path, stderr: BinaryIO | int = subprocess.DEVNULL,
                 env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "diplomacy_game", "lsp"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, cwd=cwd, env=env,
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self._next = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            self.messages.put(json.loads(out.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _take(self) -> dict[str, Any]:
        msg = self.messages.get(timeout=HANG)
        if msg is None:
            raise EOFError("the server closed its output")
        if "method" in msg and "id" in msg:  # a request from the server: answer it plainly
            self._send({"id": msg["id"], "result": None})
        elif "method" in msg:
            self.notifications.append(msg)
        return msg

    def request(self, method: str, params: Any) -> Any:
        self._next += 1
        rid = self._next
        self._send({"id": rid, "method": method, "params": params})
        while True:
            msg = self._take()
            if msg.get("id") == rid and "method" not in msg:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def wait_for(self, test: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The first notification (already received or to come) that passes ``test``; it is used up."""
        while True:
            for i, n in enumerate(self.notifications):
                if test(n):
                    return self.notifications.pop(i)
            self._take()

    def diagnostics(self, doc_uri: str) -> list[dict[str, Any]]:
        """The next diagnostics published for a document."""
        msg = self.wait_for(lambda n: n["method"] == "textDocument/publishDiagnostics"
                            and n["params"]["uri"] == doc_uri)
        return list(msg["params"]["diagnostics"])

    # the usual conversation
    def initialize(self, root: Path) -> dict[str, Any]:
        result = self.request("initialize", {"processId": None, "rootUri": uri(root), "capabilities": {}})
        self.notify("initialized", {})
        return dict(result)

    def open(self, path: Path, text: str | None = None) -> str:
        doc = uri(path)
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": doc, "languageId": "yaml", "version": 1,
            "text": path.read_text(encoding="utf-8") if text is None else text}})
        return doc

    def change(self, doc: str, version: int, text: str) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": doc, "version": version},
                                               "contentChanges": [{"text": text}]})

    def at(self, method: str, doc: str, line: int, character: int, **extra: Any) -> Any:
        return self.request(method, {"textDocument": {"uri": doc}, "position": {"line": line, "character": character},
                                     **extra})

    def close(self) -> int:
        """shutdown, exit; the server's exit status."""
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.proc.wait(timeout=HANG)
        finally:
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None:
                    stream.close()
