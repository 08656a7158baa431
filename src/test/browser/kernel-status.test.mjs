// Headless-Chromium test of the `java` kernel's status in a real JupyterLab: a reader who opens a notebook
// sees "Java (jjava) | Idle" once the kernel is up, before running anything (not "Unknown" until the first
// cell runs; binder/kernel/JJavaFast.java explains why JupyterLab 4.5 needed the kernel to answer
// history_request). Uses the shared JupyterLab helpers (lab.mjs): its own server on a copy of the notebooks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openNotebook, screenshot, startLab } from './lab.mjs';

let browser;
let lab;

before(async () => {
  lab = await startLab();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await lab?.stop();
});

test('JupyterLab: an opened notebook shows its Java kernel as Idle before any cell runs', { timeout: 180_000 },
  async () => {
    const { context, page } = await openNotebook(browser, lab, '03-easy-vs-hard-examples-and-alpha.ipynb',
      { waitForKernel: false });
    try {
      const status = page.locator('#jp-main-statusbar');
      await status.getByText(/Java \(jjava\) \| Idle/).waitFor({ timeout: 120_000 }).catch(async (e) => {
        const now = (await status.textContent()).match(/Java \(jjava\) \| \w+|No Kernel \| \w+/);
        throw new Error(`kernel status never became Idle (last: ${now && now[0]}): ${e.message}`);
      });
      const prompts = await page.locator('.jp-CodeCell .jp-InputPrompt').allTextContents();
      assert.ok(!prompts.some((p) => p.includes('*')), 'no cell was run to get there');
      await screenshot(page, 'kernel-status.png');
    } finally {
      await context.close();
    }
  });
