import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { breakdownMarkdown, formatPoints, parseScore, statusText, statusTooltip } from '../src/score';

describe('parseScore', () => {
  it('keeps a full answer', () => {
    const r = parseScore({ score: 72, grade: 'C', breakdown: { jargon: 10, timeline: 18 }, counts: { jargon: 2, timeline: 3 } });
    assert.deepEqual(r, { score: 72, grade: 'C', breakdown: { jargon: 10, timeline: 18 }, counts: { jargon: 2, timeline: 3 } });
  });
  it('accepts an answer with counts only (server without the score feature)', () => {
    assert.deepEqual(parseScore({ counts: { blame: 1 } }), { counts: { blame: 1 } });
  });
  it('rejects answers without a score or counts', () => {
    assert.equal(parseScore(null), undefined);
    assert.equal(parseScore('72'), undefined);
    assert.equal(parseScore({ grade: 'A' }), undefined);
    assert.equal(parseScore({ counts: { jargon: 'two' } }), undefined);
  });
});

describe('statusText', () => {
  it('shows the score', () => assert.equal(statusText({ score: 72, counts: { jargon: 4 } }), 'Brief 72/100'));
  it('shows the issue count without a score', () => {
    assert.equal(statusText({ counts: { jargon: 2, blame: 1 } }), 'Brief 3 issues');
    assert.equal(statusText({ counts: { jargon: 1 } }), 'Brief 1 issue');
    assert.equal(statusText({ counts: {} }), 'Brief 0 issues');
  });
  it('tooltip names the grade', () => assert.match(statusTooltip({ score: 91, grade: 'A', counts: {} }), /91\/100, grade A/));
});

describe('breakdownMarkdown', () => {
  it('tables the categories', () => {
    const md = breakdownMarkdown({ score: 72, grade: 'C', breakdown: { jargon: 10, timeline: 18 }, counts: { jargon: 2, timeline: 3, blame: 0 } }, 'outage.md');
    assert.match(md, /^# briefcheck: outage\.md/);
    assert.match(md, /Score 72\/100\*\* \(grade C\)/);
    assert.match(md, /\| jargon \| 2 \| 10 \|/);
    assert.match(md, /\| timeline \| 3 \| 18 \|/);
    assert.match(md, /\| blame \| 0 \| – \|/);
  });
  it('says so when there is nothing to fix', () => {
    assert.match(breakdownMarkdown({ counts: {} }, 'a.txt'), /No issues found\./);
  });
});

describe('formatPoints', () => {
  it('keeps one decimal at most', () => {
    assert.equal(formatPoints(6.59), '6.6');
    assert.equal(formatPoints(21.11), '21.1');
    assert.equal(formatPoints(4), '4');
    assert.equal(formatPoints(0), '0');
  });
});
