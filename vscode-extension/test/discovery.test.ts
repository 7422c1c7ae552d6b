import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ServerCommand,
  candidates,
  discoverServer,
  expandPath,
  findOnPath,
  isPythonInterpreter,
  newBriefArgs,
  notFoundMessage,
  probeServe,
  serveArgs,
} from '../src/discovery';

const which = (table: Record<string, string>) => (name: string) => table[name];

describe('isPythonInterpreter', () => {
  for (const p of ['/usr/bin/python3', 'python', '/venv/bin/python3.12', 'C:\\Py\\python.exe', 'pythonw.exe', 'pypy3']) {
    it(`treats ${p} as an interpreter`, () => assert.equal(isPythonInterpreter(p), true));
  }
  for (const p of ['/usr/local/bin/briefcheck', 'briefcheck.exe', '/opt/python3/bin/briefcheck', 'pythonic']) {
    it(`treats ${p} as a program`, () => assert.equal(isPythonInterpreter(p), false));
  }
});

describe('expandPath', () => {
  it('expands ~ and ${userHome}', () => {
    assert.equal(expandPath('~/venv/bin/briefcheck', undefined, '/home/ann'), '/home/ann/venv/bin/briefcheck');
    assert.equal(expandPath('${userHome}/bin/briefcheck', undefined, '/home/ann'), '/home/ann/bin/briefcheck');
  });
  it('expands ${workspaceFolder} and resolves relative paths against it', () => {
    assert.equal(expandPath('${workspaceFolder}/.venv/bin/python', '/ws'), '/ws/.venv/bin/python');
    assert.equal(expandPath('.venv/bin/briefcheck', '/ws'), path.join('/ws', '.venv/bin/briefcheck'));
  });
  it('leaves bare names alone, for a PATH lookup', () => {
    assert.equal(expandPath('  briefcheck ', '/ws'), 'briefcheck');
  });
});

describe('candidates', () => {
  it('orders setting, Python interpreter, PATH', () => {
    const c = candidates({
      settingPath: '/opt/bc/bin/briefcheck',
      pythonInterpreter: '/venv/bin/python',
      which: which({ briefcheck: '/usr/local/bin/briefcheck' }),
    });
    assert.deepEqual(c, [
      { source: 'setting', command: '/opt/bc/bin/briefcheck', args: [] },
      { source: 'python', command: '/venv/bin/python', args: ['-m', 'briefcheck'] },
      { source: 'path', command: '/usr/local/bin/briefcheck', args: [] },
    ]);
  });
  it('runs an interpreter given in the setting with -m briefcheck', () => {
    const [c] = candidates({ settingPath: '/venv/bin/python3', which: which({}) });
    assert.deepEqual(c, { source: 'setting', command: '/venv/bin/python3', args: ['-m', 'briefcheck'] });
  });
  it('looks a bare setting up on PATH', () => {
    const [c] = candidates({ settingPath: 'python3', which: which({ python3: '/usr/bin/python3' }) });
    assert.deepEqual(c, { source: 'setting', command: '/usr/bin/python3', args: ['-m', 'briefcheck'] });
  });
  it('ignores an empty or blank setting', () => {
    assert.deepEqual(candidates({ settingPath: '   ', which: which({}) }), []);
  });
});

describe('discoverServer', () => {
  it('takes the first candidate whose probe succeeds, and records the failures', async () => {
    const probed: string[] = [];
    const r = await discoverServer({
      settingPath: '/bad/briefcheck',
      pythonInterpreter: '/venv/bin/python',
      which: which({ briefcheck: '/usr/local/bin/briefcheck' }),
      probe: async (c) => {
        probed.push(c.source);
        return c.source === 'setting' ? 'not found' : undefined;
      },
    });
    assert.deepEqual(probed, ['setting', 'python']);
    assert.equal(r.found?.source, 'python');
    assert.equal(r.tried.length, 1);
    assert.equal(r.tried[0].error, 'not found');
  });
  it('falls back to PATH when the Python interpreter lacks briefcheck', async () => {
    const r = await discoverServer({
      pythonInterpreter: '/usr/bin/python3',
      which: which({ briefcheck: '/home/u/.local/bin/briefcheck' }),
      probe: async (c) => (c.source === 'python' ? 'exited with 1: No module named briefcheck' : undefined),
    });
    assert.deepEqual(r.found, { source: 'path', command: '/home/u/.local/bin/briefcheck', args: [] });
  });
  it('asks the Python extension only when the setting gives no server', async () => {
    let asked = 0;
    const pythonInterpreter = async () => {
      asked += 1;
      return '/venv/bin/python';
    };
    const ok = await discoverServer({
      settingPath: '/opt/briefcheck',
      pythonInterpreter,
      which: which({}),
      probe: async () => undefined,
    });
    assert.equal(ok.found?.source, 'setting');
    assert.equal(asked, 0);
    const fallback = await discoverServer({
      settingPath: '/gone/briefcheck',
      pythonInterpreter,
      which: which({}),
      probe: async (c) => (c.source === 'setting' ? 'not found' : undefined),
    });
    assert.equal(asked, 1);
    assert.deepEqual(fallback.found, { source: 'python', command: '/venv/bin/python', args: ['-m', 'briefcheck'] });
  });
  it('looks a bare setting up on PATH before probing it', async () => {
    const probed: string[] = [];
    const r = await discoverServer({
      settingPath: 'python3',
      which: which({ python3: '/usr/bin/python3' }),
      probe: async (c) => {
        probed.push(c.command);
        return undefined;
      },
    });
    assert.deepEqual(probed, ['/usr/bin/python3']);
    assert.deepEqual(r.found?.args, ['-m', 'briefcheck']);
  });
  it('finds nothing when nothing works, and the message says how to install', async () => {
    const r = await discoverServer({
      pythonInterpreter: '/usr/bin/python3',
      which: which({}),
      probe: async () => 'exited with 1: No module named briefcheck',
    });
    assert.equal(r.found, undefined);
    const msg = notFoundMessage(r);
    assert.match(msg, /pip install briefcheck/);
    assert.match(msg, /briefcheck\.path/);
    assert.match(msg, /No module named briefcheck/);
  });
});

describe('command lines', () => {
  const py: ServerCommand = { source: 'python', command: '/venv/bin/python', args: ['-m', 'briefcheck'] };
  const exe: ServerCommand = { source: 'path', command: '/usr/bin/briefcheck', args: [] };
  it('serve', () => {
    assert.deepEqual(serveArgs(py), ['-m', 'briefcheck', 'serve']);
    assert.deepEqual(serveArgs(exe), ['serve']);
  });
  it('new writes the skeleton to stdout', () => {
    assert.deepEqual(newBriefArgs(exe, 'postmortem'), ['new', '--kind', 'postmortem', '-']);
    assert.deepEqual(newBriefArgs(py, 'brief'), ['-m', 'briefcheck', 'new', '--kind', 'brief', '-']);
  });
});

describe('findOnPath', () => {
  it('finds an executable file in PATH order', () => {
    const dir1 = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-a-'));
    const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-b-'));
    try {
      fs.writeFileSync(path.join(dir1, 'briefcheck'), '#!/bin/sh\n', { mode: 0o644 }); // not executable
      fs.writeFileSync(path.join(dir2, 'briefcheck'), '#!/bin/sh\n', { mode: 0o755 });
      const found = findOnPath('briefcheck', { PATH: `${dir1}:${dir2}` }, 'linux');
      assert.equal(found, path.join(dir2, 'briefcheck'));
      assert.equal(findOnPath('briefcheck', { PATH: dir1 }, 'linux'), undefined);
    } finally {
      fs.rmSync(dir1, { recursive: true });
      fs.rmSync(dir2, { recursive: true });
    }
  });
  it('tries PATHEXT on Windows', () => {
    const seen: string[] = [];
    const found = findOnPath('briefcheck', { Path: 'C:\\a;C:\\b', PATHEXT: '.EXE;.CMD' }, 'win32', (f) => {
      seen.push(f);
      return f === 'C:\\b\\briefcheck.CMD';
    });
    assert.equal(found, 'C:\\b\\briefcheck.CMD');
    assert.deepEqual(seen, ['C:\\a\\briefcheck.EXE', 'C:\\a\\briefcheck.CMD', 'C:\\b\\briefcheck.EXE', 'C:\\b\\briefcheck.CMD']);
  });
});

describe('probeServe', { skip: process.platform === 'win32' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-probe-'));
  const script = (name: string, body: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return f;
  };
  it('accepts a program where `serve --help` exits 0', async () => {
    const ok = script('ok', '[ "$1" = serve ] && [ "$2" = --help ] && exit 0; exit 3');
    assert.equal(await probeServe({ source: 'path', command: ok, args: [] }), undefined);
  });
  it('reports the exit code and the last stderr line', async () => {
    const bad = script('bad', 'echo "Error: No such command serve." >&2; exit 2');
    const err = await probeServe({ source: 'path', command: bad, args: [] });
    assert.match(err ?? '', /exited with 2: Error: No such command serve\./);
  });
  it('reports a missing program', async () => {
    assert.equal(await probeServe({ source: 'setting', command: path.join(dir, 'nope'), args: [] }), 'not found');
  });
  it('gives up on a program that hangs', async () => {
    const slow = script('slow', 'exec sleep 5');
    assert.match((await probeServe({ source: 'path', command: slow, args: [] }, undefined, 300)) ?? '', /no answer/);
  });
});
