import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DEFAULTS, actionForChange, answerConfiguration, toServerSettings } from '../src/settings';

const getter = (o: Record<string, unknown>) => (key: string) => o[key];

describe('toServerSettings', () => {
  it('passes valid values through', () => {
    assert.deepEqual(
      toServerSettings(getter({ enable: false, audience: 'engineering', kind: 'postmortem', debounceMs: 750, path: '/x' })),
      { enable: false, audience: 'engineering', kind: 'postmortem', debounceMs: 750 },
    );
  });
  it('uses defaults for missing values', () => {
    assert.deepEqual(toServerSettings(getter({})), DEFAULTS);
  });
  it('replaces values the server does not accept', () => {
    assert.deepEqual(
      toServerSettings(getter({ enable: 'yes', audience: 'board', kind: 'memo', debounceMs: 'soon' })),
      DEFAULTS,
    );
  });
  it('clamps and rounds debounceMs', () => {
    assert.equal(toServerSettings(getter({ debounceMs: -5 })).debounceMs, 0);
    assert.equal(toServerSettings(getter({ debounceMs: 99999 })).debounceMs, 10000);
    assert.equal(toServerSettings(getter({ debounceMs: 120.6 })).debounceMs, 121);
  });
  it('never sends the path or the trace setting', () => {
    const s = toServerSettings(getter({ path: '/x', 'trace.server': 'verbose' }));
    assert.deepEqual(Object.keys(s).sort(), ['audience', 'debounceMs', 'enable', 'kind']);
  });
});

describe('answerConfiguration', () => {
  it('answers the briefcheck section and its keys per scope, and keeps other sections', () => {
    const settingsFor = (scope?: string) => ({ ...DEFAULTS, audience: scope === 'file:///eng' ? 'engineering' as const : 'executive' as const });
    const answer = answerConfiguration(
      [
        { section: 'briefcheck', scopeUri: 'file:///eng' },
        { section: 'briefcheck' },
        { section: 'briefcheck.kind' },
        { section: 'briefcheck.path' },
        { section: 'editor.tabSize' },
        {},
      ],
      [{ raw: 1 }, { raw: 2 }, 'raw-kind', '/some/path', 4, { whole: true }],
      settingsFor,
    );
    assert.deepEqual(answer, [
      { ...DEFAULTS, audience: 'engineering' },
      DEFAULTS,
      'brief',
      '/some/path',
      4,
      { whole: true },
    ]);
  });
  it('answers null where VS Code gave nothing', () => {
    assert.deepEqual(answerConfiguration([{ section: 'other' }], [], () => DEFAULTS), [null]);
  });
});

describe('actionForChange', () => {
  const affects = (...changed: string[]) => (s: string) => changed.some((c) => c === s || c.startsWith(s + '.') || s.startsWith(c + '.'));
  it('restarts when the path changes', () => assert.equal(actionForChange(affects('briefcheck.path')), 'restart'));
  it('notifies the server for what it reads', () => {
    for (const key of ['enable', 'audience', 'kind', 'debounceMs']) {
      assert.equal(actionForChange(affects(`briefcheck.${key}`)), 'notify', key);
    }
  });
  it('leaves trace and unrelated settings to others', () => {
    assert.equal(actionForChange(affects('briefcheck.trace.server')), 'none');
    assert.equal(actionForChange(affects('editor.fontSize')), 'none');
  });
});
