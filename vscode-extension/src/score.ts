// Text for the status bar and the breakdown view, from a briefcheck/score answer.
//
// Kept free of the `vscode` module so that it runs under node's test runner.

export interface ScoreResult {
  score?: number;
  grade?: string;
  breakdown?: Record<string, number>;
  counts?: Record<string, number>;
}

function isNumberRecord(x: unknown): x is Record<string, number> {
  return (
    typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((v) => typeof v === 'number')
  );
}

/** Keeps the fields of a server answer that have the expected shape. */
export function parseScore(x: unknown): ScoreResult | undefined {
  if (typeof x !== 'object' || x === null) {
    return undefined;
  }
  const o = x as Record<string, unknown>;
  const r: ScoreResult = {};
  if (typeof o.score === 'number' && Number.isFinite(o.score)) {
    r.score = Math.round(o.score);
  }
  if (typeof o.grade === 'string') {
    r.grade = o.grade;
  }
  if (isNumberRecord(o.breakdown)) {
    r.breakdown = o.breakdown;
  }
  if (isNumberRecord(o.counts)) {
    r.counts = o.counts;
  }
  return r.score === undefined && r.counts === undefined ? undefined : r;
}

export function issueCount(r: ScoreResult): number {
  return Object.values(r.counts ?? {}).reduce((a, b) => a + b, 0);
}

export function statusText(r: ScoreResult): string {
  if (r.score !== undefined) {
    return `Brief ${r.score}/100`;
  }
  const n = issueCount(r);
  return `Brief ${n} ${n === 1 ? 'issue' : 'issues'}`;
}

export function statusTooltip(r: ScoreResult): string {
  const lines: string[] = [];
  if (r.score !== undefined) {
    lines.push(`briefcheck score ${r.score}/100${r.grade ? `, grade ${r.grade}` : ''}`);
  }
  const n = issueCount(r);
  lines.push(`${n} ${n === 1 ? 'issue' : 'issues'}`);
  lines.push('Click for the breakdown');
  return lines.join('\n');
}

function categories(r: ScoreResult): string[] {
  return [...new Set([...Object.keys(r.breakdown ?? {}), ...Object.keys(r.counts ?? {})])].sort();
}

export function breakdownMarkdown(r: ScoreResult, documentName: string): string {
  const out: string[] = [`# briefcheck: ${documentName}`, ''];
  if (r.score !== undefined) {
    out.push(`**Score ${r.score}/100**${r.grade ? ` (grade ${r.grade})` : ''}`, '');
  } else {
    out.push(`**${issueCount(r)} issues** (this briefcheck server gives no score)`, '');
  }
  const cats = categories(r);
  if (cats.length === 0) {
    out.push('No issues found.');
  } else {
    out.push('| Category | Issues | Points lost |', '| --- | ---: | ---: |');
    for (const c of cats) {
      const lost = r.breakdown?.[c];
      out.push(`| ${c} | ${r.counts?.[c] ?? 0} | ${lost === undefined ? '–' : formatPoints(lost)} |`);
    }
  }
  out.push('', 'Open the Problems panel (Ctrl+Shift+M) for each issue and its quick fixes.', '');
  return out.join('\n');
}

/** Points with at most one decimal: 6.59 -> "6.6", 4 -> "4". */
export function formatPoints(n: number): string {
  return String(Math.round(n * 10) / 10);
}
