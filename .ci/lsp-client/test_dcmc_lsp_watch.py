"""dcmc lsp reading again the definitions that change on disk, driven by a real LSP client
(pytest-lsp over lsprotocol) and the built binary. Run by `swift test` (LSPCommandTests)
through run.py with the other tests of this folder.

The client watches as an editor does: it takes the watchers the server registers (dynamic
registration of `workspace/didChangeWatchedFiles`) and reports the files and folders created,
changed and deleted that their globs match, so a wrong glob leaves a change unreported. A
client that cannot register reports every change by itself. Each test has its own copy of the
reference definitions. Every wait is bounded (TIMEOUT); nothing sleeps.
"""

import asyncio
import pathlib
import re
import shutil
import urllib.parse

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_support import DCMC, REPOSITORY, TIMEOUT, diagnostics_after, find, open_document, uri

# What the client says it can watch; the server registers a glob, a relative pattern, or nothing.
CAPABILITIES = {
    "glob": types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
    "relative": types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True, relative_pattern_support=True),
    "none": None,
}


def glob_regex(glob):
    """The regular expression of an LSP glob pattern: `**/`, `*`, `?`, `{a,b}`."""
    parts = []
    position = 0
    while position < len(glob):
        if glob.startswith("**/", position):
            parts.append("(?:.*/)?")
            position += 3
            continue
        character = glob[position]
        parts.append({"*": "[^/]*", "?": "[^/]", "{": "(?:", "}": ")", ",": "|"}.get(character, re.escape(character)))
        position += 1
    return re.compile("".join(parts) + r"\Z")


class Watcher:
    """The client's file watcher over the workspace folder it opened."""

    def __init__(self, workspace, watches_everything):
        self.workspace = workspace
        # A client that registered nothing watches by itself: it reports every change.
        self.watches_everything = watches_everything
        self.globs = []  # (the folder the glob is relative to, its regular expression)
        self.registrations = []
        self.seen = self.scan()

    def register(self, params):
        """Takes a `client/registerCapability` request's watchers."""
        for registration in params.registrations:
            self.registrations.append(registration)
            if registration.method != types.WORKSPACE_DID_CHANGE_WATCHED_FILES:
                continue
            for watcher in registration.register_options["watchers"]:
                pattern = watcher["globPattern"]
                if isinstance(pattern, str):
                    self.globs.append((self.workspace, glob_regex(pattern)))
                else:
                    base = pathlib.Path(urllib.parse.unquote(urllib.parse.urlparse(pattern["baseUri"]).path))
                    self.globs.append((base, glob_regex(pattern["pattern"])))

    def scan(self):
        """Every file (by its bytes) and folder (None) under the workspace."""
        return {path: path.read_bytes() if path.is_file() else None for path in self.workspace.rglob("*")}

    def watches(self, path):
        return self.watches_everything or any(
            path.is_relative_to(base) and pattern.match(path.relative_to(base).as_posix()) for base, pattern in self.globs
        )

    def report(self, client, moved=False):
        """Sends what changed since the last report and is watched; returns the events sent.
        After a folder `moved` in or out, only the folder is reported, as editors do."""
        now = self.scan()
        created = [(path, types.FileChangeType.Created) for path in now if path not in self.seen]
        changed = [(path, types.FileChangeType.Changed) for path in now if path in self.seen and now[path] != self.seen[path]]
        deleted = [(path, types.FileChangeType.Deleted) for path in self.seen if path not in now]
        if moved:
            created = [(path, kind) for path, kind in created if path.parent in self.seen]
            deleted = [(path, kind) for path, kind in deleted if path.parent in now]
        self.seen = now
        events = [
            types.FileEvent(uri=uri(path), type=kind) for path, kind in sorted(created + changed + deleted) if self.watches(path)
        ]
        if events:
            client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=events))
        return events


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[DCMC, "lsp"]))
async def client(lsp_client: LanguageClient, request, tmp_path):
    """A server on a copy of the reference definitions under `tmp_path/ws`, with the client's
    watching capability named by the test's parameter ("glob" unless it names one)."""
    capability = getattr(request, "param", "glob")
    workspace = tmp_path / "ws"
    shutil.copytree(REPOSITORY / "definitions", workspace / "definitions")
    lsp_client.workspace = workspace
    lsp_client.watcher = Watcher(workspace, watches_everything=CAPABILITIES[capability] is None)

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.watcher.register(params)

    await asyncio.wait_for(
        lsp_client.initialize_session(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(
                    workspace=types.WorkspaceClientCapabilities(did_change_watched_files=CAPABILITIES[capability])
                ),
                root_uri=uri(workspace),
                workspace_folders=[types.WorkspaceFolder(uri=uri(workspace), name="ws")],
            )
        ),
        TIMEOUT,
    )
    # The server asks to watch just after `initialized`, so before it answers this request.
    await asyncio.wait_for(lsp_client.workspace_symbol_async(types.WorkspaceSymbolParams(query="")), TIMEOUT)
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), TIMEOUT)


def rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def reported(client, change, moved=False):
    """An action for `diagnostics_after`: makes `change` on disk, then the client reports it."""

    def action():
        change()
        assert client.watcher.report(client, moved), "the change on disk matches no watcher the server registered"

    return action


def unknown_at(found, path, text):
    """The diagnostics of `found` that start at the value of `text` (`key: value`) in `path`."""
    place = find(path, text, after=text.split(": ")[0] + ": ")
    return [diagnostic for diagnostic in found if diagnostic.range.start == place]


async def symbol_files(client, query):
    symbols = await asyncio.wait_for(client.workspace_symbol_async(types.WorkspaceSymbolParams(query=query)), TIMEOUT)
    return [symbol.location.uri for symbol in symbols if symbol.name == query]


@pytest.mark.parametrize("client", ["glob", "relative", "none"], indirect=True)
@pytest.mark.parametrize(
    "name, old, new, use, code",
    [
        ("workgroups.yaml", "id: employees_group", "id: staff_group", "target: employees_group", "DC3002"),
        ("calendars.yaml", "id: office_brussels", "id: office_bxl", "calendar: office_brussels", "DC3001"),
        ("templates.yaml", "id: case_created", "id: case_made", "template: case_created", "DC3003"),
    ],
)
@pytest.mark.asyncio
async def test_a_file_changed_on_disk_gives_an_open_case_type_a_diagnostic_and_takes_it_back(
    client: LanguageClient, name, old, new, use, code
):
    definitions = client.workspace / "definitions"
    technical, shared = definitions / "technical.yaml", definitions / name
    text = shared.read_text(encoding="utf-8")
    open_document(client, technical)
    found = await diagnostics_after(client, reported(client, lambda: rewrite(shared, old, new)), technical)
    assert [diagnostic.code for diagnostic in unknown_at(found, technical, use)] == [code]
    restored = await diagnostics_after(client, reported(client, lambda: shared.write_text(text, encoding="utf-8")), technical)
    assert restored == []


@pytest.mark.parametrize("client", ["glob", "relative", "none"], indirect=True)
@pytest.mark.asyncio
async def test_a_file_deleted_on_disk_and_created_again_in_a_new_folder(client: LanguageClient):
    definitions = client.workspace / "definitions"
    technical, workgroups = definitions / "technical.yaml", definitions / "workgroups.yaml"
    text = workgroups.read_text(encoding="utf-8")
    open_document(client, technical)
    found = await diagnostics_after(client, reported(client, workgroups.unlink), technical)
    assert [diagnostic.code for diagnostic in unknown_at(found, technical, "target: employees_group")] == ["DC3002"]
    assert await symbol_files(client, "employees_group") == []

    moved = definitions / "teams" / "groups.yml"

    def create():
        moved.parent.mkdir()
        moved.write_text(text, encoding="utf-8")

    assert await diagnostics_after(client, reported(client, create), technical) == []
    assert await symbol_files(client, "employees_group") == [uri(moved)]


@pytest.mark.parametrize("client", ["glob", "relative", "none"], indirect=True)
@pytest.mark.asyncio
async def test_a_folder_named_like_a_yaml_file_moved_in_and_out_is_read_as_a_folder(client: LanguageClient, tmp_path):
    definitions = client.workspace / "definitions"
    technical, workgroups = definitions / "technical.yaml", definitions / "workgroups.yaml"
    outside, inside = tmp_path / "people.yaml", definitions / "people.yaml"
    outside.mkdir()
    shutil.move(workgroups, outside / "workgroups.yaml")
    open_document(client, technical)
    found = await diagnostics_after(client, reported(client, lambda: None), technical)
    assert [diagnostic.code for diagnostic in unknown_at(found, technical, "target: employees_group")] == ["DC3002"]

    # One event each way, for the folder, which matches `**/*.{yaml,yml}` too.
    assert await diagnostics_after(client, reported(client, lambda: outside.rename(inside), moved=True), technical) == []
    assert await symbol_files(client, "employees_group") == [uri(inside / "workgroups.yaml")]
    found = await diagnostics_after(client, reported(client, lambda: inside.rename(outside), moved=True), technical)
    assert [diagnostic.code for diagnostic in unknown_at(found, technical, "target: employees_group")] == ["DC3002"]
    assert await symbol_files(client, "employees_group") == []


def frame(body):
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


@pytest.mark.parametrize("client", ["glob", "none"], indirect=True)
@pytest.mark.asyncio
async def test_changes_reported_for_files_that_are_not_definitions_change_nothing(client: LanguageClient, tmp_path):
    definitions = client.workspace / "definitions"
    technical, workgroups = definitions / "technical.yaml", definitions / "workgroups.yaml"
    open_document(client, technical)
    # Each would define `employees_group` again, or break, if it were read as a definition.
    duplicate = workgroups.read_text(encoding="utf-8")
    others = [
        definitions / "workgroups.yaml.orig",  # not YAML
        definitions / "notes.txt",
        tmp_path / "elsewhere" / "definitions" / "workgroups.yaml",  # another project's definitions
        client.workspace / "workgroups.yaml",  # beside the definitions folder, not in it
        definitions / ".drafts" / "workgroups.yaml",  # a hidden folder
        definitions.joinpath(*["deep"] * 33, "workgroups.yaml"),  # deeper than 32 folders
    ]
    for path in others:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(duplicate + "\n: [ broken\n", encoding="utf-8")
    client.watcher.seen = client.watcher.scan()
    events = [types.FileEvent(uri=uri(path), type=kind) for path in others for kind in types.FileChangeType]
    events += [
        types.FileEvent(uri=name, type=types.FileChangeType.Changed)
        for name in ["untitled:Untitled-1", "https://example.com/definitions/x.yaml", "file:///%zz.yaml", "file:x.yaml", ""]
    ]
    events.append(types.FileEvent(uri=uri(definitions / "missing.yaml"), type=types.FileChangeType.Deleted))
    # One notification each: a path that may be a folder reads the definitions again whole,
    # which would hide a file read wrongly before it in the same notification.
    for event in events:
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[event]))
    stdin = client._server.stdin
    method = b'"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles"'
    for params in [b'{"changes":"all"}', b'{"changes":[1,null,{"uri":5,"type":"x"},{}]}', b"[]", b"null"]:
        stdin.write(frame(b"{" + method + b',"params":' + params + b"}"))
    stdin.write(frame(b"{" + method + b"}"))
    await stdin.drain()

    # Then a change that does matter: the only diagnostics published are its own, in the
    # definitions, and the duplicates were not read (they would define the old id again).
    found = await diagnostics_after(
        client, reported(client, lambda: rewrite(workgroups, "id: employees_group", "id: staff_group")), technical
    )
    assert [diagnostic.code for diagnostic in unknown_at(found, technical, "target: employees_group")] == ["DC3002"]
    definition_uris = {uri(path) for path in definitions.glob("**/*.yaml") if path not in others}
    assert set(client.diagnostics) <= definition_uris
    assert await symbol_files(client, "employees_group") == []
    assert await symbol_files(client, "staff_group") == [uri(workgroups)]


@pytest.mark.parametrize("client", ["glob", "relative", "none"], indirect=True)
@pytest.mark.asyncio
async def test_the_server_asks_a_client_that_can_to_watch_the_definitions(client: LanguageClient, request):
    capability = request.node.callspec.params["client"]
    registrations = client.watcher.registrations
    if capability == "none":
        assert registrations == []
        return
    (registration,) = registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    (watcher,) = registration.register_options["watchers"]
    if capability == "glob":
        assert watcher == {"globPattern": "**/*.{yaml,yml}"}
    else:
        assert watcher == {"globPattern": {"baseUri": uri(client.workspace / "definitions"), "pattern": "**/*"}}
