// Shared helpers for the browser tests: Debian's Chromium through playwright-core (nothing downloads a
// browser), a JupyterLab of our own on a copy of the notebooks, opening a notebook and Run All in the real UI.
//
//   import { launchBrowser, startLab, openNotebook, runAll } from './lab.mjs';
//   const browser = await launchBrowser();
//   const lab = await startLab();                     // or reuses JUPYTERLAB_URL if that is set
//   const { page } = await openNotebook(browser, lab, '01-focal-loss-vs-cross-entropy.ipynb', { deviceScaleFactor: 2 });
//   await runAll(page);
//   ...
//   await lab.stop();
//
// Environment:
//   CHROMIUM        the browser binary (default /usr/bin/chromium)
//   JUPYTER         the jupyter command (default: .venv/bin/jupyter if there is one, else `jupyter` on PATH)
//   JUPYTERLAB_URL  an already running JupyterLab whose root holds the notebooks: startLab() uses it
//   ARTIFACTS       where screenshots go (default target/browser)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** The repository root (this file is src/test/browser/lab.mjs). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Where tests write screenshots and logs. */
export const ARTIFACTS = path.resolve(process.env.ARTIFACTS || path.join(ROOT, 'target', 'browser'));

/** The headless Chromium every browser test uses. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps'],
  });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, child, log, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`JupyterLab exited with status ${child.exitCode}; see ${log}`);
    }
    try {
      const r = await fetch(new URL('api', url), { signal: AbortSignal.timeout(2000) });
      if (r.ok) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`JupyterLab did not answer at ${url} within ${timeoutMs / 1000} s; see ${log}`);
}

/**
 * A JupyterLab serving a fresh copy of notebooks/*.ipynb (so autosave never touches notebooks/), with
 * ../target beside it for the notebooks' `%classpath ../target/focal-loss.jar`. Returns { url, dir, stop }.
 * If JUPYTERLAB_URL is set, that server is used instead and stop() does nothing.
 */
export async function startLab({ timeoutMs = 90_000 } = {}) {
  if (process.env.JUPYTERLAB_URL) {
    const url = new URL(process.env.JUPYTERLAB_URL).href;
    await waitForServer(url, null, 'the server at JUPYTERLAB_URL', timeoutMs);
    return { url, dir: null, stop: async () => {} };
  }
  // one directory per test process (lab-<pid>, with jupyterlab.log); those of finished processes go
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const old of fs.readdirSync(ARTIFACTS).filter((n) => /^lab-\d+$/.test(n))) {
    const pid = Number(old.slice(4));
    let alive = pid !== process.pid;
    try { process.kill(pid, 0); } catch { alive = false; }
    if (!alive) {
      fs.rmSync(path.join(ARTIFACTS, old), { recursive: true, force: true });
    }
  }
  const dir = path.join(ARTIFACTS, `lab-${process.pid}`);
  fs.mkdirSync(path.join(dir, 'notebooks'), { recursive: true });
  for (const f of fs.readdirSync(path.join(ROOT, 'notebooks')).filter((n) => n.endsWith('.ipynb'))) {
    fs.copyFileSync(path.join(ROOT, 'notebooks', f), path.join(dir, 'notebooks', f));
  }
  fs.symlinkSync(path.join(ROOT, 'target'), path.join(dir, 'target'));
  // Settings of our own: never the user's, and no "Would you like to get notified about Jupyter news?" toast
  // over the outputs (nor a request for the news feed).
  const settings = path.join(dir, 'user-settings', '@jupyterlab', 'apputils-extension');
  fs.mkdirSync(settings, { recursive: true });
  fs.writeFileSync(path.join(settings, 'notification.jupyterlab-settings'),
    JSON.stringify({ fetchNews: 'false', checkForUpdates: false }));
  const port = await freePort();
  const log = path.join(dir, 'jupyterlab.log');
  const out = fs.openSync(log, 'w');
  const args = ['lab', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--IdentityProvider.token=',
    '--ServerApp.password=', `--notebook-dir=${path.join(dir, 'notebooks')}`,
    // a fresh workspace each time: no layout or open tabs carried over from another run
    `--LabApp.workspaces_dir=${path.join(dir, 'workspaces')}`, `--LabApp.user_settings_dir=${path.join(dir, 'user-settings')}`];
  if (process.getuid && process.getuid() === 0) {
    args.push('--allow-root');
  }
  const venvJupyter = path.join(ROOT, '.venv', 'bin', 'jupyter');
  const jupyter = process.env.JUPYTER || (fs.existsSync(venvJupyter) ? venvJupyter : 'jupyter');
  const child = spawn(jupyter, args, { stdio: ['ignore', out, out] });
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForServer(url, child, log, timeoutMs);
  } catch (e) {
    child.kill('SIGTERM');
    throw e;
  }
  return {
    url,
    dir,
    log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) {
          child.kill('SIGKILL');
        }
      }
      fs.closeSync(out);
    },
  };
}

/**
 * Opens a notebook in JupyterLab in a new browser context, as a reader does: fresh from disk, so an
 * executed-but-not-run notebook is untrusted. Waits until the notebook is shown and (unless
 * waitForKernel is false) its Java kernel is connected. Returns { context, page, errors, external }:
 * console errors and requests to any host other than the Jupyter server.
 */
export async function openNotebook(browser, lab, name, {
  viewport = { width: 1280, height: 900 }, deviceScaleFactor = 1, reducedMotion = 'no-preference',
  waitForKernel = true,
} = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, reducedMotion });
  const page = await context.newPage();
  const errors = [];
  const external = [];
  const base = new URL(lab.url);
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.host !== base.host) {
      external.push(r.url());
    }
  });
  await page.goto(new URL(`lab/tree/${name}`, base).href);
  await page.waitForSelector('.jp-Notebook .jp-Cell', { timeout: 60_000 });
  if (waitForKernel) {
    await kernelReady(page);
  }
  return { context, page, errors, external };
}

/**
 * Waits until the status bar names the connected Java kernel. Run All while the session still reads
 * "No Kernel | Initializing" only clears the cells (JupyterLab's rule for a missing kernel). JJava 1.0a8 alone
 * reports "Unknown" rather than "Idle" until the first cell runs (binder/kernel/JJavaFast.java now answers
 * history_request, whose status message is the one JupyterLab takes its first "Idle" from); both are accepted
 * here, kernel-status.test.mjs checks Idle.
 */
export async function kernelReady(page, timeoutMs = 120_000) {
  await page.locator('#jp-main-statusbar').getByText(/Java \(jjava\) \| (Idle|Unknown)/)
    .waitFor({ timeout: timeoutMs });
}

/**
 * Run > Run All Cells from the menu bar, then waits until `selector` (something the last outputs render)
 * is attached. JupyterLab 4 skips rendering cells scrolled out of view (content-visibility), so callers
 * scroll what they use into view. On a timeout, saves a screenshot of the page next to the other artifacts.
 */
export async function runAll(page, selector, timeoutMs = 180_000) {
  await page.getByRole('menuitem', { name: 'Run', exact: true }).click();
  await page.getByText('Run All Cells', { exact: true }).click();
  if (selector) {
    await page.waitForSelector(selector, { state: 'attached', timeout: timeoutMs }).catch(async (e) => {
      await screenshot(page, 'run-all-failure.png');
      throw e;
    });
  }
}

/** Saves a screenshot of the page (or of `locator`) under ARTIFACTS; returns the path. */
export async function screenshot(page, name, locator) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await (locator || page).screenshot({ path: file });
  return file;
}

/**
 * The explorer's documented keys on its focused slider: ArrowRight moves γ from 2.00 to 2.05, End to 5.00, and
 * the headline follows each; at γ = 5 and p_t = 0.9 the factor is (1 − 0.9)^5 = 1e-5 (worked by hand). The same
 * presses for the standalone page, notebook exports and the course site.
 */
export async function pressArrowRightAndEnd(page, slider, headline) {
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((el) => el.textContent.includes('γ = 2.05'), await headline.elementHandle());
  await page.keyboard.press('End');
  await page.waitForFunction((el) => el.textContent.includes('γ = 5.00'), await headline.elementHandle());
  assert.match(await headline.textContent(), /^Focal loss with γ = 5\.00\. At p_t = 0\.9 the modulating factor is 1\.0e-05, suppressing the cross-entropy loss by 100,000×\.$/);
}
