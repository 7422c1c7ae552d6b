// Drives VS Code (code-server) in Chromium and checks what the briefcheck
// extension shows. Started by e2e/run.sh, which passes everything in E2E_*
// variables. Exits non-zero on the first failed check, after a screenshot.

import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import path from 'node:path';

const env = (name) => {
  const v = process.env[name];
  if (!v) {
    throw new Error(`${name} is not set: run e2e/run.sh`);
  }
  return v;
};

const MODE = env('E2E_MODE'); // "main": briefcheck installed; "missing": not installed
const URL = env('E2E_URL');
const FILE = env('E2E_FILE');
const RULES = (process.env.E2E_RULES ?? '').split(/\s+/).filter(Boolean);
const FIX_RULE = process.env.E2E_FIX_RULE ?? '';
const OUT = env('E2E_OUT');
const WORKSPACE = env('E2E_WORKSPACE');
const LOGS = env('E2E_LOGS');
const require = createRequire(path.join(env('E2E_PLAYWRIGHT'), 'package.json'));
const { chromium } = require('playwright-core');

const t0 = Date.now();
const log = (msg) => console.error(`[drive +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

/** Polls fn until it returns a truthy value; throws with `what` after timeoutMs. */
async function until(what, fn, timeoutMs = 30000, everyMs = 250) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) {
        return last;
      }
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last: ${String(last).slice(0, 2000)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const clean = (s) => s.replace(/\u00a0/g, ' ');

const context = await chromium.launchPersistentContext(env('E2E_BROWSER_DIR'), {
  executablePath: env('E2E_CHROMIUM'),
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
page.on('pageerror', (err) => log(`page error: ${err.message}`));

// Each check() that passes counts; the run stops at the first that fails.
let passed = 0;
async function check(name, fn) {
  const result = await fn();
  passed += 1;
  log(`ok ${passed} - ${name}`);
  return result;
}

let failed = false;
try {
  await (MODE === 'missing' ? runMissing() : run());
  log(`all checks passed (${MODE})`);
} catch (err) {
  failed = true;
  log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
  await page.screenshot({ path: path.join(OUT, `failure-${MODE}.png`) }).catch(() => undefined);
  log(`screenshot: ${path.join(OUT, `failure-${MODE}.png`)}`);
} finally {
  await context.close().catch(() => undefined);
}
// Counts for this session; run.sh adds up the sessions for CI's closing line.
console.log(`e2e-${MODE}: ${passed} passed, ${failed ? 1 : 0} failed`);
await fs.writeFile(path.join(OUT, `counts-${MODE}`), `${passed} ${failed ? 1 : 0}\n`);
process.exit(failed ? 1 : 0);

async function editorText() {
  return clean(await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText());
}

async function statusScore() {
  const items = await page.locator('.statusbar-item').allInnerTexts();
  return items.map((s) => clean(s).trim()).find((s) => /^Brief (\d+\/100|\d+ issues?)$/.test(s));
}

async function openBrief() {
  // ---- 3. open the workspace and the faulty brief --------------------------
  await check('the workbench opens the workspace', async () => {
    log(`opening ${URL}`);
    await page.goto(URL, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
    // The explorer lists the file once the workspace is loaded.
    await page.locator('.explorer-folders-view').getByText(FILE, { exact: true }).first().waitFor({ timeout: 60000 });
  });

  await check(`${FILE} opens in an editor`, () =>
    until(
      `the editor for ${FILE}`,
      async () => {
        // Click the file in the Explorer, as a person would.
        await page.keyboard.press('Escape');
        await page.locator('.explorer-folders-view').getByText(FILE, { exact: true }).first().click();
        await page.locator('.tab.active', { hasText: FILE }).waitFor({ timeout: 5000 });
        return (await editorText()).includes('Checkout outage');
      },
      60000,
      1000,
    ),
  );
}

async function run() {
  await openBrief();
  const original = (await fs.readFile(path.join(WORKSPACE, FILE), 'utf8')).split('\n');

  // ---- 4. squiggles, and their rule ids ------------------------------------
  const squiggles = page.locator(
    '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info',
  );
  await check('the server draws squiggles', async () => {
    // The first check of a document loads the server's pipeline: allow time.
    await until('squiggles in the editor', async () => (await squiggles.count()) > 0, 120000, 500);
    await until(`at least ${RULES.length} squiggles`, async () => (await squiggles.count()) >= RULES.length, 30000, 500);
    log(`${await squiggles.count()} squiggles`);
  });

  await check(`the squiggles carry ${RULES.join(', ')}`, async () => {
    // F8 walks the editor's problems one by one in the marker widget, which
    // names each one's source and rule id: the ids under the squiggles.
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    const seen = new Map(); // rule id -> marker widget text
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('F8');
      const widget = page.locator('.marker-widget').first();
      await widget.waitFor({ state: 'visible', timeout: 10000 });
      const text = clean(await widget.innerText());
      const ids = [...text.matchAll(/briefcheck\(([^)]+)\)/g)].map((m) => m[1]);
      for (const id of ids) {
        seen.set(id, text);
      }
      const n = /(\d+) of (\d+) problems?/.exec(text);
      if (n && n[1] === n[2]) {
        break;
      }
    }
    await page.keyboard.press('Escape');
    log(`rule ids under the squiggles: ${[...seen.keys()].join(', ')}`);
    const missing = RULES.filter((r) => !seen.has(r));
    if (missing.length) {
      throw new Error(`no squiggle for ${missing.join(', ')}`);
    }
  });

  // ---- 4. the Problems panel -----------------------------------------------
  await check(`the Problems panel lists ${RULES.join(', ')} from briefcheck`, async () => {
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel').first();
    await panel.waitFor({ state: 'visible', timeout: 15000 });
    await until(
      'every expected rule id in the Problems panel',
      async () => {
        // Each row shows "source(code)"; the brackets come from CSS, so the
        // text has the source right before the code, once whitespace is gone.
        const text = (await problemsText()).replace(/\s+/g, '');
        const missing = RULES.filter((r) => !text.includes(`briefcheck${r}`));
        if (missing.length) {
          throw new Error(`missing ${missing.join(', ')} in: ${text}`);
        }
        return true;
      },
      30000,
      1000,
    );
  });

  // ---- 6. the status bar shows a score ----------------------------------------
  const scoreBefore = await check('the status bar shows a score', async () => {
    const text = await until('a score in the status bar', statusScore, 30000);
    log(`status bar: ${text}`);
    return text;
  });
  await page.screenshot({ path: path.join(OUT, 'problems.png') });

  // ---- 5. one quick fix ------------------------------------------------------
  const titles = await check(`a quick fix is offered for ${FIX_RULE}`, async () => {
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press('F8');
      const widget = page.locator('.marker-widget').first();
      await widget.waitFor({ state: 'visible', timeout: 10000 });
      found = clean(await widget.innerText()).includes(`briefcheck(${FIX_RULE})`);
    }
    if (!found) {
      throw new Error(`could not move to a ${FIX_RULE} problem`);
    }
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    const actions = page.locator('.action-widget .monaco-list-row.action');
    await actions.first().waitFor({ state: 'visible', timeout: 15000 });
    const list = (await actions.allInnerTexts()).map((s) => clean(s).trim());
    log(`quick fixes offered: ${list.join(' | ')}`);
    return list;
  });
  await page.screenshot({ path: path.join(OUT, 'quickfix.png') });

  await check('applying the quick fix changes the text', async () => {
    // Prefer the rule's own replacement over "Disable ... on this line".
    let pick = titles.findIndex((t) => !/^Disable\b/i.test(t));
    if (pick < 0) {
      pick = 0;
    }
    const shown = await editorText();
    await page.locator('.action-widget .monaco-list-row.action').nth(pick).click();
    await until(
      'the text in the editor to change',
      async () => (await editorText()) !== shown,
      15000,
    );
    // Save, and compare the file on disk with the original brief.
    await page.keyboard.press('Control+S');
    const changed = await until(
      'the saved file to differ from the original',
      async () => {
        const now = (await fs.readFile(path.join(WORKSPACE, FILE), 'utf8')).split('\n');
        const diff = now.filter((l, i) => l !== original[i]);
        return diff.length ? diff : false;
      },
      15000,
    );
    log(`quick fix "${titles[pick]}" applied; changed line(s): ${JSON.stringify(changed)}`);
  });

  await check('the status bar follows the edit', async () => {
    const now = await until(
      `the status bar to change from "${scoreBefore}"`,
      async () => {
        const text = await statusScore();
        return text && text !== scoreBefore ? text : false;
      },
      30000,
    );
    log(`status bar after the fix: ${now}`);
  });

  // ---- 7. screenshot -----------------------------------------------------------
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: path.join(OUT, 'screenshot.png') });
  log(`screenshot: ${path.join(OUT, 'screenshot.png')}`);

  // ---- the rest of what the extension offers -------------------------------------
  await check('clicking the status bar opens the breakdown', async () => {
    await page.locator('.statusbar-item').filter({ hasText: /^\s*Brief (\d+\/100|\d+ issues?)\s*$/ }).first().click();
    await page.locator('.tab', { hasText: `${FILE} (briefcheck score)` }).first().waitFor({ timeout: 15000 });
    await until(
      'the breakdown text',
      async () => {
        const texts = (await page.locator('.editor-instance .monaco-editor .view-lines').allInnerTexts()).map(clean);
        return texts.some((t) => t.includes(`# briefcheck: ${FILE}`) && /Category/.test(t));
      },
      15000,
    );
  });
  await page.screenshot({ path: path.join(OUT, 'breakdown.png') });

  await check('a settings change reaches the server without a reload', async () => {
    // An engineering audience knows the jargon: jargon/term must go away.
    await updateWorkspaceSettings({ 'briefcheck.audience': 'engineering' });
    await until(
      'jargon/term to leave the Problems panel',
      async () => {
        const text = (await problemsText()).replace(/\s+/g, '');
        return text.includes('briefcheck') && !text.includes('briefcheckjargon/term');
      },
      30000,
      1000,
    );
  });

  await check('briefcheck.trace.server logs the protocol, live', async () => {
    await updateWorkspaceSettings({ 'briefcheck.trace.server': 'messages' });
    await page.waitForTimeout(1000);
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' ');
    // VS Code writes each output channel to a file in its logs folder.
    const trace = await until(
      'protocol messages in the "briefcheck trace" output channel',
      async () => {
        const files = await findFiles(LOGS, (name) => name.endsWith('briefcheck trace.log'));
        for (const f of files) {
          const text = await fs.readFile(f, 'utf8');
          if (/textDocument\/didChange/.test(text)) {
            return text;
          }
        }
        return false;
      },
      30000,
      1000,
    );
    log(`trace: ${trace.split('\n').find((l) => /textDocument\/didChange/.test(l))?.trim()}`);
  });

  await check('"briefcheck: Restart server" brings the server back', async () => {
    await runCommand('briefcheck: Restart server');
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    // A check after the restart proves the new server answers: the quick fix
    // removed the only timeline/vague problem, and this line brings one back.
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nWe will share more soon.');
    await until(
      'a timeline/vague problem from the restarted server',
      async () => (await problemsText()).replace(/\s+/g, '').includes('briefchecktimeline/vague'),
      60000,
      1000,
    );
    await until('a score in the status bar', statusScore, 30000);
  });

  await check('briefcheck.enable=false clears the problems and hides the score', async () => {
    await page.locator('.tab', { hasText: FILE }).first().click();
    await updateWorkspaceSettings({ 'briefcheck.enable': false });
    await until(
      'no briefcheck problems and no score',
      async () => {
        const text = (await problemsText()).replace(/\s+/g, '');
        return !text.includes('briefcheck') && (await statusScore()) === undefined;
      },
      30000,
      1000,
    );
    await updateWorkspaceSettings({ 'briefcheck.enable': true });
    await until('the score to come back', statusScore, 30000, 500);
  });

  if (process.env.E2E_NEW_BRIEF === '1') {
    await check('"briefcheck: New incident brief" opens a skeleton in an untitled editor', async () => {
      await runCommand('briefcheck: New incident brief');
      await page.locator('.tab.active', { hasText: /Untitled/ }).waitFor({ timeout: 30000 });
      await until('the skeleton text', async () => (await editorText()).trim().length > 20, 15000);
    });
  } else {
    log('skip: this briefcheck has no "new" command, so "briefcheck: New incident brief" is not checked');
  }
}

async function updateWorkspaceSettings(values) {
  const file = path.join(WORKSPACE, '.vscode', 'settings.json');
  const settings = JSON.parse(await fs.readFile(file, 'utf8'));
  await fs.writeFile(file, JSON.stringify({ ...settings, ...values }, null, 2));
}

async function findFiles(dir, match) {
  const out = [];
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (entry.isFile() && match(entry.name)) {
      out.push(path.join(entry.parentPath ?? entry.path, entry.name));
    }
  }
  return out;
}

/** The Problems panel's text. The list renders only the rows in view: scroll through it. */
async function problemsText() {
  const panel = page.locator('.markers-panel').first();
  let all = '';
  const list = panel.locator('.monaco-list').first();
  const box = await list.boundingBox();
  for (let i = 0; i < 20; i++) {
    const text = clean(await panel.innerText());
    if (all.includes(text)) {
      break;
    }
    all += text;
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, box.height * 0.8);
      await page.waitForTimeout(150);
    }
  }
  if (box) {
    await page.mouse.wheel(0, -100000);
  }
  return all;
}

/** Without briefcheck: one error that says how to install it, whose button opens the setting. */
async function runMissing() {
  await openBrief();
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'pip install briefcheck' });
  await check('an error says how to install briefcheck', async () => {
    await toast.first().waitFor({ state: 'visible', timeout: 60000 });
    const text = clean(await toast.first().innerText());
    log(`error shown: ${text.replace(/\s+/g, ' ')}`);
    const count = await toast.count();
    if (count !== 1) {
      throw new Error(`${count} such errors, not one`);
    }
  });
  await page.screenshot({ path: path.join(OUT, 'not-installed.png') });
  await check('its "Open Setting" button opens briefcheck.path', async () => {
    await toast.first().locator('.monaco-button', { hasText: 'Open Setting' }).click();
    const editor = page.locator('.settings-editor').first();
    await editor.waitFor({ state: 'visible', timeout: 15000 });
    await until(
      'the briefcheck.path setting',
      async () => {
        const text = clean(await editor.innerText());
        // The settings editor shows the setting as "Briefcheck: Path".
        return /Briefcheck:\s*Path/i.test(text);
      },
      15000,
    );
  });
  await page.screenshot({ path: path.join(OUT, 'open-setting.png') });
}

async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}
