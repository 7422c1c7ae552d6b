// The briefcheck VS Code extension: a thin client for `briefcheck serve`.
//
// Finds the server (see discovery.ts), starts it over stdio, passes the
// "briefcheck" settings (see settings.ts), and shows the score of the active
// document in the status bar (see score.ts). Diagnostics, quick fixes and
// hovers come straight from the server through vscode-languageclient.

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import {
  DiscoveryResult,
  ServerCommand,
  describe,
  discoverServer,
  findOnPath,
  newBriefArgs,
  notFoundMessage,
  probeServe,
  run,
  serveArgs,
} from './discovery';
import { ScoreResult, breakdownMarkdown, parseScore, statusText, statusTooltip } from './score';
import { ServerSettings, actionForChange, answerConfiguration, toServerSettings } from './settings';

const SECTION = 'briefcheck';
const BREAKDOWN_SCHEME = 'briefcheck-score';
const LANGUAGES = ['markdown', 'plaintext'];
const SELECTOR: Array<{ scheme: string; language: string }> = LANGUAGES.flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);

let ext: Extension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<Api> {
  ext = new Extension(context);
  await ext.activate();
  return ext.api;
}

export async function deactivate(): Promise<void> {
  await ext?.stopClient();
  ext = undefined;
}

/** What other extensions (and tests) can ask of this one. */
export interface Api {
  serverCommand(): ServerCommand | undefined;
  score(uri: vscode.Uri): Promise<ScoreResult | undefined>;
}

function settingsFor(scope?: vscode.ConfigurationScope): ServerSettings {
  const cfg = vscode.workspace.getConfiguration(SECTION, scope);
  return toServerSettings((key) => cfg.get(key));
}

function isChecked(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return doc !== undefined && vscode.languages.match(SELECTOR, doc) > 0;
}

/**
 * vscode-languageclient 11 traces only when its trace channel's log level is
 * Trace. This channel reports that level from the `briefcheck.trace.server`
 * setting, so the setting alone turns tracing on and off, live.
 */
class TraceChannel implements vscode.LogOutputChannel {
  readonly name = 'briefcheck trace';
  private readonly target = vscode.window.createOutputChannel('briefcheck trace');
  private readonly changed = new vscode.EventEmitter<vscode.LogLevel>();
  readonly onDidChangeLogLevel = this.changed.event;

  get logLevel(): vscode.LogLevel {
    const value = vscode.workspace.getConfiguration(SECTION).get<string>('trace.server', 'off');
    return value === 'messages' || value === 'verbose' ? vscode.LogLevel.Trace : vscode.LogLevel.Off;
  }
  settingChanged(): void {
    this.changed.fire(this.logLevel);
  }
  trace(message: string): void {
    this.target.appendLine(message);
  }
  debug(message: string): void {
    this.target.appendLine(message);
  }
  info(message: string): void {
    this.target.appendLine(message);
  }
  warn(message: string): void {
    this.target.appendLine(message);
  }
  error(error: string | Error): void {
    this.target.appendLine(String(error));
  }
  append(value: string): void {
    this.target.append(value);
  }
  appendLine(value: string): void {
    this.target.appendLine(value);
  }
  replace(value: string): void {
    this.target.replace(value);
  }
  clear(): void {
    this.target.clear();
  }
  show(column?: unknown, preserveFocus?: boolean): void {
    this.target.show(typeof column === 'boolean' ? column : preserveFocus);
  }
  hide(): void {
    this.target.hide();
  }
  dispose(): void {
    this.changed.dispose();
    this.target.dispose();
  }
}

class Extension {
  readonly log = vscode.window.createOutputChannel('briefcheck', { log: true });
  private readonly trace = new TraceChannel();
  private readonly status = vscode.window.createStatusBarItem('briefcheck.score', vscode.StatusBarAlignment.Right, 100);
  private readonly breakdownChanged = new vscode.EventEmitter<vscode.Uri>();
  private client: LanguageClient | undefined;
  private command: ServerCommand | undefined;
  private starting: Promise<void> | undefined;
  private notFoundShown = false;
  private pythonWatched = false;
  private scoreTimer: NodeJS.Timeout | undefined;
  private scoreSeq = 0;
  private readonly lastScore = new Map<string, ScoreResult>();

  readonly api: Api = {
    serverCommand: () => this.command,
    score: (uri) => this.requestScore(uri),
  };

  constructor(private readonly context: vscode.ExtensionContext) {
    this.status.name = 'briefcheck score';
    this.status.command = 'briefcheck.score';
  }

  async activate(): Promise<void> {
    const c = this.context;
    c.subscriptions.push(
      this.log,
      this.trace,
      this.status,
      this.breakdownChanged,
      vscode.commands.registerCommand('briefcheck.score', () => this.showBreakdown()),
      vscode.commands.registerCommand('briefcheck.newBrief', () => this.newBrief()),
      vscode.commands.registerCommand('briefcheck.restart', () => this.restart(true)),
      vscode.workspace.registerTextDocumentContentProvider(BREAKDOWN_SCHEME, {
        onDidChange: this.breakdownChanged.event,
        provideTextDocumentContent: (uri) => this.breakdownContent(uri),
      }),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfigurationChanged(e)),
      // Once trusted, the workspace's own briefcheck.path applies.
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        if (vscode.workspace.getConfiguration(SECTION).inspect<string>('path')?.workspaceValue) {
          void this.restart(false);
        }
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.scheduleScore(0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) {
          this.scheduleScore();
        }
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) {
          this.scheduleScore(50);
        }
      }),
      { dispose: () => clearTimeout(this.scoreTimer) },
    );
    if (vscode.workspace.getConfiguration(SECTION).get<boolean>('enable', true)) {
      await this.startClient();
    } else {
      this.log.info('briefcheck.enable is false: the server starts when it is turned on.');
    }
  }

  // ---- server lifecycle -------------------------------------------------

  private async pythonInterpreter(): Promise<string | undefined> {
    const python = vscode.extensions.getExtension('ms-python.python');
    if (!python) {
      return undefined;
    }
    try {
      const api = (python.isActive ? python.exports : await withTimeout(python.activate(), 15000)) as PythonApi;
      this.watchPythonInterpreter(api);
      const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (api?.environments?.getActiveEnvironmentPath) {
        const envPath = api.environments.getActiveEnvironmentPath(resource);
        const env = await withTimeout(api.environments.resolveEnvironment(envPath), 15000);
        const exe = env?.executable?.uri?.fsPath;
        if (exe) {
          return exe;
        }
      }
      const legacy = api?.settings?.getExecutionDetails?.(resource)?.execCommand;
      return legacy?.[0];
    } catch (err) {
      this.log.warn(`Could not ask the Python extension for its interpreter: ${String(err)}`);
      return undefined;
    }
  }

  /** Restarts the server when the Python extension's interpreter changes. */
  private watchPythonInterpreter(api: PythonApi | undefined): void {
    const event = api?.environments?.onDidChangeActiveEnvironmentPath;
    if (this.pythonWatched || !event) {
      return;
    }
    this.pythonWatched = true;
    this.context.subscriptions.push(
      event(() => {
        if (this.command?.source === 'setting') {
          return;
        }
        this.log.info('The selected Python interpreter changed: restarting the server.');
        void this.restart(false);
      }),
    );
  }

  private async discover(): Promise<DiscoveryResult> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const workspaceFolder = folder?.scheme === 'file' ? folder.fsPath : undefined;
    const settingPath = vscode.workspace.getConfiguration(SECTION).get<string>('path', '');
    const result = await discoverServer({
      settingPath,
      pythonInterpreter: () => this.pythonInterpreter(),
      workspaceFolder,
      which: (name) => findOnPath(name),
      probe: (cand) => probeServe(cand, workspaceFolder),
    });
    for (const a of result.tried) {
      this.log.warn(`Not usable: ${describe(a.candidate)}: ${a.error}`);
    }
    return result;
  }

  startClient(): Promise<void> {
    this.starting ??= this.doStart().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async doStart(): Promise<void> {
    this.status.text = '$(sync~spin) Brief';
    this.status.tooltip = 'briefcheck is starting';
    this.updateStatusVisibility();
    const result = await this.discover();
    if (!result.found) {
      this.command = undefined;
      this.status.text = '$(error) Brief';
      this.status.tooltip = 'briefcheck was not found: pip install briefcheck';
      this.showNotFound(result);
      return;
    }
    this.command = result.found;
    this.log.info(`Starting ${describe(result.found)} serve`);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const serverOptions: ServerOptions = {
      command: result.found.command,
      args: serveArgs(result.found),
      options: { cwd: folder?.scheme === 'file' ? folder.fsPath : undefined },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: SELECTOR,
      initializationOptions: settingsFor(),
      outputChannel: this.log,
      traceOutputChannel: this.trace,
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const answer = await next(params, token);
            return answerConfiguration(params.items, Array.isArray(answer) ? answer : [], (scopeUri) =>
              settingsFor(scopeUri ? vscode.Uri.parse(scopeUri) : undefined),
            );
          },
        },
      },
    };
    const client = new LanguageClient(SECTION, 'briefcheck', serverOptions, clientOptions);
    this.client = client;
    try {
      await client.start();
    } catch (err) {
      this.log.error(`The server did not start: ${String(err)}`);
      this.status.text = '$(error) Brief';
      this.status.tooltip = 'The briefcheck server did not start: see the briefcheck output';
      void vscode.window
        .showErrorMessage(`briefcheck: the server (${describe(result.found)}) did not start.`, 'Show Log')
        .then((pick) => pick && this.log.show());
      return;
    }
    this.scheduleScore(0);
  }

  async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        if (client.state !== State.Stopped) {
          await client.stop(5000);
        }
      } catch (err) {
        this.log.warn(`Stopping the server: ${String(err)}`);
      }
      await client.dispose().catch(() => undefined);
    }
  }

  async restart(explicit: boolean): Promise<void> {
    if (explicit) {
      this.notFoundShown = false;
    }
    await this.starting;
    await this.stopClient();
    if (vscode.workspace.getConfiguration(SECTION).get<boolean>('enable', true) || explicit) {
      await this.startClient();
    }
  }

  private showNotFound(result: DiscoveryResult): void {
    this.log.error(notFoundMessage(result));
    if (this.notFoundShown) {
      return;
    }
    this.notFoundShown = true;
    const message =
      'briefcheck is not installed. Install it with `pip install briefcheck` ' +
      '(into the Python interpreter selected in VS Code, or on PATH), ' +
      'or set `briefcheck.path` to the briefcheck executable.';
    void vscode.window.showErrorMessage(message, 'Open Setting', 'Show Log').then((pick) => {
      if (pick === 'Open Setting') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'briefcheck.path');
      } else if (pick === 'Show Log') {
        this.log.show();
      }
    });
  }

  private async onConfigurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
    if (e.affectsConfiguration('briefcheck.trace.server')) {
      this.trace.settingChanged();
    }
    const action = actionForChange((s) => e.affectsConfiguration(s));
    if (action === 'restart') {
      this.log.info('briefcheck.path changed: restarting the server.');
      await this.restart(false);
      return;
    }
    if (action !== 'notify') {
      return;
    }
    const enabled = vscode.workspace.getConfiguration(SECTION).get<boolean>('enable', true);
    if (!this.client && !this.starting) {
      if (enabled) {
        await this.startClient();
      }
      this.updateStatusVisibility();
      return;
    }
    await this.starting;
    if (this.client?.state === State.Running) {
      // The server reads the new values from the notification or pulls them.
      await this.client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { [SECTION]: settingsFor() },
      });
    }
    this.lastScore.clear();
    this.scheduleScore(0);
  }

  // ---- score and status bar ---------------------------------------------

  private updateStatusVisibility(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (isChecked(doc) && settingsFor(doc.uri).enable) {
      this.status.show();
    } else {
      this.status.hide();
    }
  }

  private scheduleScore(delayMs?: number): void {
    clearTimeout(this.scoreTimer);
    const doc = vscode.window.activeTextEditor?.document;
    this.updateStatusVisibility();
    if (!isChecked(doc) || !settingsFor(doc.uri).enable) {
      return;
    }
    const delay = delayMs ?? settingsFor(doc.uri).debounceMs + 200;
    this.scoreTimer = setTimeout(() => void this.refreshStatus(doc), delay);
  }

  private async refreshStatus(doc: vscode.TextDocument): Promise<void> {
    const seq = ++this.scoreSeq;
    const result = await this.requestScore(doc.uri);
    if (seq !== this.scoreSeq || vscode.window.activeTextEditor?.document !== doc || !result) {
      return;
    }
    this.status.text = statusText(result);
    this.status.tooltip = statusTooltip(result);
    this.breakdownChanged.fire(breakdownUri(doc.uri));
  }

  private async requestScore(uri: vscode.Uri): Promise<ScoreResult | undefined> {
    const client = this.client;
    if (!client || client.state !== State.Running) {
      return undefined;
    }
    let result: ScoreResult | undefined;
    try {
      result = parseScore(await client.sendRequest('briefcheck/score', { textDocument: { uri: uri.toString() } }));
    } catch (err) {
      this.log.debug(`briefcheck/score failed: ${String(err)}`);
    }
    // A server without briefcheck/score: count its diagnostics instead.
    result ??= { counts: countDiagnostics(uri) };
    this.lastScore.set(uri.toString(), result);
    return result;
  }

  // ---- commands -----------------------------------------------------------

  private async showBreakdown(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!isChecked(doc)) {
      void vscode.window.showInformationMessage('briefcheck: open a Markdown or plain-text brief to score it.');
      return;
    }
    if (!this.client) {
      await this.startClient();
    }
    const result = await this.requestScore(doc.uri);
    if (!result) {
      void vscode.window.showErrorMessage('briefcheck: the server is not running. Try "briefcheck: Restart server".');
      return;
    }
    this.status.text = statusText(result);
    this.status.tooltip = statusTooltip(result);
    const uri = breakdownUri(doc.uri);
    this.breakdownChanged.fire(uri);
    const view = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(view, 'markdown');
    await vscode.window.showTextDocument(view, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
  }

  private breakdownContent(uri: vscode.Uri): string {
    const source = vscode.Uri.parse(decodeURIComponent(uri.query));
    const result = this.lastScore.get(source.toString()) ?? { counts: countDiagnostics(source) };
    return breakdownMarkdown(result, basename(source));
  }

  private async newBrief(): Promise<void> {
    if (!this.command) {
      const result = await this.discover();
      if (!result.found) {
        this.notFoundShown = false;
        this.showNotFound(result);
        return;
      }
      this.command = result.found;
    }
    const kind = settingsFor().kind;
    const args = newBriefArgs(this.command, kind);
    this.log.info(`Running ${this.command.command} ${args.join(' ')}`);
    const r = await run(this.command.command, args, { timeoutMs: 30000 });
    if (r.error) {
      this.log.error(`briefcheck new failed: ${r.error}\n${r.stderr}`);
      void vscode.window
        .showErrorMessage(`briefcheck: "briefcheck new" failed: ${r.error}`, 'Show Log')
        .then((pick) => pick && this.log.show());
      return;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: r.stdout });
    await vscode.window.showTextDocument(doc);
  }
}

interface PythonApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): unknown;
    resolveEnvironment(path: unknown): Promise<{ executable?: { uri?: vscode.Uri } } | undefined>;
    onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
  };
  settings?: {
    getExecutionDetails?(resource?: vscode.Uri): { execCommand?: string[] } | undefined;
  };
}

function withTimeout<T>(p: Thenable<T>, ms: number): Promise<T | undefined> {
  return Promise.race([Promise.resolve(p), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);
}

function countDiagnostics(uri: vscode.Uri): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.source !== 'briefcheck') {
      continue;
    }
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    const category = String(code ?? 'other').split('/')[0];
    counts[category] = (counts[category] ?? 0) + 1;
  }
  return counts;
}

function basename(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

function breakdownUri(source: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({
    scheme: BREAKDOWN_SCHEME,
    path: `/${basename(source)} (briefcheck score)`,
    query: encodeURIComponent(source.toString()),
  });
}
