// The calculator form of notebook 02 in a real JupyterLab (our own server on a copy of the notebooks, lab.mjs),
// as a Binder reader meets it: opened fresh it is untrusted, so JupyterLab shows its text/html through the
// sanitiser and runs no script (a static rendering of worked example 2); after Run All it is a working form
// whose keys stay in the form. At 1280 × 900, device scale factors 1 and 2; screenshots go to
// target/browser/jupyterlab-calculator-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startLab, openNotebook, runAll, screenshot } from './lab.mjs';

const NOTEBOOK = '02-softmax-focal-loss-calculator.ipynb';
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

for (const scale of [1, 2]) {
  test(`untrusted first view at ${scale}×: the calculator output is a static rendering of worked example 2`,
    { timeout: 180_000 }, async () => {
      const { context, page, errors, external } = await openNotebook(browser, lab, NOTEBOOK,
        { deviceScaleFactor: scale, waitForKernel: false });
      try {
        const outputs = page.locator('.jp-OutputArea-output:has(.flc)');
        await outputs.first().waitFor({ state: 'attached', timeout: 60_000 });
        assert.equal(await outputs.count(), 1, 'one calculator in notebook 02');
        const out = outputs.first();
        await out.scrollIntoViewIfNeeded();
        const img = out.locator('.fl-static img');
        assert.equal(await img.count(), 1, 'the chart as a picture');
        await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: 20_000 });
        const [w, h, shownW] = await img.evaluate((el) => [el.naturalWidth, el.naturalHeight, el.getBoundingClientRect().width]);
        assert.ok(w >= 600 && h >= 200 && shownW >= 600, `the picture at its size: ${w} × ${h} shown ${shownW} wide`);
        assert.match(await img.getAttribute('alt'), /^Bar chart of the softmax probabilities of 3 classes; the true class 1 is marked, p_t = 0\.073033\.$/);
        assert.equal(await out.locator('script, style, svg, input, button, form').count(), 0, 'no live markup, no dead form');
        const text = await out.innerText();
        assert.match(text, /FL = 0\.562143\. Focal loss with γ = 2\.00\. At p_t = 0\.073 the modulating factor is 0\.859/);
        assert.match(text, /A static rendering of logits 1\.5, -0\.8, 0\.2, true class 1, γ = 2, α = 0\.25: run the cell to edit the values\./);
        assert.match(text, /FL\s+α · \(1 − p_t\)\^γ · \(−log p_t\)\s+0\.562143/, 'the step-by-step table');
        assert.doesNotMatch(text, /\{|function|flc-/, 'no CSS or script as text');
        await screenshot(page, `jupyterlab-calculator-untrusted-${scale}x.png`, out);
        assert.deepEqual(external, [], 'no request beyond the Jupyter server');
        assert.deepEqual(errors.filter((e) => /flc|FocalLossCalculator|calculator/i.test(e)), [], 'no calculator error');
      } finally {
        await context.close();
      }
    });
}

for (const scale of [1, 2]) {
  test(`after Run All at ${scale}×: the form works and its keys stay in the form`, { timeout: 300_000 }, async () => {
    const { context, page, errors, external } = await openNotebook(browser, lab, NOTEBOOK, { deviceScaleFactor: scale });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(lab.url).origin });
      await runAll(page, '.flc[data-mounted="true"]');
      const root = page.locator('.flc[data-mounted="true"]').first();
      await root.scrollIntoViewIfNeeded();
      assert.equal(await root.locator('.fl-static').count(), 0, 'the static rendering was replaced');
      const field = (f) => root.locator(`input[name="${f}"]`);
      const fl = root.locator('.flc-steps tr[data-q="fl"] td.flc-num');
      const summary = root.locator('.flc-summary');
      const status = root.locator('.flc-status');
      assert.equal(await fl.textContent(), '0.562143');
      const state = () => page.evaluate(() => ({
        cells: document.querySelectorAll('.jp-Notebook .jp-Cell').length,
        active: Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell')).findIndex((c) => c.classList.contains('jp-mod-active')),
        editMode: !!document.querySelector('.jp-Notebook.jp-mod-editMode'),
        focus: document.activeElement && (document.activeElement.name || document.activeElement.className),
      }));

      // typing: worked example 1 in the logits field, key by key
      await field('logits').click();
      const start = await state();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('-1.0, 3.0, -0.5');
      assert.equal(await fl.textContent(), '2.5354e-05', 'worked example 1');
      // the keys JupyterLab's command mode binds (arrows, Home/End, a, b, d d, Enter) stay in the field
      for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'ArrowUp', 'ArrowDown']) {
        await page.keyboard.press(key);
        assert.deepEqual(await state(), { ...start, focus: 'logits' }, `${key} stays in the field`);
      }
      await page.keyboard.type(', abd');
      await page.keyboard.press('d');
      assert.equal(await field('logits').inputValue(), '-1.0, 3.0, -0.5, abdd', 'letters are typed, not shortcuts');
      assert.match(await root.locator(`#${await field('logits').getAttribute('id')}-msg`).textContent(),
        /^logit 4 = "abdd" is not a number \(expected e\.g\. 1\.5 or -0\.8\)$/);
      assert.equal(await field('logits').getAttribute('aria-invalid'), 'true');
      assert.deepEqual(await state(), { ...start, focus: 'logits' }, 'no cell was added or deleted');
      // γ by keyboard, Enter calculates
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      assert.equal((await state()).focus, 'gamma');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('3');
      await page.keyboard.press('Enter');
      assert.match(await status.textContent(), /^Not calculated: logit 4 = "abdd"/, 'the bad logit is still reported');
      // Tab to Reset and press Enter: the form resets, JupyterLab does not enter edit mode
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('Tab');
      }
      assert.equal((await state()).focus, 'flc-reset');
      await page.keyboard.press('Enter');
      assert.deepEqual(await Promise.all(['logits', 'target', 'gamma', 'alpha'].map((f) => field(f).inputValue())),
        ['1.5, -0.8, 0.2', '1', '2', '0.25']);
      assert.equal(await fl.textContent(), '0.562143');
      assert.deepEqual(await state(), { ...start, focus: 'flc-reset' }, 'Enter pressed the button, nothing else');
      // Tab to Copy results and press Space: the clipboard holds CalculatorResult.toText()
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await page.waitForFunction((el) => el.textContent.startsWith('Copied'), await status.elementHandle());
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.match(copied, /^Softmax focal loss: γ = 2, α = 0\.25, true class 1\n/);
      assert.match(copied, /FL = α·\(1 − p_t\)\^γ·CE +0\.562143\n/);
      assert.deepEqual(await state(), { ...start, focus: 'flc-copy' });
      assert.match(await summary.textContent(), /^FL = 0\.562143\. Focal loss with γ = 2\.00\./);
      await field('gamma').fill('3');
      await screenshot(page, `jupyterlab-calculator-run-${scale}x.png`, root);
      assert.deepEqual(external, [], 'no request beyond the Jupyter server');
      assert.deepEqual(errors.filter((e) => /flc|FocalLossCalculator|calculator/i.test(e)), [], 'no calculator error');
    } finally {
      await context.close();
    }
  });
}
