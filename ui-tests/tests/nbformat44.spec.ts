import { expect, JupyterLabPage, test } from '@jupyterlab/galata';

import { allBadgeFlags } from './cells';
import { executeCommand } from './commands';
import { notebookJSON } from './notebooks';

/**
 * A notebook of nbformat 4.4 (no cell ids, as most notebooks in the wild), run, saved and
 * reloaded against the same kernel: the history Fresh saved must still name its cells.
 */

// As in live.spec.ts: Galata's kernel mock breaks what a real kernel session needs.
test.use({ kernels: null });

const SOURCES = ['x = 1', 'y = x + 1', 'print(y)'];

/** `notebookJSON` written as nbformat 4.4: no ids. */
function nbformat44(sources: string[]): string {
  const notebook = JSON.parse(notebookJSON(sources));
  notebook.nbformat_minor = 4;
  for (const cell of notebook.cells) {
    delete cell.id;
  }
  return JSON.stringify(notebook);
}

test('an nbformat 4.4 notebook keeps its flags over a save and a reload with the same kernel', async ({
  page,
  tmpPath
}) => {
  const path = `${tmpPath}/old.ipynb`;
  await page.contents.uploadContent(nbformat44(SOURCES), 'text', path);
  await page.notebook.openByPath(path);
  await page.notebook.activate('old.ipynb');
  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
  await executeCommand(page, 'jupyterlab-fresh:open-panel');

  await page.notebook.run();
  await page.notebook.setCell(0, 'code', 'x = 10');
  await page.notebook.runCell(0);
  const before = await allBadgeFlags(page, SOURCES.length);
  expect(before).toEqual(['', 'stale', 'stale']);
  await page.notebook.save();

  const saved = await page.evaluate(async file => {
    const model = await window.jupyterapp.serviceManager.contents.get(file);
    return model.content as {
      nbformat_minor: number;
      cells: { id?: string }[];
    };
  }, path);
  expect(saved.nbformat_minor).toBe(5);
  expect(saved.cells.every(cell => typeof cell.id === 'string')).toBe(true);

  // Reload without Galata's wait for the Launcher: the workspace brings the notebook back.
  await (page as unknown as JupyterLabPage).reload({ waitForIsReady: false });
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  await page.notebook.activate('old.ipynb');
  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
  await executeCommand(page, 'jupyterlab-fresh:open-panel');

  await expect.poll(() => allBadgeFlags(page, SOURCES.length)).toEqual(before);
  await expect(
    page.locator('#jp-Fresh-panel .jp-Fresh-problems')
  ).toBeVisible();
  await expect(
    page.locator('#jp-Fresh-panel [data-fresh-notice="metadata"]')
  ).toHaveCount(0);
});
