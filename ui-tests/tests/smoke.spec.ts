import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { allBadgeFlags } from './cells';
import { notebookJSON } from './notebooks';

/**
 * The smoke test of the servers Galata does not drive (FRESH_UI=oldest: JupyterLab 4.2, whose
 * page lacks ARIA names Galata 5.6 looks for; FRESH_UI=notebook: Notebook 7), in plain
 * Playwright with a real ipykernel: badges after runs and an edit, the Fresh panel in the right
 * sidebar from the View menu, Bring up to date from the Run menu, export from the toolbar.
 */

/** Where the server opens a notebook by its path. */
const OPEN = process.env.FRESH_UI === 'notebook' ? 'notebooks' : 'lab/tree';

const CELL = '.jp-Notebook .jp-Cell';

/** The commands of the page's application (exposed by the test server configuration). */
async function execute(page: Page, id: string): Promise<void> {
  await page.evaluate(async id => {
    const app = (
      window as unknown as {
        jupyterapp: { commands: { execute(id: string): Promise<unknown> } };
      }
    ).jupyterapp;
    await app.commands.execute(id);
  }, id);
}

async function readText(page: Page, file: string): Promise<string | null> {
  const response = await page.request.get(`/api/contents/${file}?content=1`);
  return response.ok() ? ((await response.json()).content as string) : null;
}

/** The Python of the server's environment (scripts/test.sh sets VIRTUAL_ENV). */
function python(): string {
  const venv = process.env.VIRTUAL_ENV;
  return venv ? path.join(venv, 'bin', 'python') : 'python3';
}

test('badges, the Fresh panel, Bring up to date from the Run menu, export', async ({
  page
}) => {
  const name = `fresh-smoke-${Date.now()}.ipynb`;
  const created = await page.request.put(`/api/contents/${name}`, {
    data: {
      type: 'notebook',
      format: 'json',
      content: JSON.parse(notebookJSON(['x = 1', 'y = x + 1', 'print(y)']))
    }
  });
  expect(created.ok()).toBe(true);

  const errors: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error' && /fresh/i.test(message.text())) {
      errors.push(message.text());
    }
  });
  await page.goto(`/${OPEN}/${name}`);
  await page.locator(CELL).first().waitFor();
  // Never run: every code cell has a badge.
  await expect
    .poll(() => allBadgeFlags(page, 3, CELL))
    .toEqual(['never-run', 'never-run', 'never-run']);

  // Cells run before the kernel is ready wait for it.
  await execute(page, 'notebook:run-all-cells');
  await expect
    .poll(() => allBadgeFlags(page, 3, CELL), { timeout: 60000 })
    .toEqual(['', '', '']);

  // An edit, then a run of the edited cell: its readers are stale.
  await page.locator(CELL).nth(0).locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('x = 10');
  await expect
    .poll(async () => (await allBadgeFlags(page, 3, CELL))[0])
    .toContain('edited');
  await page.keyboard.press('Shift+Enter');
  await expect
    .poll(() => allBadgeFlags(page, 3, CELL), { timeout: 60000 })
    .toEqual(['', 'stale', 'stale']);

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
  ).toHaveCount(2);

  // Bring up to date from the Run menu.
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
  await page
    .locator('.lm-Menu-itemLabel', { hasText: /^Bring Notebook up to Date/ })
    .click();
  await expect
    .poll(() => allBadgeFlags(page, 3, CELL), { timeout: 60000 })
    .toEqual(['', '', '']);
  await expect(
    page.locator(CELL).nth(2).locator('.jp-OutputArea-output')
  ).toHaveText('11');

  // Export from the notebook toolbar: the file is saved next to the notebook and runs.
  await page
    .locator(
      '.jp-NotebookPanel-toolbar [data-command="jupyterlab-fresh:export-script"]'
    )
    .click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('.jp-Fresh-exportPreview')).toContainText(
    'y = x + 1'
  );
  await dialog.locator('.jp-Dialog-footer button', { hasText: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  const script = name.replace(/\.ipynb$/, '.py');
  await expect.poll(() => readText(page, script)).toContain('print(y)');
  const file = test.info().outputPath(script);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, (await readText(page, script)) as string);
  expect(execFileSync(python(), [file], { encoding: 'utf8' })).toBe('11\n');
  expect(errors).toEqual([]);
});
