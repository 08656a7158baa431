// Headless-Chromium tests of the softmax focal-loss calculator page written by the CLI
// (`java -jar target/focal-loss.jar calculator --out target/browser/calculator.html`, run by this test):
// typing, Calculate, Reset, Copy (text, Markdown, CSV), bad input in each field, keyboard only, the worked
// examples, scripts off, and the page's arithmetic against the Java library on the worked examples and
// hundreds of seeded random cases (focal-loss-notebook/target/calculator-samples.json, written by CalculatorWidgetTest).
// The calculator inside JupyterLab: jupyterlab-calculator.test.mjs.
//
// Environment:
//   CALCULATOR_SAMPLES  the library's reference cases (default focal-loss-notebook/target/calculator-samples.json)
//   CHROMIUM            the browser binary (default /usr/bin/chromium)
//   ARTIFACTS           where screenshots go (default target/browser)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, ARTIFACTS, launchBrowser } from './lab.mjs';

const JAR = path.join(ROOT, 'target', 'focal-loss.jar');
const PAGE = path.join(ARTIFACTS, 'calculator.html');
const samplesFile = process.env.CALCULATOR_SAMPLES || path.join(ROOT, 'focal-loss-notebook', 'target', 'calculator-samples.json');
const FIELDS = ['logits', 'target', 'gamma', 'alpha'];
let browser;
let samples;

before(async () => {
  assert.ok(fs.existsSync(JAR), `${JAR} is missing: run ./mvnw package first`);
  assert.ok(fs.existsSync(samplesFile), `${samplesFile} is missing: run the Java tests (CalculatorWidgetTest) first`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  execFileSync('java', ['-jar', JAR, 'calculator', '--out', PAGE], { stdio: 'pipe' });
  samples = JSON.parse(fs.readFileSync(samplesFile, 'utf8'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/**
 * Opens the page with navigator.clipboard.writeText intercepted (what a Copy button copies lands in
 * window.__copied), recording requests and console errors.
 */
async function open({ javaScriptEnabled = true, deviceScaleFactor = 1, clipboard = 'intercept' } = {}) {
  const context = await browser.newContext({ javaScriptEnabled, deviceScaleFactor, viewport: { width: 900, height: 1000 } });
  if (clipboard === 'intercept') {
    await context.addInitScript(() => {
      window.__copied = [];
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: (t) => { window.__copied.push(t); return Promise.resolve(); } },
      });
    });
  }
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = pathToFileURL(PAGE).href;
  await page.goto(url, { waitUntil: 'load' });
  const root = page.locator('.flc').first();
  const offline = () => requests.filter((u) => u !== url && !u.startsWith('data:'));
  return { context, page, root, errors, offline };
}

function parts(root) {
  const p = { root, summary: root.locator('.flc-summary'), status: root.locator('.flc-status') };
  for (const f of FIELDS) {
    p[f] = root.locator(`input[name="${f}"]`);
  }
  return p;
}

/** The displayed value of a step-table row: pt, q, modulator, ce, fl, ratio. */
function step(root, q) {
  return root.locator(`.flc-steps tr[data-q="${q}"] td.flc-num`);
}

const worked = (kind) => samples.cases.find((c) => c.kind === kind);

/**
 * Compares the page's CSV with the library's: the same rows in the same order, the inputs (logits, target,
 * γ, α) byte for byte, every computed number within `tolerance` relative. Browsers' Math.exp and Math.log
 * are not specified to the last bit (Chromium 156's differ from HotSpot's in about 1 argument in 500, from
 * fdlibm/StrictMath in 1 in 10), so full-precision digits may differ in the last place (measured: up to 3.5e-16). Returns the largest
 * relative difference and where.
 */
function compareCsv(js, java, where, tolerance = 1e-14) {
  const a = js.split('\n');
  const b = java.split('\n');
  assert.equal(a.length, b.length, `CSV rows of ${where}`);
  let largest = { rel: 0, where: '' };
  for (let i = 0; i < a.length; i++) {
    const [ka, va] = a[i].split(',');
    const [kb, vb] = b[i].split(',');
    assert.equal(ka, kb, `CSV row ${i} of ${where}`);
    if (i === 0 || /^(logit_|target|gamma|alpha)/.test(ka) || ka === undefined || ka === '') {
      assert.equal(a[i], b[i], `CSV input row ${ka} of ${where}`);
      continue;
    }
    const x = Number(va);
    const y = Number(vb);
    const rel = x === y || (Number.isNaN(x) && Number.isNaN(y)) ? 0 : Math.abs(x - y) / Math.max(Math.abs(y), Number.MIN_VALUE);
    assert.ok(rel <= tolerance, `${ka} of ${where}: ${va} vs ${vb} (relative ${rel})`);
    if (rel > largest.rel) {
      largest = { rel, where: `${ka} of ${where}: ${va} vs ${vb}` };
    }
  }
  return largest;
}

test('the page mounts: labelled fields, live results, worked example 2 with FL = 0.562143', async () => {
  const { context, page, root, errors, offline } = await open();
  try {
    assert.equal(await root.getAttribute('data-mounted'), 'true');
    const p = parts(root);
    for (const f of FIELDS) {
      const id = await p[f].getAttribute('id');
      assert.equal(await root.locator(`label[for="${id}"]`).count(), 1, `${f} has a label`);
      assert.equal(await p[f].getAttribute('aria-describedby'), `${id}-msg`);
    }
    assert.deepEqual(await Promise.all(FIELDS.map((f) => p[f].inputValue())), ['1.5, -0.8, 0.2', '1', '2', '0.25']);
    assert.equal(await p.summary.getAttribute('aria-live'), 'polite');
    assert.equal(await p.status.getAttribute('role'), 'status');
    assert.equal(await step(root, 'fl').textContent(), '0.562143');
    assert.match(await p.summary.textContent(), /^FL = 0\.562143\. Focal loss with γ = 2\.00\. At p_t = 0\.073/);
    assert.equal(await root.locator('.fl-static').count(), 0, 'the static rendering was replaced');
    assert.equal(await root.locator('svg.flc-chart rect.flc-bar-true[data-class="1"]').count(), 1, 'true class marked');
    assert.deepEqual(offline(), [], 'no network request');
    assert.deepEqual(errors, [], 'no console error');
  } finally {
    await context.close();
  }
});

test('typing the worked examples updates the results key by key: FL = 2.5354e-05 and 0.562143', async () => {
  const { context, page, root, errors } = await open();
  try {
    const p = parts(root);
    await p.logits.fill('');
    await p.logits.pressSequentially('-1.0, 3.0, -0.5');
    assert.equal(await step(root, 'fl').textContent(), '2.5354e-05', 'worked example 1');
    assert.equal(await step(root, 'pt').textContent(), worked('EASY').steps[0]);
    await p.logits.fill('');
    await p.logits.pressSequentially('1.5, -0.8, 0.2');
    assert.equal(await step(root, 'fl').textContent(), '0.562143', 'worked example 2');
    // each key recomputes: γ = 0 gives FL = α·CE, then γ = 5
    await p.gamma.fill('0');
    assert.equal(await step(root, 'modulator').textContent(), '1.000000');
    assert.equal(await step(root, 'ratio').textContent(), '4.0×', 'CE/FL = 1/α at γ = 0');
    await p.gamma.press('Backspace');
    await p.gamma.pressSequentially('5');
    assert.match(await p.summary.textContent(), /Focal loss with γ = 5\.00\./);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Calculate and Enter recompute and announce; Reset restores the starting values', async () => {
  const { context, page, root, errors } = await open();
  try {
    const p = parts(root);
    await p.logits.fill('2, 0.5, -1, 0.1');
    await p.target.fill('0');
    await p.gamma.fill('3');
    await p.alpha.fill('1');
    await root.locator('button.flc-calculate').click();
    const fl = await step(root, 'fl').textContent();
    assert.equal(await p.status.textContent(), `Calculated: FL = ${fl}.`);
    await p.alpha.press('Enter');
    assert.match(await p.status.textContent(), /^Calculated: FL = /, 'Enter in a field calculates');
    await root.locator('button.flc-reset').click();
    assert.deepEqual(await Promise.all(FIELDS.map((f) => p[f].inputValue())), ['1.5, -0.8, 0.2', '1', '2', '0.25']);
    assert.equal(await step(root, 'fl').textContent(), '0.562143');
    assert.equal(await p.status.textContent(), 'Reset to the starting values.');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Copy results and Copy as Markdown copy CalculatorResult.toText/toMarkdown byte for byte; Copy as CSV its numbers', async () => {
  const { context, page, root, errors } = await open();
  try {
    for (const kind of ['HARD', 'EASY']) {
      const c = worked(kind);
      await parts(root).logits.fill(c.fields.logits);
      await page.evaluate(() => { window.__copied.length = 0; });
      for (const [format, label] of [['text', 'text'], ['markdown', 'Markdown'], ['csv', 'CSV']]) {
        await root.locator(`button.flc-copy[data-format="${format}"]`).click();
        await page.waitForFunction((n) => window.__copied.length === n, ['text', 'markdown', 'csv'].indexOf(format) + 1);
        assert.match(await parts(root).status.textContent(), new RegExp(`^Copied the results as ${label}\\.`));
      }
      const copied = await page.evaluate(() => window.__copied.slice());
      assert.equal(copied[0], c.text, `${kind}: text`);
      assert.equal(copied[1], c.markdown, `${kind}: Markdown`);
      compareCsv(copied[2], c.csv, `${kind}: CSV`);
    }
    assert.match(worked('HARD').text, /FL = α·\(1 − p_t\)\^γ·CE\s+0\.562143\n/);
    // with bad input nothing is copied and the reader is told why
    await parts(root).gamma.fill('-1');
    await page.evaluate(() => { window.__copied.length = 0; });
    await root.locator('button.flc-copy[data-format="text"]').click();
    assert.equal(await parts(root).status.textContent(), 'Nothing copied: fix the input first.');
    assert.equal(await page.evaluate(() => window.__copied.length), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Copy results reaches the real clipboard', async () => {
  const { context, page, root, errors } = await open({ clipboard: 'real' });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await root.locator('button.flc-copy[data-format="text"]').click();
    await page.waitForFunction(() => document.querySelector('.flc-status').textContent.startsWith('Copied'));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), worked('HARD').text);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('bad input in each field: the library\'s message next to it, aria-invalid, announced; nothing else breaks', async () => {
  const { context, page, root, errors } = await open();
  try {
    const p = parts(root);
    for (const b of samples.bad) {
      for (const f of FIELDS) {
        await p[f].fill(b.fields[f]);
      }
      const where = JSON.stringify(b.fields);
      for (const f of FIELDS) {
        const msg = root.locator(`#${await p[f].getAttribute('id')}-msg`);
        if (b.errors[f]) {
          assert.equal(await msg.textContent(), b.errors[f], `${f} message for ${where}`);
          assert.equal(await p[f].getAttribute('aria-invalid'), 'true', `${f} aria-invalid for ${where}`);
          assert.ok((await p.status.textContent()).includes(b.errors[f]), `announced: ${b.errors[f]}`);
        } else {
          assert.equal(await msg.textContent(), '', `no ${f} message for ${where}`);
          assert.equal(await p[f].getAttribute('aria-invalid'), null);
        }
      }
      assert.equal(await root.getAttribute('class'), 'flc flc-invalid');
    }
    // the worked examples' three messages, as the issue quotes them
    const messages = samples.bad.flatMap((b) => Object.values(b.errors));
    for (const m of ['logit 2 = "abc" is not a number (expected e.g. 1.5 or -0.8)',
      'target = 3 is out of range [0, 2] for 3 classes', 'gamma = -1.0 is out of range [0, ∞)']) {
      assert.ok(messages.includes(m), m);
    }
    // fixing the input clears every message and the results come back
    await root.locator('button.flc-reset').click();
    assert.equal(await root.locator('[aria-invalid]').count(), 0);
    assert.equal(await p.status.textContent(), 'Reset to the starting values.');
    assert.equal(await step(root, 'fl').textContent(), '0.562143');
    assert.equal(await root.getAttribute('class'), 'flc');
    assert.deepEqual(errors, [], 'no script error for any bad input');
  } finally {
    await context.close();
  }
});

test('keyboard only: Tab reaches every field and button in order, Enter calculates, Enter and Space press buttons', async () => {
  const { context, page, root, errors } = await open();
  try {
    const order = [];
    await page.locator('body').focus();
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => {
        const a = document.activeElement;
        return a.name || a.getAttribute('data-format') || a.className || a.tagName;
      }));
    }
    assert.deepEqual(order, ['logits', 'target', 'gamma', 'alpha', 'flc-calculate', 'flc-reset', 'text', 'markdown',
      'csv', 'flc-classes']);
    // edit γ with the keyboard alone
    await root.locator('input[name="gamma"]').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0.5');
    await page.keyboard.press('Enter');
    assert.match(await parts(root).status.textContent(), /^Calculated: FL = /);
    assert.match(await parts(root).summary.textContent(), /γ = 0\.50\./);
    // Tab to Reset, press Enter; Tab to Copy results, press Space
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'flc-reset');
    await page.keyboard.press('Enter');
    assert.equal(await root.locator('input[name="gamma"]').inputValue(), '2');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => window.__copied.length === 1);
    assert.equal(await page.evaluate(() => window.__copied[0]), worked('HARD').text);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-format')), 'text', 'focus stays');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the markup the script renders is the markup the Java library wrote for the same values', async () => {
  const { context, page, root, errors } = await open();
  try {
    for (const kind of ['HARD', 'EASY']) {
      const c = worked(kind);
      await parts(root).logits.fill(c.fields.logits);
      const same = await page.evaluate((java) => {
        const norm = (html) => { const t = document.createElement('template'); t.innerHTML = html; return t.innerHTML; };
        const r = document.querySelector('.flc');
        return {
          steps: r.querySelector('.flc-steps-box').innerHTML === norm(java.stepsHtml),
          classes: r.querySelector('.flc-classes').innerHTML === norm(java.classesHtml),
          svg: r.querySelector('.flc-chart-box').innerHTML === norm(java.svg),
        };
      }, c);
      assert.deepEqual(same, { steps: true, classes: true, svg: true }, kind);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the page agrees with the Java library on every displayed value: worked examples and random cases', { timeout: 600_000 }, async () => {
  const { context, page, root, errors } = await open();
  try {
    const cases = samples.cases;
    assert.ok(cases.filter((c) => c.kind === 'random').length >= 300, 'a few hundred random cases');
    const classes = cases.map((c) => c.probabilities.length);
    assert.equal(Math.min(...classes), 2);
    assert.equal(Math.max(...classes), 1000);
    let largest = { rel: 0, where: '' };
    let compared = 0;
    let values = 0;
    let identical = 0;
    for (const c of cases) {
      const shown = await page.evaluate((fields) => {
        const r = document.querySelector('.flc');
        for (const [name, v] of Object.entries(fields)) {
          const input = r.querySelector(`input[name="${name}"]`);
          input.value = v;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
        const api = r.focalCalculator;
        return {
          errors: api.errors(),
          steps: Array.from(r.querySelectorAll('.flc-steps td.flc-num'), (td) => td.textContent),
          probabilities: Array.from(r.querySelectorAll('.flc-classes-table tbody tr'), (tr) => tr.lastChild.textContent),
          summary: r.querySelector('.flc-summary').textContent,
          text: api.text(), markdown: api.markdown(), csv: api.csv(),
        };
      }, c.fields);
      const where = `${c.kind} case ${compared} (${c.probabilities.length} classes, γ = ${c.fields.gamma}, α = ${c.fields.alpha})`;
      assert.deepEqual(shown.errors, {}, where);
      assert.deepEqual(shown.steps, c.steps, `step table of ${where}`);
      assert.deepEqual(shown.probabilities, c.probabilities, `probabilities of ${where}`);
      assert.equal(shown.summary, c.summary, `FL and headline of ${where}`);
      assert.equal(shown.text, c.text, `text of ${where}`);
      assert.equal(shown.markdown, c.markdown, `Markdown of ${where}`);
      // full precision: every CSV number, compared as numbers, and how many CSVs are the same bytes
      const d = compareCsv(shown.csv, c.csv, where);
      values += c.csv.split('\n').length - 2;
      identical += shown.csv === c.csv ? 1 : 0;
      if (d.rel > largest.rel) {
        largest = d;
      }
      compared++;
    }
    const note = `${navigatorVersion(await page.evaluate(() => navigator.userAgent))}: compared ${compared} cases ` +
      `(${cases.filter((c) => c.kind === 'random').length} random); every displayed value, the text and the Markdown ` +
      `identical in all; CSV byte-identical in ${identical}; over ${values} full-precision CSV values the largest ` +
      `relative difference is ${largest.rel}${largest.where ? ` (${largest.where})` : ''}`;
    console.log(note);
    fs.writeFileSync(path.join(ARTIFACTS, 'calculator-agreement.txt'), note + '\n');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

function navigatorVersion(ua) {
  const m = /(HeadlessChrome|Chrome|Firefox)\/([\d.]+)/.exec(ua);
  return m ? `${m[1]} ${m[2]}` : ua;
}

test('logits of ±1e4 and 1,000 classes stay finite and fast', async () => {
  const { context, page, root, errors } = await open();
  try {
    const z = Array.from({ length: 1000 }, (_, j) => (j % 2 ? '-10000' : '10000')).join(', ');
    const ms = await page.evaluate((text) => {
      const input = document.querySelector('.flc input[name="logits"]');
      const t0 = performance.now();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return performance.now() - t0;
    }, z);
    const p = parts(root);
    assert.equal(await p.target.inputValue(), '1');
    // p_t = e^-20000 / 500 underflows, CE = 20000 + log 500 does not
    assert.equal(await step(root, 'ce').textContent(), (20000 + Math.log(500)).toFixed(6));
    assert.equal(await step(root, 'pt').textContent(), '0');
    assert.equal(await root.locator('svg.flc-chart rect.flc-bar').count(), 1000);
    assert.ok(ms < 1000, `one update of 1,000 classes took ${ms.toFixed(0)} ms`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('with scripts off the page shows the static rendering of worked example 2', async () => {
  const { context, page, root, offline } = await open({ javaScriptEnabled: false, clipboard: 'none' });
  try {
    const img = root.locator('.fl-static img');
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
    assert.match(await img.getAttribute('alt'), /^Bar chart of the softmax probabilities of 3 classes; the true class 1 is marked/);
    assert.equal(await root.locator('input, button').count(), 0, 'no dead form');
    const text = await root.innerText();
    assert.match(text, /FL = 0\.562143\. Focal loss with γ = 2\.00\./);
    assert.match(text, /run the cell to edit the values/);
    assert.equal(await root.locator('.flc-steps tr[data-q="fl"] td.flc-num').textContent(), '0.562143');
    assert.deepEqual(offline(), []);
  } finally {
    await context.close();
  }
});

for (const scale of [1, 2]) {
  test(`screenshots at ${scale}×: live, with an error, and static`, async () => {
    for (const [name, js] of [['live', true], ['static', false]]) {
      const { context, page, root } = await open({ deviceScaleFactor: scale, javaScriptEnabled: js, clipboard: js ? 'intercept' : 'none' });
      try {
        await root.screenshot({ path: path.join(ARTIFACTS, `calculator-${name}-${scale}x.png`) });
        if (js) {
          await parts(root).logits.fill('1.5, abc, 0.2');
          await parts(root).gamma.fill('-1');
          await root.screenshot({ path: path.join(ARTIFACTS, `calculator-error-${scale}x.png`) });
        }
        assert.ok(fs.statSync(path.join(ARTIFACTS, `calculator-${name}-${scale}x.png`)).size > 10_000);
      } finally {
        await context.close();
      }
    }
  });
}

const NOTEBOOK_HTML = path.join(ROOT, 'target', 'notebooks', 'html', '02-softmax-focal-loss-calculator.html');

test('notebook 02 exported by nbconvert: the calculator works where scripts run and is a picture where they do not',
  { skip: !fs.existsSync(NOTEBOOK_HTML) && 'no HTML export of notebook 02 (scripts/test writes it)' }, async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1100, height: 1000 } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      try {
        await page.goto(pathToFileURL(NOTEBOOK_HTML).href, { waitUntil: 'load' });
        const root = page.locator('.flc').first();
        if (javaScriptEnabled) {
          await root.locator('input[name="logits"]').fill('-1.0, 3.0, -0.5');
          assert.equal(await step(root, 'fl').textContent(), '2.5354e-05');
        } else {
          const img = root.locator('.fl-static img');
          await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
          assert.equal(await root.locator('input').count(), 0);
          assert.match(await root.innerText(), /FL = 0\.562143\./);
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
