// Headless-Chromium tests of the focal-loss explorer, in the standalone page written by the CLI and in the
// HTML export of executed notebook 01 (nbconvert's, where scripts run; and the same file with scripts off, as
// GitHub's notebook view shows it). Uses Debian's /usr/bin/chromium through playwright-core (lab.mjs):
// nothing downloads a browser. The explorer inside JupyterLab: jupyterlab-explorer.test.mjs.
//
// Environment:
//   EXPLORER_PAGES    paths of the HTML files to open, separated by ':' (default: target/browser/explorer.html
//                     and target/notebooks/html/01-focal-loss-vs-cross-entropy.html)
//   EXPLORER_SAMPLES  the library's reference values (default focal-loss-notebook/target/explorer-samples.json, written by the Java tests)
//   CHROMIUM          the browser binary (default /usr/bin/chromium)
//   SCREENSHOT        if set, where to save a screenshot of the standalone page's explorer
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launchBrowser, pressArrowRightAndEnd } from './lab.mjs';

const NOTEBOOK_HTML = path.join(ROOT, 'target', 'notebooks', 'html', '01-focal-loss-vs-cross-entropy.html');
const pages = (process.env.EXPLORER_PAGES || [path.join(ROOT, 'target', 'browser', 'explorer.html'), NOTEBOOK_HTML]
  .join(':')).split(':').filter(Boolean);
const samplesFile = process.env.EXPLORER_SAMPLES || path.join(ROOT, 'focal-loss-notebook', 'target', 'explorer-samples.json');
let browser;

before(async () => {
  for (const p of pages) {
    assert.ok(fs.existsSync(p), `${p} is missing (scripts/test writes it)`);
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** Opens a page, recording every request and console error. */
async function open(file, reducedMotion = 'no-preference', javaScriptEnabled = true) {
  const context = await browser.newContext({ reducedMotion, javaScriptEnabled, viewport: { width: 900, height: 1000 } });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = pathToFileURL(path.resolve(file)).href;
  await page.goto(url, { waitUntil: 'load' });
  return { context, page, requests, errors, url };
}

/** The first mounted explorer's elements. */
function parts(page, index = 0) {
  const root = page.locator('.fle[data-mounted="true"]').nth(index);
  return {
    root,
    slider: root.locator('input[type=range]'),
    headline: root.locator('[aria-live="polite"]'),
    fl: root.locator('path.fle-fl'),
    mod: root.locator('path.fle-mod-curve'),
  };
}

for (const file of pages) {
  const name = path.basename(file);

  test(`${name}: the explorer mounts with an accessible figure and a live headline`, async () => {
    const { context, page, requests, errors, url } = await open(file);
    try {
      assert.ok(await page.locator('.fle[data-mounted="true"]').count() >= 1, 'no mounted explorer');
      const { root, slider, headline } = parts(page);
      const figure = root.locator('[role="figure"]');
      assert.equal(await figure.count(), 1);
      const described = await figure.getAttribute('aria-describedby');
      assert.equal(await headline.getAttribute('id'), described, 'aria-describedby points at the headline');
      assert.match(await headline.textContent(), /^Focal loss with γ = 2\.00\. At p_t = 0\.9 the modulating factor is 0\.010/);
      assert.equal(await slider.getAttribute('aria-valuetext'), 'γ = 2.00');
      const label = await root.locator(`label[for="${await slider.getAttribute('id')}"]`).count();
      assert.equal(label, 1, 'the slider has a label');
      assert.deepEqual(requests.filter((u) => u !== url && !u.startsWith('data:')), [], 'no network request');
      assert.deepEqual(errors, [], 'no console error');
    } finally {
      await context.close();
    }
  });

  test(`${name}: the keyboard moves γ and the curve reshapes`, async () => {
    const { context, page, requests, errors, url } = await open(file);
    try {
      const { slider, headline, fl, mod } = parts(page);
      assert.equal(await mod.count(), 1, 'the modulator subplot is present');
      const flBefore = await fl.getAttribute('d');
      const modBefore = await mod.getAttribute('d');
      await pressArrowRightAndEnd(page, slider, headline);
      await page.waitForFunction((el) => el.getAttribute('d') !== el.dataset.before,
        await fl.evaluateHandle((el, before) => { el.dataset.before = before; return el; }, flBefore));
      assert.notEqual(await fl.getAttribute('d'), flBefore, 'the curve path changed');
      assert.notEqual(await mod.getAttribute('d'), modBefore, 'the modulator path changed');
      await page.keyboard.press('Home');
      await page.waitForFunction((el) => el.textContent.includes('γ = 0.00'), await headline.elementHandle());
      assert.match(await headline.textContent(), /leaving the cross-entropy loss unchanged\.$/);
      await page.keyboard.press('PageUp');
      assert.ok(Number(await slider.inputValue()) > 0, 'Page Up moves the slider');
      assert.deepEqual(requests.filter((u) => u !== url && !u.startsWith('data:')), [], 'no network request');
      assert.deepEqual(errors, [], 'no console error');
    } finally {
      await context.close();
    }
  });

  test(`${name}: setting the value 5 and firing input updates headline and curve`, async () => {
    const { context, page, errors } = await open(file);
    try {
      const { slider, headline, fl } = parts(page);
      const before = await fl.getAttribute('d');
      await slider.evaluate((el) => { el.value = '5'; el.dispatchEvent(new Event('input', { bubbles: true })); });
      assert.match(await headline.textContent(), /γ = 5\.00/);
      // the animation ends on exactly the curve the library's path function gives for γ = 5
      const expected = await page.evaluate(() => {
        const root = document.querySelector('.fle[data-mounted="true"]');
        const svg = root.querySelector('.fle-chart');
        const box = { left: +svg.dataset.left, top: +svg.dataset.top, width: +svg.dataset.width, height: +svg.dataset.height };
        const lib = window.FocalLossExplorer;
        return lib.path((p) => lib.focalLoss(p, 5), box, +root.dataset.ceiling, +root.dataset.samples);
      });
      await page.waitForFunction(([el, d]) => el.getAttribute('d') === d, [await fl.elementHandle(), expected]);
      assert.notEqual(expected, before);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test(`${name}: with reduced motion the curve snaps at once`, async () => {
    const { context, page, errors } = await open(file, 'reduce');
    try {
      const snapped = await page.evaluate(() => {
        const root = document.querySelector('.fle[data-mounted="true"]');
        const svg = root.querySelector('.fle-chart');
        const box = { left: +svg.dataset.left, top: +svg.dataset.top, width: +svg.dataset.width, height: +svg.dataset.height };
        const lib = window.FocalLossExplorer;
        const slider = root.querySelector('input[type=range]');
        slider.value = '5';
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        // same task, no animation frame yet: the path must already be final
        return root.querySelector('path.fle-fl').getAttribute('d') ===
          lib.path((p) => lib.focalLoss(p, 5), box, +root.dataset.ceiling, +root.dataset.samples);
      });
      assert.equal(snapped, true);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test(`${name}: several explorers do not clash`, async () => {
    const { context, page, errors } = await open(file);
    try {
      const ids = await page.evaluate(() => Array.from(document.querySelectorAll('[id]'), (e) => e.id));
      assert.equal(new Set(ids).size, ids.length, 'ids are unique in the page');
      const count = await page.locator('.fle[data-mounted="true"]').count();
      if (count > 1) {
        const first = parts(page, 0);
        const second = parts(page, 1);
        const secondBefore = await second.headline.textContent();
        await first.slider.evaluate((el) => { el.value = '4'; el.dispatchEvent(new Event('input', { bubbles: true })); });
        assert.match(await first.headline.textContent(), /γ = 4\.00/);
        assert.equal(await second.headline.textContent(), secondBefore, 'the other explorer did not move');
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test(`${name}: the script computes the same numbers and headlines as the Java library`, async () => {
    assert.ok(samplesFile && fs.existsSync(samplesFile), `reference samples missing: ${samplesFile}`);
    const { samples } = JSON.parse(fs.readFileSync(samplesFile, 'utf8'));
    const { context, page } = await open(file);
    try {
      const js = await page.evaluate((grid) => grid.map((s) => ({
        ce: window.FocalLossExplorer.crossEntropy(s.pt),
        fl: window.FocalLossExplorer.focalLoss(s.pt, s.gamma),
        modulator: window.FocalLossExplorer.modulator(s.pt, s.gamma),
        headline: window.FocalLossExplorer.headline(s.gamma, s.pt),
      })), samples);
      const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
      samples.forEach((s, i) => {
        const where = `γ = ${s.gamma}, p_t = ${s.pt}`;
        assert.ok(close(js[i].ce, s.ce), `CE at ${where}: ${js[i].ce} vs ${s.ce}`);
        assert.ok(close(js[i].fl, s.fl), `FL at ${where}: ${js[i].fl} vs ${s.fl}`);
        assert.ok(close(js[i].modulator, s.modulator), `modulator at ${where}`);
        assert.equal(js[i].headline, s.headline, `headline at ${where}`);
      });
    } finally {
      await context.close();
    }
  });
}

test('controlled use: the slider asks, the host decides', async () => {
  const html = fs.readFileSync(pages[0], 'utf8').replace('data-controlled="false"', 'data-controlled="true"');
  const tmp = path.join(path.dirname(pages[0]), '.controlled-explorer.html');
  fs.writeFileSync(tmp, html);
  const { context, page, errors } = await open(tmp, 'reduce');
  try {
    const result = await page.evaluate(() => {
      const root = document.querySelector('.fle[data-mounted="true"]');
      const slider = root.querySelector('input[type=range]');
      const seen = [];
      root.addEventListener('gammachange', (e) => seen.push(e.detail.gamma));
      slider.value = '4';
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const afterInput = root.focalExplorer.getGamma();
      root.focalExplorer.setGamma(3);
      let rejected = '';
      try { root.focalExplorer.setGamma(-1); } catch (e) { rejected = e.message; }
      return { seen, afterInput, after: root.focalExplorer.getGamma(), slider: slider.value,
        headline: root.querySelector('[aria-live]').textContent, rejected };
    });
    assert.deepEqual(result.seen, [4]);
    assert.equal(result.afterInput, 2, 'controlled: input alone does not change γ');
    assert.equal(result.after, 3);
    assert.equal(result.slider, '3');
    assert.match(result.headline, /γ = 3\.00/);
    assert.match(result.rejected, /gamma = -1 is out of range \[0, 5\]/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    fs.rmSync(tmp, { force: true });
  }
});

for (const file of pages) {
  test(`${path.basename(file)} without scripts (GitHub's notebook view): the static picture and the headline`, async () => {
    const { context, page, requests, url } = await open(file, 'no-preference', false);
    try {
      const roots = page.locator('.fle');
      assert.ok(await roots.count() >= 1, 'no explorer in the page');
      for (let i = 0; i < await roots.count(); i++) {
        const root = roots.nth(i);
        assert.equal(await root.locator('.fl-live, svg, input').count(), 0, 'no live markup without the script');
        const img = root.locator('.fl-static > img');
        await img.scrollIntoViewIfNeeded();
        await page.waitForFunction((el) => el.complete, await img.elementHandle());
        const size = await img.evaluate((el) => [el.naturalWidth, el.naturalHeight, el.getBoundingClientRect().width]);
        assert.ok(size[0] >= 600 && size[1] >= 300 && size[2] >= 300, `the picture is drawn: ${size}`);
        assert.match(await img.getAttribute('alt'), /^Focal loss against p_t at γ = \d\.\d\d: the focal loss \(orange\)/);
        const text = await root.innerText();
        assert.match(text, /Focal loss with γ = \d\.\d\d\. At p_t = 0\.9 the modulating factor is/);
        assert.doesNotMatch(text, /hard ← → easy|0\.20\.40\.6|\(1−p_t\)\^γ/, 'axis labels only inside the picture');
      }
      assert.deepEqual(requests.filter((u) => u !== url && !u.startsWith('data:')), [], 'no network request');
    } finally {
      await context.close();
    }
  });
}

test('screenshot of the explorer', { skip: !process.env.SCREENSHOT }, async () => {
  const { context, page } = await open(pages[0], 'reduce');
  try {
    const { root, slider } = parts(page);
    await slider.evaluate((el) => { el.value = '3'; el.dispatchEvent(new Event('input', { bubbles: true })); });
    await root.screenshot({ path: process.env.SCREENSHOT });
    assert.ok(fs.statSync(process.env.SCREENSHOT).size > 10000);
  } finally {
    await context.close();
  }
});
