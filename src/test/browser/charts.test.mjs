// Charts and tables as a reader meets them: the committed notebooks opened fresh (untrusted, not run) in
// a real JupyterLab in headless Chromium, at 1280 × 900 with the file browser open, at deviceScaleFactor 2
// (and 1 for screenshots). Uses the shared helpers of lab.mjs (Debian's Chromium, a JupyterLab of our own).
//
// Checks that every chart image
//   * has at least twice as many pixels as it is displayed wide (sharp on a 2× screen),
//   * carries its description as alt text (the text/html <img> survived JupyterLab's sanitiser);
// and that every table
//   * fits its output area or scrolls inside its own box (the page never scrolls sideways),
//   * never wraps a number (no "2.6340e-" / "04").
// Screenshots of a chart at 1× and 2×, of notebook 01 and of notebook 03's widest table go to ARTIFACTS.
//
// Environment: those of lab.mjs, and
//   CHART_NOTEBOOKS notebooks to check, separated by ":" (default: the three of notebooks/)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startLab, screenshot } from './lab.mjs';

const NOTEBOOKS = process.env.CHART_NOTEBOOKS ? process.env.CHART_NOTEBOOKS.split(':') : [
  '01-focal-loss-vs-cross-entropy.ipynb',
  '02-softmax-focal-loss-calculator.ipynb',
  '03-easy-vs-hard-examples-and-alpha.ipynb',
];
let browser;
let lab;
let opened = 0;

before(async () => {
  browser = await launchBrowser();
  lab = await startLab();
});

after(async () => {
  await browser?.close();
  await lab?.stop();
});

/** How many chart outputs (image/png) and HTML tables the notebook holds, from the server. */
async function expected(name) {
  const res = await fetch(new URL(`api/contents/${encodeURIComponent(name)}?content=1`, lab.url));
  const nb = (await res.json()).content;
  let charts = 0;
  let tables = 0;
  for (const cell of nb.cells) {
    for (const o of cell.outputs || []) {
      if (o.data?.['image/png']) charts++;
      // tables a reader sees: not the strings of an inline script (the calculator form's builds its own)
      const html = [].concat(o.data?.['text/html'] || []).join('').replace(/<script[\s\S]*?<\/script>/g, '');
      tables += (html.match(/<table/g) || []).length;
    }
  }
  return { charts, tables };
}

/**
 * Opens a notebook (untrusted, not run) in a fresh workspace with the file browser showing; returns once all
 * its chart and table outputs are in the page. Everything is looked up in the visible notebook panel.
 */
async function openNotebook(name, deviceScaleFactor) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor });
  const page = await context.newPage();
  // a workspace of its own, so the tabs of the notebooks opened before are not restored (and loaded) too
  await page.goto(new URL(`lab/workspaces/charts-${++opened}/tree/${name}`, lab.url).href);
  await page.waitForSelector('.jp-Notebook .jp-Cell', { timeout: 120_000 });
  const panel = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)');
  await panel.locator('.jp-OutputArea-output').first().waitFor({ state: 'attached', timeout: 90_000 });
  const browserPanel = page.locator('.jp-FileBrowser');
  if (!(await browserPanel.isVisible())) {
    await page.locator('.jp-SideBar [data-id="filebrowser"]').click();
  }
  await browserPanel.waitFor({ state: 'visible' });
  const want = await expected(name);
  await page.waitForFunction(([w, root]) => root.querySelectorAll('.jp-OutputArea-output img[src^="data:image/png"]').length >= w.charts
      && root.querySelectorAll('.jp-OutputArea-output table').length >= w.tables,
  [want, await panel.elementHandle()], { timeout: 60_000 });
  return { context, page, panel, want };
}

/** Scrolls an element into view (JupyterLab skips rendering cells far out of view) and waits for it. */
async function reveal(locator) {
  // the element has no box while its cell is skipped (content-visibility), so scroll its cell first
  await locator.evaluate((el) => (el.closest('.jp-Cell') || el).scrollIntoView({ block: 'center' }));
  await locator.page().waitForFunction((el) => el.getBoundingClientRect().width > 0, await locator.elementHandle());
  await locator.evaluate((el) => el.scrollIntoView({ block: 'center' }));
}

for (const name of NOTEBOOKS) {
  test(`${name}: charts sharp at 2× with alt text; at 1280 px with the file browser open, tables fit and numbers never wrap`,
    { timeout: 180_000 }, async () => {
      const { context, page, panel, want } = await openNotebook(name, 2);
      try {
        const images = panel.locator('.jp-OutputArea-output img[src^="data:image/png"]');
        const count = await images.count();
        assert.ok(want.charts >= 1, 'the notebook has no chart output');
        assert.equal(count, want.charts, 'every chart output is an <img> in the page');
        for (let i = 0; i < count; i++) {
          const img = images.nth(i);
          await reveal(img);
          await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
          const m = await img.evaluate((el) => ({
            natural: el.naturalWidth,
            shown: el.getBoundingClientRect().width,
            alt: el.getAttribute('alt') || '',
            dpr: window.devicePixelRatio,
          }));
          assert.equal(m.dpr, 2);
          assert.ok(m.shown > 100, `image ${i} is displayed ${m.shown} px wide`);
          assert.ok(m.natural >= 2 * m.shown - 1,
            `image ${i}: ${m.natural} px for ${m.shown} CSS px is not sharp at 2×`);
          assert.match(m.alt, /^(Line|Bar) chart of .{40,}Legend: /, `image ${i} has no description as alt: "${m.alt}"`);
        }
        // nothing fell back to JupyterLab's image renderer, which leaves alt empty
        assert.equal(await panel.locator('.jp-RenderedImage img').count(), 0, 'a chart shown without alt text');
        if (name.startsWith('01')) {
          await reveal(images.first());
          await screenshot(page, 'charts-chart-2x.png', images.first());
          await screenshot(page, 'charts-notebook01-2x.png');
        }
        await checkTables(page, panel, name);
      } finally {
        await context.close();
      }
    });
}

/** Every table fits its output area or scrolls in its own box; no number wraps. */
async function checkTables(page, panel, name) {
        const tables = panel.locator('.jp-OutputArea-output table');
        const count = await tables.count();
        for (let i = 0; i < count; i++) {
          const table = tables.nth(i);
          await reveal(table);
          const m = await table.evaluate((el) => {
            const output = el.closest('.jp-OutputArea-output');
            const box = el.parentElement;
            const wrapped = [];
            for (const td of el.querySelectorAll('td')) {
              const text = td.textContent.trim();
              if (!/\d/.test(text) || /[A-Za-z]{3}/.test(text)) continue; // numbers, not sentences
              const range = document.createRange();
              range.selectNodeContents(td);
              const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
              if (tops.size > 1) wrapped.push(text);
            }
            return {
              outputOverflow: output.scrollWidth - output.clientWidth,
              boxScrolls: getComputedStyle(box).overflowX === 'auto',
              boxOverflow: box.scrollWidth - box.clientWidth,
              wrapped,
            };
          });
          assert.deepEqual(m.wrapped, [], `table ${i}: numbers wrap inside their cell`);
          assert.ok(m.boxScrolls, `table ${i}: the scroll box lost its overflow-x style (sanitiser?)`);
          assert.ok(m.outputOverflow <= 1, `table ${i} overflows its output area by ${m.outputOverflow} px`);
        }
        if (name.startsWith('03')) {
          await reveal(tables.nth(1));
          await screenshot(page, 'charts-tables-1280-2x.png');
        }
}

test('at 1×: the 2× chart image is sent too; screenshots of a chart and notebook 01', { timeout: 120_000 }, async () => {
  const { context, page, panel } = await openNotebook(NOTEBOOKS[0], 1);
  try {
    const img = panel.locator('.jp-OutputArea-output img[src^="data:image/png"]').first();
    await reveal(img);
    await screenshot(page, 'charts-chart-1x.png', img);
    await screenshot(page, 'charts-notebook01-1x.png');
    const m = await img.evaluate((el) => ({ natural: el.naturalWidth, shown: el.getBoundingClientRect().width }));
    assert.ok(m.natural >= 2 * m.shown - 1, 'the 2× image is also sent to 1× screens');
  } finally {
    await context.close();
  }
});
