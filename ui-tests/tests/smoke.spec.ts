import { expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

import { readText, runPython } from './files';

/**
 * The smoke test of the servers Galata does not drive (FRESH_UI=oldest: JupyterLab 4.2 with the
 * wheel pip-installed, whose page lacks ARIA names Galata 5.6 looks for; FRESH_UI=notebook:
 * Notebook 7), in plain Playwright with a real ipykernel, on the demo notebook: badges on open
 * and after an edit, the Fresh panel in the right sidebar from the View menu, Bring up to date
 * from the Run menu, export from the toolbar.
 */

/** Where the server opens a notebook by its path. */
const OPEN = process.env.FRESH_UI === 'notebook' ? 'notebooks' : 'lab/tree';

/** The demo's code cells (markdown cells have no badge). */
const CELL = '.jp-Notebook .jp-CodeCell';

const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'demo.ipynb');
const CELLS = 7;
const DATA = 1;
const CLEAN = 2;
const ROI = 6;

/**
 * The flags on each cell's badge ('' without one), read in one round trip: a read per cell
 * takes longer than a poll's interval on a loaded machine.
 */
function flags(page: Page): Promise<string[]> {
  return page
    .locator(CELL)
    .evaluateAll(cells =>
      cells.map(
        cell =>
          cell
            .querySelector('.jp-Fresh-badge')
            ?.getAttribute('data-fresh-flags') ?? ''
      )
    );
}

/** Bring up to date from the Run menu; waits until every badge is gone. */
async function bringUpToDate(page: Page): Promise<void> {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
  await page
    .locator('.lm-Menu-itemLabel', { hasText: /^Bring Notebook up to Date/ })
    .click();
  await expect
    .poll(() => flags(page), { timeout: 90000 })
    .toEqual(Array(CELLS).fill(''));
}

/** Types `text` at the start of cell i. */
async function typeAtStart(page: Page, i: number, text: string): Promise<void> {
  await page.locator(CELL).nth(i).locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(text);
}

test('the demo: badges, the Fresh panel, Bring up to date from the Run menu, export', async ({
  page
}) => {
  const name = `fresh-smoke-${Date.now()}.ipynb`;
  const created = await page.request.put(`/api/contents/${name}`, {
    data: {
      type: 'notebook',
      format: 'json',
      content: JSON.parse(fs.readFileSync(DEMO, 'utf8'))
    }
  });
  expect(created.ok()).toBe(true);

  const errors: string[] = [];
  page.on('console', message => {
    const text = message.text();
    // Webpack's share scope warns when a version this extension asks for is not in the page:
    // the ranges in package.json must admit the oldest JupyterLab it supports.
    if (
      (message.type() === 'error' && /fresh/i.test(text)) ||
      /Unsatisfied version|No satisfying version/.test(text)
    ) {
      errors.push(text);
    }
  });
  await page.goto(`/${OPEN}/${name}`);
  await page.locator(CELL).first().waitFor();
  // A new kernel, and the demo's story from its saved history: a deleted definition, a cell
  // run before the one above it that it reads, an edit after the run, and their readers. No
  // cell says "not run": each last ran on what Run All gives it, in a kernel that is gone.
  await expect
    .poll(() => flags(page), { timeout: 30000 })
    .toEqual([
      '',
      '',
      'deleted-code',
      'stale out-of-order',
      '',
      'stale edited',
      'stale'
    ]);

  // The demo reads `hot`, whose cell was deleted, and `features` above the cell that sets it:
  // Run All, which Bring up to date matches, would stop there. Set both above their readers.
  await typeAtStart(
    page,
    CLEAN,
    'hot = 25\nfeatures = ["temperature", "ads"]\n'
  );
  await bringUpToDate(page);
  await expect(
    page.locator(CELL).nth(ROI).locator('.jp-OutputArea-output')
  ).toContainText('Every 100 spent on ads brings');

  // An edit upstream: the edited cell says so, and its readers are stale.
  await typeAtStart(page, DATA, 'rng = np.random.default_rng(8)\n');
  await expect
    .poll(() => flags(page), { timeout: 30000 })
    .toEqual(['', 'edited', 'stale', 'stale', '', 'stale', 'stale']);

  // The panel, in the right sidebar, from the View menu.
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^View$/ }).click();
  await page
    .locator('.lm-Menu-itemLabel', { hasText: 'Open the Fresh Panel' })
    .click();
  const panel = page.locator('#jp-Fresh-panel');
  await expect(panel).toBeVisible();
  await expect(page.locator('#jp-right-stack #jp-Fresh-panel')).toBeVisible();
  await expect(
    panel.locator('[data-fresh-group="stale"] li.jp-Fresh-problem')
  ).toHaveCount(4);

  await bringUpToDate(page);

  // Export from the notebook toolbar: the file is saved next to the notebook and runs.
  await page
    .locator(
      '.jp-NotebookPanel-toolbar [data-command="jupyterlab-fresh:export-script"]'
    )
    .click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('.jp-Fresh-exportPreview')).toContainText(
    'hot = 25'
  );
  await dialog.locator('.jp-Dialog-footer button', { hasText: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  const script = name.replace(/\.ipynb$/, '.py');
  await expect.poll(() => readText(page, script)).toContain('default_rng(8)');
  expect(runPython((await readText(page, script)) as string, script)).toContain(
    'Every 100 spent on ads brings'
  );
  expect(errors).toEqual([]);
});
