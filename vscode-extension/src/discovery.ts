// Finding the command that runs `briefcheck serve`.
//
// Kept free of the `vscode` module so that it runs under node's test runner.
// Order: the `briefcheck.path` setting, then the Python extension's selected
// interpreter (`python -m briefcheck`), then `briefcheck` on PATH. The first
// candidate whose probe succeeds wins.

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type CandidateSource = 'setting' | 'python' | 'path';

export interface ServerCommand {
  source: CandidateSource;
  /** Program to run. */
  command: string;
  /** Arguments before the briefcheck subcommand (`-m briefcheck` for Python). */
  args: string[];
}

export interface Attempt {
  candidate: ServerCommand;
  error: string;
}

export interface DiscoveryResult {
  found?: ServerCommand;
  tried: Attempt[];
}

export interface DiscoveryInput {
  /** Raw value of `briefcheck.path`; empty or undefined when unset. */
  settingPath?: string;
  /** Interpreter selected in the Python extension, if any. */
  pythonInterpreter?: string;
  /** Folder used to resolve relative paths and `${workspaceFolder}`. */
  workspaceFolder?: string;
  /** Looks a program name up on PATH; returns its full path. */
  which: (name: string) => string | undefined;
  /** Checks that a candidate can run briefcheck; resolves to an error text or undefined. */
  probe: (candidate: ServerCommand) => Promise<string | undefined>;
  homedir?: string;
}

const PYTHON_RE = /^(python|pypy)(\d+(\.\d+)*)?(w)?(\.exe)?$/i;

/** True when a path names a Python interpreter rather than the briefcheck script. */
export function isPythonInterpreter(file: string): boolean {
  return PYTHON_RE.test(path.basename(file.replace(/\\/g, '/')));
}

/** Expands `~`, `${workspaceFolder}`, `${userHome}` and makes relative paths absolute. */
export function expandPath(raw: string, workspaceFolder?: string, homedir: string = os.homedir()): string {
  let p = raw.trim();
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) {
    p = homedir + p.slice(1);
  }
  p = p.replace(/\$\{userHome\}/g, homedir);
  if (workspaceFolder !== undefined) {
    p = p.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  }
  const looksLikePath = p.includes('/') || p.includes('\\');
  if (looksLikePath && !path.isAbsolute(p) && workspaceFolder !== undefined) {
    p = path.join(workspaceFolder, p);
  }
  return p;
}

/** The command for a configured path: an interpreter gets `-m briefcheck`. */
export function commandFromPath(file: string, source: CandidateSource): ServerCommand {
  return isPythonInterpreter(file)
    ? { source, command: file, args: ['-m', 'briefcheck'] }
    : { source, command: file, args: [] };
}

/** Candidates in the order they are tried. */
export function candidates(input: Omit<DiscoveryInput, 'probe'>): ServerCommand[] {
  const out: ServerCommand[] = [];
  const setting = input.settingPath?.trim();
  if (setting) {
    let file = expandPath(setting, input.workspaceFolder, input.homedir);
    // A bare name such as "briefcheck" or "python3" is looked up on PATH.
    if (!file.includes('/') && !file.includes('\\')) {
      file = input.which(file) ?? file;
    }
    out.push(commandFromPath(file, 'setting'));
  }
  if (input.pythonInterpreter) {
    out.push({ source: 'python', command: input.pythonInterpreter, args: ['-m', 'briefcheck'] });
  }
  const onPath = input.which('briefcheck');
  if (onPath) {
    out.push({ source: 'path', command: onPath, args: [] });
  }
  return out;
}

export interface LazyDiscoveryInput extends Omit<DiscoveryInput, 'pythonInterpreter'> {
  /**
   * The Python extension's interpreter. Asking may activate that extension,
   * so it is asked only when the setting gives no working server.
   */
  pythonInterpreter?: string | (() => Promise<string | undefined>);
}

export async function discoverServer(input: LazyDiscoveryInput): Promise<DiscoveryResult> {
  const tried: Attempt[] = [];
  const attempt = async (candidate: ServerCommand): Promise<boolean> => {
    const error = await input.probe(candidate);
    if (error === undefined) {
      return true;
    }
    tried.push({ candidate, error });
    return false;
  };
  const base = { ...input, pythonInterpreter: undefined };
  const [fromSetting] = candidates(base).filter((c) => c.source === 'setting');
  if (fromSetting && (await attempt(fromSetting))) {
    return { found: fromSetting, tried };
  }
  const python =
    typeof input.pythonInterpreter === 'function' ? await input.pythonInterpreter() : input.pythonInterpreter;
  const rest = candidates({ ...base, settingPath: undefined, pythonInterpreter: python });
  for (const candidate of rest) {
    if (await attempt(candidate)) {
      return { found: candidate, tried };
    }
  }
  return { tried };
}

export function serveArgs(cmd: ServerCommand): string[] {
  return [...cmd.args, 'serve'];
}

export function newBriefArgs(cmd: ServerCommand, kind: string): string[] {
  return [...cmd.args, 'new', '--kind', kind, '-'];
}

export function describe(cmd: ServerCommand): string {
  const where = { setting: 'briefcheck.path', python: 'selected Python interpreter', path: 'PATH' }[cmd.source];
  return `${[cmd.command, ...cmd.args].join(' ')} (from ${where})`;
}

/** The one error message shown when no candidate works. */
export function notFoundMessage(result: DiscoveryResult): string {
  const base =
    'briefcheck: the briefcheck language server was not found. ' +
    'Install it with `pip install briefcheck` (into the Python interpreter selected in VS Code, ' +
    'or so that `briefcheck` is on PATH), or set `briefcheck.path` to the briefcheck executable.';
  if (result.tried.length === 0) {
    return base;
  }
  const tried = result.tried.map((a) => `${describe(a.candidate)}: ${a.error}`).join('; ');
  return `${base} Tried: ${tried}.`;
}

/** Finds an executable on PATH, as a shell would. */
export function findOnPath(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  isExecutable: (file: string) => boolean = defaultIsExecutable,
): string | undefined {
  const pathVar = env.PATH ?? env.Path ?? '';
  const sep = platform === 'win32' ? ';' : ':';
  const exts =
    platform === 'win32' ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  for (const dir of pathVar.split(sep)) {
    if (!dir) {
      continue;
    }
    for (const ext of exts) {
      const file = join(dir, name + ext);
      if (isExecutable(file)) {
        return file;
      }
    }
  }
  return undefined;
}

function defaultIsExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform === 'win32') {
      return true;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs a program and collects its output; never rejects. */
export function run(
  command: string,
  args: string[],
  options: { timeoutMs: number; cwd?: string },
): Promise<{ code: number | null; stdout: string; stderr: string; error?: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: options.timeoutMs, cwd: options.cwd, maxBuffer: 4 * 1024 * 1024, windowsHide: true },
      (err, stdout, stderr) => {
        if (err) {
          const e = err as NodeJS.ErrnoException & { code?: number | string; killed?: boolean };
          let error: string;
          if (e.code === 'ENOENT') {
            error = 'not found';
          } else if (e.code === 'EACCES') {
            error = 'not executable';
          } else if (e.killed) {
            error = `no answer within ${options.timeoutMs} ms`;
          } else {
            const last = String(stderr).trim().split('\n').pop() ?? '';
            error = `exited with ${typeof e.code === 'number' ? e.code : e.message}${last ? `: ${last}` : ''}`;
          }
          resolve({ code: typeof e.code === 'number' ? e.code : null, stdout: String(stdout), stderr: String(stderr), error });
          return;
        }
        resolve({ code: 0, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Default probe: `<cmd> serve --help` must exit 0. */
export async function probeServe(candidate: ServerCommand, cwd?: string, timeoutMs = 30000): Promise<string | undefined> {
  const r = await run(candidate.command, [...serveArgs(candidate), '--help'], { timeoutMs, cwd });
  return r.error;
}
