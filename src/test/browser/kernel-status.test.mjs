// Headless-Chromium test of the `java` kernel's status in a real JupyterLab: a reader who opens a notebook
// sees "Java (jjava) | Idle" once the kernel is up, before running anything (not "Unknown" until the first
// cell runs; binder/kernel/JJavaFast.java explains why JupyterLab 4.5 needed the kernel to answer
// history_request). Uses Debian's /usr/bin/chromium through playwright-core.
//
// Environment: JUPYTERLAB_URL (a running JupyterLab whose root holds the notebooks; the test is skipped
// without it), CHROMIUM (default /usr/bin/chromium), SCREENSHOT_DIR (where to save the status bar's picture).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';

test('JupyterLab: an opened notebook shows its Java kernel as Idle before any cell runs',
  { skip: !process.env.JUPYTERLAB_URL, timeout: 180_000 }, async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const base = new URL(process.env.JUPYTERLAB_URL);
      // notebook 03: notebook 01 is the explorer test's, so the two never share a session
      await page.goto(new URL('lab/tree/03-easy-vs-hard-examples-and-alpha.ipynb', base).href);
      await page.waitForSelector('.jp-Notebook', { timeout: 60_000 });
      const status = page.locator('#jp-main-statusbar');
      await status.getByText(/Java \(jjava\) \| Idle/).waitFor({ timeout: 120_000 }).catch(async (e) => {
        const now = (await status.textContent()).match(/Java \(jjava\) \| \w+|No Kernel \| \w+/);
        throw new Error(`kernel status never became Idle (last: ${now && now[0]}): ${e.message}`);
      });
      const cells = await page.locator('.jp-CodeCell .jp-InputPrompt').allTextContents();
      assert.ok(!cells.some((p) => p.includes('*')), 'no cell was run to get there');
      if (process.env.SCREENSHOT_DIR) {
        await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, 'kernel-status.png') });
      }
    } finally {
      await browser.close();
    }
  });
