"""The language server: `briefcheck serve`, LSP over stdio (pygls).

A thin face over the engine. It keeps each open buffer's text, lints it after a
debounce in one worker thread (so the event loop keeps reading newer edits),
and publishes a result only if no edit arrived while it ran: a stale lint is
dropped, never shown over a fresh one. Positions go through positions.LineIndex,
config through config.ConfigResolver, exactly as for `briefcheck check`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInternalError, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path

from briefcheck import __version__
from briefcheck.config import CONFIG_FILES, Config, ConfigError, ConfigResolver
from briefcheck.document import MARKDOWN_SUFFIXES, TEXT_SUFFIXES
from briefcheck.findings import Finding
from briefcheck.lsp import actions
from briefcheck.lsp.convert import (
    apply_changes,
    diagnostic,
    problem_diagnostic,
    to_offset,
    to_range,
)
from briefcheck.lsp.settings import SECTION, Settings
from briefcheck.positions import LineIndex
from briefcheck.rulepack import Rule, RulePackError

SCORE_METHOD = "briefcheck/score"
# A client that never answers workspace/configuration must not stall linting.
SETTINGS_WAIT_S = 2.0
# Buffers longer than this (about 30,000 words) are linted in their own lane.
LARGE_BUFFER_CHARS = 200_000

log = logging.getLogger(__name__)


@dataclass
class LintResult:
    text: str  # the text linted: findings are positioned in it
    findings: list[Finding]
    rules: dict[str, Rule]
    problem: str | None = None  # why the lint could not run, if it could not


@dataclass
class OpenDocument:
    uri: str
    path: str | None  # None for buffers that are not files (untitled:)
    markup: str
    text: str
    version: int
    generation: int = 0  # bumped on every edit and config change: a lint's ticket
    pending: asyncio.Task | None = None
    result: LintResult | None = None

    @property
    def current(self) -> LintResult | None:
        """The last lint, if it was made on the text the buffer holds now."""
        result = self.result
        return result if result is not None and result.text == self.text else None


def markup_for(path: str | None, language_id: str) -> str:
    """Same choice as the CLI for files it would check; the client's language otherwise."""
    lowered = (path or "").lower()
    if lowered.endswith(TEXT_SUFFIXES):
        return "text"
    if lowered.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    return "text" if language_id == "plaintext" else "markdown"


class BriefcheckProtocol(LanguageServerProtocol):
    """pygls's protocol, with two changes.

    Positions are always UTF-16, the encoding positions.LineIndex speaks, even
    when a client offers others. And buffer text lives in BriefcheckServer's
    own store: pygls's copy splits lines on characters LSP does not (U+2028,
    form feed...), which would put ranges on the wrong line.
    """

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        general = params.capabilities.general
        if general is not None:
            general.position_encodings = [types.PositionEncodingKind.Utf16]
        return (yield from super().lsp_initialize(params))

    def _user_handler(self, method: str, params: Any):
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):
        yield from self._user_handler(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        yield from self._user_handler(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):
        yield from self._user_handler(types.TEXT_DOCUMENT_DID_CLOSE, params)


class BriefcheckServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "briefcheck",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=BriefcheckProtocol,
        )
        self.documents: dict[str, OpenDocument] = {}
        self.settings = Settings()
        # Lints run one at a time off the event loop. A very large buffer takes
        # seconds, so it gets a lane of its own: the briefs being typed in other
        # tabs keep their squiggles coming meanwhile.
        self.engine = ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefcheck-lint")
        self.large_engine = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="briefcheck-lint-large"
        )
        self.settings_ready = asyncio.Event()

    # ------------------------------------------------------------ settings and config

    def take_settings(self, raw: Any) -> None:
        self.settings, problems = self.settings.merged(raw)
        for problem in problems:
            self.log_message(problem, types.MessageType.Warning)

    def supports(self, dotted: str) -> bool:
        """Whether the client's capabilities have ``dotted`` (e.g. workspace.configuration) set."""
        node: Any = self.client_capabilities
        for name in dotted.split("."):
            node = getattr(node, name, None)
            if node is None:
                return False
        return bool(node)

    async def pull_settings(self) -> None:
        if self.supports("workspace.configuration"):
            try:
                answer = await self.workspace_configuration_async(
                    types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
                )
                if answer:
                    self.take_settings(answer[0])
            except Exception as exc:  # a client's failure to answer is not ours to die of
                self.log_message(
                    f"workspace/configuration failed: {exc}", types.MessageType.Warning
                )
        self.settings_ready.set()

    def config_for(self, path: str | None) -> Config:
        """The config `briefcheck check` would use for this file, plus editor settings.

        A setting the project's config files choose wins over the editor's, so
        the CLI and the editor agree on the same text; the editor's settings
        fill in what the files leave at the default. The files are read afresh
        each time (about a millisecond): an edit to them applies at the next
        lint even in editors that do not report file changes.
        """
        from_files = ConfigResolver().for_path(path)
        defaults = Config()
        flags = {
            key: value
            for key, value in self.settings.flags().items()
            if getattr(from_files, key) == getattr(defaults, key)
        }
        return from_files.with_flags(**flags)

    # ------------------------------------------------------------ linting

    def schedule(self, doc: OpenDocument, delay_s: float) -> None:
        """Lint ``doc`` after ``delay_s``; any lint still pending for it is superseded."""
        doc.generation += 1
        if doc.pending is not None:
            doc.pending.cancel()
        doc.pending = asyncio.ensure_future(self._lint_later(doc, doc.generation, delay_s))

    def relint_all(self) -> None:
        for doc in self.documents.values():
            self.schedule(doc, 0)

    async def _lint_later(self, doc: OpenDocument, generation: int, delay_s: float) -> None:
        if delay_s > 0:
            await asyncio.sleep(delay_s)
        if not self.settings_ready.is_set():
            try:
                await asyncio.wait_for(self.settings_ready.wait(), SETTINGS_WAIT_S)
            except TimeoutError:
                self.settings_ready.set()
        if not self.settings.enable:
            self.publish(doc, [])
            return
        text = doc.text
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(
            self.lane_for(text), self.lint, doc.path, doc.markup, text
        )
        if self.documents.get(doc.uri) is not doc or doc.generation != generation:
            return  # an edit or a config change came in while linting: a newer lint follows
        previous, doc.result = doc.result, result
        if result.problem:
            if previous is None or previous.problem != result.problem:  # once, not per keystroke
                self.log_message(result.problem, types.MessageType.Error)
            self.publish(doc, [problem_diagnostic(result.problem)])
            return
        index = LineIndex(text)
        self.publish(doc, [diagnostic(f, index, result.rules.get(f.rule)) for f in result.findings])

    def lint(self, path: str | None, markup: str, text: str) -> LintResult:
        """Run the engine (in the worker thread). Never raises."""
        from briefcheck.engine import lint_text
        from briefcheck.rulepack import load_ruleset

        try:
            config = self.config_for(path)
            size = len(text.encode("utf-8"))
            if size > config.max_file_bytes:  # the CLI refuses such files too
                limit = f"{config.max_file_bytes:,}-byte limit (max_file_bytes)"
                return LintResult(text, [], {}, f"briefcheck: {size:,} bytes, over the {limit}")
            findings = lint_text(text, config, markup=markup)
            rules = load_ruleset(config.extra_rules).by_id()
            return LintResult(text, findings, rules)
        except (ConfigError, RulePackError) as exc:
            return LintResult(text, [], {}, problem=f"briefcheck: {exc}")
        except Exception as exc:  # the engine's bug must not take the editor session down
            where = path or "this document"
            log.error("linting %s failed:\n%s", where, traceback.format_exc())
            return LintResult(
                text,
                [],
                {},
                problem=f"briefcheck could not check {where}: {type(exc).__name__}: {exc}",
            )

    def publish(self, doc: OpenDocument, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=doc.uri, diagnostics=diagnostics, version=doc.version
            )
        )

    def log_message(self, message: str, kind: types.MessageType) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    # ------------------------------------------------------------ queries

    async def result_for(self, doc: OpenDocument) -> LintResult:
        """The lint of the buffer's current text, running one if needed."""
        if (result := doc.current) is not None:
            return result
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self.lane_for(doc.text), self.lint, doc.path, doc.markup, doc.text
        )

    def lane_for(self, text: str) -> ThreadPoolExecutor:
        return self.large_engine if len(text) > LARGE_BUFFER_CHARS else self.engine

    def edit_target(self, path: Path) -> actions.EditTarget | None:
        """A config file as the client would see it: its open buffer, else the disk."""
        uri = from_fs_path(str(path))
        if uri in self.documents:
            open_doc = self.documents[uri]
            return actions.EditTarget(uri, open_doc.version, open_doc.text)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return actions.EditTarget(uri, None, text)

    def new_config_uri(self, doc: OpenDocument) -> str:
        """Where a new .briefcheck.toml goes: the workspace root holding the document."""
        folder = Path(doc.path).parent if doc.path else Path.cwd()
        for root in self.workspace_roots():
            if folder == root or root in folder.parents:
                folder = root
                break
        return from_fs_path(str(folder / actions.GLOSSARY_FILE))

    def workspace_roots(self) -> list[Path]:
        uris = [f.uri for f in self.workspace.folders.values()]
        if self.workspace.root_uri:
            uris.append(self.workspace.root_uri)
        paths = [to_fs_path(uri) for uri in uris]
        return [Path(p) for p in paths if p]


server = BriefcheckServer()


@server.feature(types.INITIALIZE)
def on_initialize(ls: BriefcheckServer, params: types.InitializeParams) -> None:
    ls.take_settings(params.initialization_options)
    # Load spaCy and compile the rule packs while the client opens its documents.
    ls.engine.submit(ls.lint, None, "markdown", "Warm-up.")


@server.feature(types.INITIALIZED)
async def on_initialized(ls: BriefcheckServer, params: types.InitializedParams) -> None:
    registrations = []
    if ls.supports("workspace.did_change_watched_files.dynamic_registration"):
        # Rule packs are YAML files anywhere a config names them.
        globs = [f"**/{name}" for name in CONFIG_FILES] + ["**/*.yml", "**/*.yaml"]
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in globs]
        registrations.append(
            types.Registration(
                id="briefcheck-config-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
            )
        )
    if ls.supports("workspace.did_change_configuration.dynamic_registration"):
        registrations.append(
            types.Registration(
                id="briefcheck-configuration", method=types.WORKSPACE_DID_CHANGE_CONFIGURATION
            )
        )
    await ls.pull_settings()
    if registrations:
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(registrations=registrations)
            )
        except Exception as exc:
            ls.log_message(f"could not watch config files: {exc}", types.MessageType.Warning)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def on_open(ls: BriefcheckServer, params: types.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    path = to_fs_path(item.uri)
    doc = OpenDocument(item.uri, path, markup_for(path, item.language_id), item.text, item.version)
    if (old := ls.documents.get(item.uri)) is not None and old.pending is not None:
        old.pending.cancel()
    ls.documents[item.uri] = doc
    ls.schedule(doc, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def on_change(ls: BriefcheckServer, params: types.DidChangeTextDocumentParams) -> None:
    doc = ls.documents.get(params.text_document.uri)
    if doc is None:
        ls.log_message(
            f"didChange for a document not open: {params.text_document.uri}",
            types.MessageType.Warning,
        )
        return
    doc.text = apply_changes(doc.text, params.content_changes)
    doc.version = params.text_document.version
    ls.schedule(doc, ls.settings.debounce_ms / 1000)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def on_close(ls: BriefcheckServer, params: types.DidCloseTextDocumentParams) -> None:
    doc = ls.documents.pop(params.text_document.uri, None)
    if doc is None:
        return
    if doc.pending is not None:
        doc.pending.cancel()
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=[])
    )


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def on_configuration(
    ls: BriefcheckServer, params: types.DidChangeConfigurationParams
) -> None:
    if ls.supports("workspace.configuration"):
        await ls.pull_settings()
    else:
        ls.take_settings(params.settings)
    ls.relint_all()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def on_watched_files(ls: BriefcheckServer, params: types.DidChangeWatchedFilesParams) -> None:
    from briefcheck.rulepack import loaded_packs

    packs = loaded_packs()
    for change in params.changes:
        path = to_fs_path(change.uri)
        if change.uri.endswith(CONFIG_FILES) or (path and Path(path).resolve() in packs):
            ls.relint_all()  # the next lint reads the edited pack (load_ruleset)
            return


@server.feature(types.TEXT_DOCUMENT_HOVER)
def on_hover(ls: BriefcheckServer, params: types.HoverParams) -> types.Hover | None:
    doc = ls.documents.get(params.text_document.uri)
    result = doc.current if doc is not None else None
    if result is None or not result.findings:
        return None
    index = LineIndex(result.text)
    offset = to_offset(index, params.position)
    hits = [f for f in result.findings if f.start <= offset < f.end]
    explained = [result.rules[f.rule] for f in hits if f.rule in result.rules]
    if not explained:
        return None
    unique = list({rule.id: rule for rule in explained}.values())
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown,
            value="\n\n---\n\n".join(rule.explain_markdown() for rule in unique),
        ),
        range=to_range(index, hits[0].start, hits[0].end),
    )


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def on_code_action(
    ls: BriefcheckServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    doc = ls.documents.get(params.text_document.uri)
    if doc is None:
        return None
    only = params.context.only
    if only and not any(types.CodeActionKind.QuickFix.value.startswith(k) for k in only):
        return None
    support = actions.EditSupport.of(ls.client_capabilities)
    target = actions.EditTarget(doc.uri, doc.version, doc.text)
    findings = doc.current.findings if doc.current is not None else []
    found: list[types.CodeAction] = []
    for diag in params.context.diagnostics:
        data = actions.briefcheck_data(diag)
        if data is None:
            continue
        span = actions.flagged_range(diag, data, doc.text, findings)
        if span is not None and (fix := actions.replacement_fix(diag, data, span, target, support)):
            found.append(fix)
        found.append(actions.disable_on_line(diag, data, target, doc.markup, support))
        if data.get("category") == "jargon" and (glossary := glossary_action(ls, doc, diag, data)):
            found.append(glossary)
    return found


def glossary_action(
    ls: BriefcheckServer, doc: OpenDocument, diag: types.Diagnostic, data: dict[str, Any]
) -> types.CodeAction | None:
    try:
        config = ls.config_for(doc.path)
    except ConfigError:
        return None  # the broken file is reported by the lint; do not edit it blind
    config_file = ls.edit_target(Path(config.path)) if config.path else None
    if config.path and config_file is None:
        return None
    return actions.add_to_glossary(
        diag,
        data["text"],
        config_file,
        ls.new_config_uri(doc),
        actions.EditSupport.of(ls.client_capabilities),
    )


@server.feature(SCORE_METHOD)
async def on_score(ls: BriefcheckServer, params: Any) -> dict[str, Any]:
    """The buffer's score, as `briefcheck score` computes it from the same findings:
    {"score", "grade", "breakdown": {category: points lost}, "counts": {category: n}}.
    """
    uri = _score_uri(params)
    doc = ls.documents.get(uri) if uri else None
    if doc is None:
        raise JsonRpcInvalidParams(f"{SCORE_METHOD}: no open document {uri!r}")
    result = await ls.result_for(doc)
    if result.problem:
        raise JsonRpcInternalError(result.problem)
    counts = dict(sorted(Counter(f.category for f in result.findings).items()))
    try:
        from briefcheck.score import score_findings
    except ImportError:  # a build without scoring: the VS Code status bar shows counts
        return {"counts": counts}
    report = score_findings(result.findings)
    return {
        "score": report.score,
        "grade": report.grade,
        "breakdown": report.breakdown,
        "counts": counts,
    }


def _score_uri(params: Any) -> str | None:
    document = (
        params.get("textDocument")
        if isinstance(params, dict)
        else getattr(params, "text_document", None) or getattr(params, "textDocument", None)
    )
    if isinstance(document, dict):
        return document.get("uri")
    return getattr(document, "uri", None)


def serve() -> None:
    logging.basicConfig(level=logging.WARNING, format="briefcheck serve: %(levelname)s %(message)s")
    code = 0
    try:
        server.start_io()
    except SystemExit as exc:  # pygls exits on the `exit` notification
        code = exc.code if isinstance(exc.code, int) else 1
    # The client is gone. A lint may still be running in a worker thread, and the
    # interpreter would wait for it at exit; its result has nowhere to go.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
