import { expect, test } from '@jupyterlab/galata';
import { spawnSync } from 'child_process';
import * as path from 'path';

import { notebookJSON } from './notebooks';

/**
 * Run All, then delete the cell that defines what the cells below read: the clean script
 * would stop with NameError, so the export dialog lists that as blocking and Save asks first.
 */

const DIALOG = '.jp-Dialog';

function python(): string {
  const venv = process.env.VIRTUAL_ENV;
  return venv ? path.join(venv, 'bin', 'python') : 'python3';
}

test('export after deleting a definition: the NameError is listed with its line, and Save asks', async ({
  page,
  tmpPath
}) => {
  const notebookPath = `${tmpPath}/rows.ipynb`;
  await page.contents.uploadContent(
    notebookJSON(['rows = [3, 1, 2]', 'total = sum(rows)', 'print(total)']),
    'text',
    notebookPath
  );
  await page.notebook.openByPath(notebookPath);
  await page.notebook.activate('rows.ipynb');
  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
  await page.notebook.run();
  await page.evaluate(() => {
    const panel = window.jupyterapp.shell.currentWidget as unknown as {
      content: { model: { sharedModel: { deleteCell(i: number): void } } };
    };
    panel.content.model.sharedModel.deleteCell(0);
  });

  await page
    .locator(
      '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-NotebookPanel-toolbar [data-command="jupyterlab-fresh:export-script"]'
    )
    .click();
  const dialog = page.locator(DIALOG);
  const preview = dialog.locator('.jp-Fresh-exportPreview');
  const blocking = dialog.locator('.jp-Fresh-exportBlocking');
  await expect(blocking).toHaveAttribute('data-fresh-blocking', 'rows');
  const problem = blocking.locator('li');
  await expect(problem).toHaveAttribute('data-fresh-cell', 'c2');
  const text = (await preview.textContent()) as string;
  const line = text.split('\n').indexOf('total = sum(rows)') + 1;
  expect(line).toBeGreaterThan(0);
  await expect(problem).toHaveAttribute('data-fresh-line', String(line));
  // The line's cell, named as its prompt shows it (it ran second, before the delete).
  await expect(problem).toContainText(`line ${line} ([2])`);

  // Save asks; Cancel goes back to the export dialog, nothing written.
  const save = () =>
    page
      .locator(`${DIALOG} .jp-Dialog-footer button`, { hasText: /^Save$/ })
      .click();
  await save();
  const confirm = page.locator(DIALOG, { hasText: 'Save a File That Fails?' });
  await confirm.locator('button', { hasText: 'Cancel' }).click();
  await expect(blocking).toBeVisible();
  await save();
  await confirm.locator('button', { hasText: 'Save Anyway' }).click();
  await expect(dialog).toHaveCount(0);

  const saved = await page.evaluate(async filePath => {
    const model = await window.jupyterapp.serviceManager.contents.get(
      filePath,
      { content: true, type: 'file', format: 'text' }
    );
    return model.content as string;
  }, `${tmpPath}/rows.py`);
  const run = spawnSync(python(), ['-'], { input: saved, encoding: 'utf8' });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`line ${line}`);
  expect(run.stderr).toContain("NameError: name 'rows' is not defined");
});
