"""dcmc lsp driven by a real LSP client (pytest-lsp over lsprotocol), on a copy of the
reference definitions. Run by `swift test` (LSPCommandTests) through run.py:

    python3 .ci/lsp-client/run.py .build/debug/dcmc

Every wait is bounded (TIMEOUT); nothing sleeps.
"""

import asyncio
import pathlib
import shutil
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_support import DCMC, REPOSITORY, TIMEOUT, diagnostics_after, find, open_document, uri

WORKSPACE = pathlib.Path(tempfile.mkdtemp(prefix="dcmc-lsp-"))
shutil.copytree(REPOSITORY / "definitions", WORKSPACE / "definitions")
TECHNICAL = WORKSPACE / "definitions" / "technical.yaml"
WORKGROUPS = WORKSPACE / "definitions" / "workgroups.yaml"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[DCMC, "lsp"]))
async def client(lsp_client: LanguageClient):
    await asyncio.wait_for(
        lsp_client.initialize_session(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                root_uri=uri(WORKSPACE),
                workspace_folders=[types.WorkspaceFolder(uri=uri(WORKSPACE), name="definitions")],
            )
        ),
        TIMEOUT,
    )
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), TIMEOUT)


def change(client, path, range_, text, version):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
            content_changes=[types.TextDocumentContentChangeEvent_Type1(range=range_, text=text)],
        )
    )


def replace(client, path, start, length, text, version):
    end = types.Position(line=start.line, character=start.character + length)
    change(client, path, types.Range(start=start, end=end), text, version)


@pytest.mark.asyncio
async def test_an_error_appears_with_its_range_and_code_and_clears_when_fixed(client: LanguageClient):
    open_document(client, TECHNICAL)
    place = find(TECHNICAL, "target: employees_group", after="target: ")
    client.diagnostics.pop(uri(TECHNICAL), None)
    found = await diagnostics_after(client, lambda: replace(client, TECHNICAL, place, 15, "employes_group", 2), TECHNICAL)
    unknown = [d for d in found if d.code == "DC3002"]
    assert len(unknown) == 1
    assert unknown[0].range.start == place
    assert unknown[0].range.end == types.Position(line=place.line, character=place.character + 14)
    assert unknown[0].severity == types.DiagnosticSeverity.Error
    assert unknown[0].code_description.href == "dcmc:explain/DC3002"
    assert unknown[0].related_information[0].location.uri == uri(WORKGROUPS)

    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri(TECHNICAL)), position=place)
        ),
        TIMEOUT,
    )
    assert "DC3002" in hover.contents.value

    cleared = await diagnostics_after(client, lambda: replace(client, TECHNICAL, place, 14, "employees_group", 3), TECHNICAL)
    assert cleared == []


@pytest.mark.asyncio
async def test_hover_and_definition_across_files(client: LanguageClient):
    place = find(TECHNICAL, "target: employees_group", after="target: ")
    position = types.TextDocumentPositionParams(text_document=types.TextDocumentIdentifier(uri=uri(TECHNICAL)), position=place)
    hover = await asyncio.wait_for(
        client.text_document_hover_async(types.HoverParams(text_document=position.text_document, position=place)), TIMEOUT
    )
    assert "**workgroup** `employees_group`" in hover.contents.value
    assert "members:" in hover.contents.value

    locations = await asyncio.wait_for(
        client.text_document_definition_async(
            types.DefinitionParams(text_document=position.text_document, position=place)
        ),
        TIMEOUT,
    )
    assert [location.uri for location in locations] == [uri(WORKGROUPS)]
    assert locations[0].range.start == find(WORKGROUPS, "id: employees_group", after="id: ")

    references = await asyncio.wait_for(
        client.text_document_references_async(
            types.ReferenceParams(
                text_document=position.text_document,
                position=place,
                context=types.ReferenceContext(include_declaration=False),
            )
        ),
        TIMEOUT,
    )
    assert len(references) > 1
    assert all(reference.uri != uri(WORKGROUPS) for reference in references)


@pytest.mark.asyncio
async def test_malformed_frames_and_unknown_methods_keep_the_server_running(client: LanguageClient):
    with pytest.raises(Exception, match="unknown method"):
        await asyncio.wait_for(client.protocol.send_request_async("dcmc/nothing", {}), TIMEOUT)
    # A frame without a usable length, then a body that is not JSON: both answered with an
    # error (id null), which the client only logs.
    stdin = client._server.stdin
    stdin.write(b"Content-Length: many\r\n\r\n")
    stdin.write(b"Content-Length: 5\r\n\r\n{nope")
    await stdin.drain()
    symbols = await asyncio.wait_for(
        client.workspace_symbol_async(types.WorkspaceSymbolParams(query="employees_group")), TIMEOUT
    )
    assert [symbol.name for symbol in symbols] == ["employees_group"]


def apply(text, edits):
    """`text` with LSP text edits applied (UTF-16 positions), last edit first."""
    lines = text.split("\n")

    def offset(position):
        line = lines[position.line].encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return sum(len(l) + 1 for l in lines[: position.line]) + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def rename(client, path, place, new_name):
    """The workspace edit of renaming the id at `place` of `path` to `new_name`."""
    return await asyncio.wait_for(
        client.text_document_rename_async(
            types.RenameParams(
                text_document=types.TextDocumentIdentifier(uri=uri(path)), position=place, new_name=new_name
            )
        ),
        TIMEOUT,
    )


def open_renamed(client, edit):
    """Opens every file `edit` changes with the edit applied; returns their texts by path."""
    renamed = {
        path: apply(path.read_text(encoding="utf-8"), edit.changes[uri(path)])
        for path in (WORKSPACE / "definitions").rglob("*.yaml")
        if uri(path) in edit.changes
    }
    for path, text in renamed.items():
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri(path), language_id="yaml", version=1, text=text)
            )
        )
    return renamed


async def until_clean(client):
    """Waits (bounded) until no file has diagnostics: those published while only some files
    were changed are cleared once all are."""
    while any(client.diagnostics.values()):
        await asyncio.wait_for(client.wait_for_notification("textDocument/publishDiagnostics"), TIMEOUT)


@pytest.mark.asyncio
async def test_renaming_a_workgroup_changes_every_reference(client: LanguageClient):
    place = find(WORKGROUPS, "id: employees_group", after="id: ")
    edit = await rename(client, WORKGROUPS, place, "first_line")
    assert uri(WORKGROUPS) in edit.changes and uri(TECHNICAL) in edit.changes
    open_renamed(client, edit)
    symbols = await asyncio.wait_for(client.workspace_symbol_async(types.WorkspaceSymbolParams(query="first_line")), TIMEOUT)
    assert [symbol.name for symbol in symbols] == ["first_line"]
    references = await asyncio.wait_for(
        client.text_document_references_async(
            types.ReferenceParams(
                text_document=types.TextDocumentIdentifier(uri=uri(WORKGROUPS)),
                position=place,
                context=types.ReferenceContext(include_declaration=True),
            )
        ),
        TIMEOUT,
    )
    assert len(references) == sum(len(edits) for edits in edit.changes.values())
    await until_clean(client)


@pytest.mark.asyncio
async def test_applying_a_fix_it_clears_the_diagnostic(client: LanguageClient):
    open_document(client, TECHNICAL)
    place = find(TECHNICAL, "target: employees_group", after="target: ")
    client.diagnostics.pop(uri(TECHNICAL), None)
    found = await diagnostics_after(client, lambda: replace(client, TECHNICAL, place, 15, "employes_group", 2), TECHNICAL)
    actions = await asyncio.wait_for(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri(TECHNICAL)),
                range=types.Range(start=place, end=place),
                context=types.CodeActionContext(diagnostics=found),
            )
        ),
        TIMEOUT,
    )
    assert [action.title for action in actions] == ["replace 'employes_group' with 'employees_group'"]
    (edit,) = actions[0].edit.changes[uri(TECHNICAL)]
    fix = lambda: change(client, TECHNICAL, edit.range, edit.new_text, 3)  # noqa: E731
    assert await diagnostics_after(client, fix, TECHNICAL) == []


ADDRESS_CHANGE = WORKSPACE / "definitions" / "address_change.yaml"
COMPLAINT = WORKSPACE / "definitions" / "complaint.yaml"


async def complete(client, path, position):
    """The labels of the completion at `position` of `path`."""
    result = await asyncio.wait_for(
        client.text_document_completion_async(
            types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri(path)), position=position)
        ),
        TIMEOUT,
    )
    items = result.items if isinstance(result, types.CompletionList) else result or []
    return [item.label for item in items]


def ids(path):
    """The ids written as `id: X` at the start of a line of `path`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return {line[len("id: ") :].strip() for line in lines if line.startswith("id: ")}


async def complete_typing(client, path, text, typed):
    """Opens `path`, cuts its first `text` to its prefix `typed` (as if being typed), and
    returns the completion labels just after it."""
    open_document(client, path)
    place = find(path, text, after=typed)
    replace(client, path, place, len(text) - len(typed), "", 2)
    return await complete(client, path, place)


@pytest.mark.asyncio
async def test_completing_a_target_offers_the_workgroups_only(client: LanguageClient):
    labels = await complete_typing(client, TECHNICAL, "target: employees_group", "target: emp")
    assert set(labels) == ids(WORKGROUPS)
    assert "employees_group" in labels


@pytest.mark.asyncio
async def test_completing_in_a_condition_offers_the_fields_of_its_case_type(client: LanguageClient):
    # The condition being typed does not parse: 'when: Lang'.
    labels = await complete_typing(client, ADDRESS_CHANGE, "when: Language is empty", "when: Lang")
    assert "Language" in labels and "Moving_Date" in labels
    assert "Postal_Code" not in labels  # a task's form field, not the case type's
    assert not set(labels) & ids(WORKGROUPS)


@pytest.mark.asyncio
async def test_completing_a_key_offers_the_keys_of_a_task_not_yet_written(client: LanguageClient):
    open_document(client, TECHNICAL)
    place = find(TECHNICAL, "target: employees_group")
    change(client, TECHNICAL, types.Range(start=place, end=place), "ol\n" + " " * place.character, 2)
    labels = await complete(client, TECHNICAL, types.Position(line=place.line, character=place.character + 2))
    assert "distribution" in labels and "priority" in labels
    # Written above and below the line being typed, or keys of other mappings.
    assert "id" not in labels and "ola" not in labels and "target" not in labels and "stages" not in labels


@pytest.mark.asyncio
async def test_a_compose_file_is_offered_nothing_and_a_definition_its_keys(client: LanguageClient):
    compose = WORKSPACE / "docker-compose.yml"
    compose.write_text("services:\n  web:\n    image: nginx\n", encoding="utf-8")
    open_document(client, compose)
    assert await complete(client, compose, types.Position(line=3, character=0)) == []
    at = types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(compose)), position=types.Position(line=0, character=2)
    )
    hover = await asyncio.wait_for(client.text_document_hover_async(at), TIMEOUT)
    assert hover is None
    # A definition not yet saved, in the definitions folder: the keys of a workgroup.
    draft = WORKSPACE / "definitions" / "draft.yaml"
    draft_text = "kind: Workgroup\n"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri(draft), language_id="yaml", version=1, text=draft_text)
        )
    )
    labels = await complete(client, draft, types.Position(line=1, character=0))
    assert "id" in labels and "members" in labels and "kind" not in labels


@pytest.mark.asyncio
async def test_renaming_a_field_used_in_conditions_changes_them_and_not_another_case_types(client: LanguageClient):
    place = find(ADDRESS_CHANGE, "id: Language", after="id: ")
    edit = await rename(client, ADDRESS_CHANGE, place, "Locale")
    assert uri(COMPLAINT) not in edit.changes
    scenario = WORKSPACE / "definitions" / "scenarios" / "address_change_form.yaml"
    assert uri(scenario) in edit.changes
    renamed = open_renamed(client, edit)[ADDRESS_CHANGE]
    assert "when: Locale is empty" in renamed and 'when: Locale == "fr"' in renamed and "Language" not in renamed
    await until_clean(client)

    with pytest.raises(Exception, match="already exists"):
        await rename(client, ADDRESS_CHANGE, place, "Moving_Date")


@pytest.mark.parametrize(
    "path, old, new, code",
    [
        (TECHNICAL, "name: Technical", "name: Technical: x", "DC1001"),  # YAML
        (TECHNICAL, "ola:", "olaa:", "DC2004"),  # shape: unknown key
        (TECHNICAL, "target: employees_group", "target: employes_group", "DC3002"),  # reference
        (ADDRESS_CHANGE, "when: Language is empty", "when: Language is", "DC5001"),  # condition syntax
        (ADDRESS_CHANGE, 'when: Language == "fr"', "when: Language == 1", "DC5002"),  # condition type
    ],
)
@pytest.mark.asyncio
async def test_each_class_of_error_appears_with_its_code(client: LanguageClient, path, old, new, code):
    open_document(client, path)
    place = find(path, old)
    client.diagnostics.pop(uri(path), None)
    found = await diagnostics_after(client, lambda: replace(client, path, place, len(old), new, 2), path)
    assert code in [diagnostic.code for diagnostic in found]
    assert any(d.range.start.line == place.line for d in found if d.code == code)


@pytest.mark.asyncio
async def test_a_document_with_invalid_utf8_is_refused_and_the_server_keeps_running(client: LanguageClient):
    stdin = client._server.stdin
    body = b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"' + uri(
        TECHNICAL
    ).encode() + b'","languageId":"yaml","version":1,"text":"kind: \xc3\x28"}}}'
    stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    await stdin.drain()
    symbols = await asyncio.wait_for(
        client.workspace_symbol_async(types.WorkspaceSymbolParams(query="employees_group")), TIMEOUT
    )
    assert [symbol.name for symbol in symbols] == ["employees_group"]
