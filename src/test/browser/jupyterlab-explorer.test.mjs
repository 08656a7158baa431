// The explorer of notebook 01 in a real JupyterLab (our own server on a copy of the notebooks, lab.mjs), as a
// Binder reader meets it: opened fresh it is untrusted, so JupyterLab shows its text/html through the
// sanitiser and runs no script; after Run All it is trusted and interactive. At 1280 × 900, device scale
// factors 1 and 2; screenshots go to target/browser/jupyterlab-explorer-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launchBrowser, startLab, openNotebook, runAll, screenshot } from './lab.mjs';

const NOTEBOOK = '01-focal-loss-vs-cross-entropy.ipynb';
let browser;
let lab;

before(async () => {
  browser = await launchBrowser();
  lab = await startLab();
});

after(async () => {
  await lab?.stop();
  await browser?.close();
});

/** Text of the explorer outputs that would show up if sanitised SVG left its labels behind. */
const AXIS_TEXT = /hard ← → easy|0\.20\.40\.6|\(1−p_t\)\^γ|CE \(cross-entropy\)/;

for (const scale of [1, 2]) {
  test(`untrusted first view at ${scale}×: each explorer output shows its picture, not a run of axis labels`,
    { timeout: 180_000 }, async () => {
      const { context, page, errors, external } = await openNotebook(browser, lab, NOTEBOOK,
        { deviceScaleFactor: scale, waitForKernel: false });
      try {
        const explorerOutputs = '.jp-OutputArea-output:has(.fle)';
        const outputs = page.locator(explorerOutputs);
        await outputs.first().waitFor({ state: 'attached', timeout: 60_000 });
        // JupyterLab renders the outputs one after another: wait for the second explorer too (the count
        // taken right after the first appeared was once 1 on a loaded machine), then assert on what is there.
        await page.waitForFunction((sel) => document.querySelectorAll(sel).length >= 2, explorerOutputs,
          { timeout: 60_000 }).catch(() => {});
        const count = await outputs.count();
        assert.ok(count >= 2, `notebook 01 shows two explorers, found ${count}`);
        for (let i = 0; i < count; i++) {
          const out = outputs.nth(i);
          await out.scrollIntoViewIfNeeded();
          const img = out.locator('.fl-static img');
          assert.equal(await img.count(), 1, 'one static picture');
          await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(),
            { timeout: 20_000 });
          const [w, h, shownW, shownH] = await img.evaluate((el) => [el.naturalWidth, el.naturalHeight,
            el.getBoundingClientRect().width, el.getBoundingClientRect().height]);
          assert.ok(w >= 600 && h >= 300, `the picture has its natural size: ${w} × ${h}`);
          assert.ok(shownW >= 600 && shownH >= 300, `and is shown at it: ${shownW} × ${shownH}`);
          assert.match(await img.getAttribute('alt'), /^Focal loss against p_t at γ = \d\.\d\d: the focal loss/);
          assert.equal(await out.locator('script, style, svg, input').count(), 0, 'the sanitiser kept no live markup');
          const text = await out.innerText();
          assert.match(text, /Focal loss with γ = \d\.\d\d\. At p_t = 0\.9 the modulating factor is/, 'the headline');
          assert.match(text, /run the cell to move γ with the slider/);
          assert.doesNotMatch(text, AXIS_TEXT, 'no axis labels as text');
          assert.ok(text.length < 400, `only the headline and the note as text (${text.length} characters)`);
          await screenshot(page, `jupyterlab-explorer-untrusted-${i + 1}-${scale}x.png`, out);
        }
        assert.equal(await page.getByText('Cannot display an untrusted SVG').count(), 0);
        await outputs.first().scrollIntoViewIfNeeded();
        const file = await screenshot(page, `jupyterlab-explorer-untrusted-page-${scale}x.png`);
        assert.ok(fs.statSync(file).size > 20_000);
        assert.deepEqual(external, [], 'no request beyond the Jupyter server');
        assert.deepEqual(errors.filter((e) => /fle|FocalLossExplorer|explorer/i.test(e)), [], 'no explorer error');
      } finally {
        await context.close();
      }
    });
}

/** The chromium range input: Page Up/Down move by max(step, a tenth of the range). */
function expected(key, value, { min, max, step }) {
  const big = Math.max(step, (max - min) / 10);
  const move = { ArrowRight: step, ArrowUp: step, ArrowLeft: -step, ArrowDown: -step, PageUp: big, PageDown: -big }[key];
  if (key === 'Home') {
    return min;
  }
  if (key === 'End') {
    return max;
  }
  return Math.min(max, Math.max(min, Math.round((value + move) / step) * step));
}

for (const scale of [1, 2]) {
  test(`after Run All at ${scale}×: every promised key moves γ, the focus stays on the slider, the headline follows`,
    { timeout: 300_000 }, async () => {
      const { context, page, errors, external } = await openNotebook(browser, lab, NOTEBOOK,
        { deviceScaleFactor: scale });
      try {
        await runAll(page, '.fle[data-mounted="true"]');
        assert.ok(await page.locator('.fle[data-mounted="true"]').count() >= 1);
        const root = page.locator('.fle[data-mounted="true"]').first();
        await root.scrollIntoViewIfNeeded();
        assert.equal(await root.locator('.fl-static').count(), 0, 'the static picture was replaced');
        assert.equal(await root.locator('.fle-sub').count(), 1, 'the modulator subplot is present');
        const slider = root.locator('input[type=range]');
        const headline = root.locator('[aria-live="polite"]');
        const fl = root.locator('path.fle-fl');
        const range = await slider.evaluate((el) => ({ min: +el.min, max: +el.max, step: +el.step }));
        const activeCell = () => page.evaluate(() =>
          Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell')).findIndex((c) => c.classList.contains('jp-mod-active')));
        await slider.focus();
        const cell = await activeCell();
        // from γ = 2: up and down by a step with each arrow, a page each way, then both ends
        for (const key of ['ArrowRight', 'ArrowUp', 'ArrowLeft', 'ArrowDown', 'PageUp', 'PageDown', 'End', 'Home']) {
          const before = Number(await slider.inputValue());
          const pathBefore = await fl.getAttribute('d');
          await page.keyboard.press(key);
          const want = expected(key, before, range);
          const label = `γ = ${want.toFixed(2)}`;
          await page.waitForFunction(([el, t]) => el.textContent.startsWith(`Focal loss with ${t}.`),
            [await headline.elementHandle(), label], { timeout: 5_000 })
            .catch(() => { throw new Error(`${key}: the headline does not say ${label}: ${before} → slider ${want}`); });
          assert.ok(Math.abs(Number(await slider.inputValue()) - want) < 1e-9, `${key} moves γ from ${before} to ${want}`);
          assert.equal(await slider.evaluate((el) => el === document.activeElement), true, `${key} keeps the focus on the slider`);
          assert.equal(await activeCell(), cell, `${key} leaves the notebook's cell selection alone`);
          assert.equal(await slider.getAttribute('aria-valuetext'), label);
          await page.waitForFunction(([el, d]) => el.getAttribute('d') !== d, [await fl.elementHandle(), pathBefore]);
        }
        await slider.evaluate((el) => { el.value = '3'; el.dispatchEvent(new Event('input', { bubbles: true })); });
        await screenshot(page, `jupyterlab-explorer-run-${scale}x.png`, root);

        // a mouse drag along the track still moves γ
        const box = await slider.boundingBox();
        const y = box.y + box.height / 2;
        await page.mouse.move(box.x + box.width * 0.6, y);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.3, y, { steps: 8 });
        await page.mouse.move(box.x + box.width * 0.2, y, { steps: 4 });
        await page.mouse.up();
        const dragged = Number(await slider.inputValue());
        assert.ok(dragged > 0.5 && dragged < 1.5, `dragging to 20 % of the track sets γ ≈ 1: ${dragged}`);
        assert.match(await headline.textContent(), new RegExp(`^Focal loss with γ = ${dragged.toFixed(2)}\\.`));
        assert.deepEqual(external, [], 'no request beyond the Jupyter server');
        assert.deepEqual(errors.filter((e) => /fle|FocalLossExplorer|explorer/i.test(e)), [], 'no explorer error');
      } finally {
        await context.close();
      }
    });
}
