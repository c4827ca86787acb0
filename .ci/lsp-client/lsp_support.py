"""What the LSP client tests of this folder share: the binary under test, the bound on every
wait, and the client's moves (open a document, wait for a file's diagnostics)."""

import asyncio
import os
import pathlib

from lsprotocol import types

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
DCMC = os.environ.get("DCMC", str(REPOSITORY / ".build" / "debug" / "dcmc"))
TIMEOUT = int(os.environ.get("LSP_TIMEOUT", "30"))


def uri(path):
    return path.as_uri()


def find(path, text, occurrence=0, after=""):
    """The LSP position of the `occurrence`-th `text` in the file, past its prefix `after`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    seen = 0
    for number, line in enumerate(lines):
        column = line.find(text)
        while column >= 0:
            if seen == occurrence:
                prefix = line[: column + len(after)]
                return types.Position(line=number, character=len(prefix.encode("utf-16-le")) // 2)
            seen += 1
            column = line.find(text, column + 1)
    raise AssertionError(f"{text!r} not in {path}")


async def diagnostics_after(client, action, path):
    """Runs `action`, then waits (bounded) for the diagnostics of `path` and returns them.

    The client keeps one waiter per method and resolves it with the first publication; one that
    arrives while no waiter is registered is only recorded in `client.diagnostics`. So the
    waiter is registered (synchronously, no task in between) before each look at what was
    recorded: a publication of `path` is either recorded before the look or resolves the waiter
    after it, never lost between the two (a task that registered later once missed it)."""
    client.diagnostics.pop(uri(path), None)
    action()
    while True:
        waiting = asyncio.wrap_future(client.protocol.wait_for_notification("textDocument/publishDiagnostics"))
        if uri(path) in client.diagnostics:
            return client.diagnostics[uri(path)]
        await asyncio.wait_for(waiting, TIMEOUT)


def open_document(client, path):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri(path), language_id="yaml", version=1, text=path.read_text(encoding="utf-8")
            )
        )
    )
