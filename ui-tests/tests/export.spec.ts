import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';

import { executeCommand } from './commands';
import { readText, runPython } from './files';
import { CellSpec, notebookJSON } from './notebooks';

/**
 * Export against a real JupyterLab and a real ipykernel: the dialog, saving next to the
 * notebook, running the file with Python, never overwriting a file Fresh did not write, and
 * the paired file written on save.
 */

const DIALOG = '.jp-Dialog';
const HEADER = '# Exported by jupyterlab-fresh from ';

/** Uploads and opens a notebook whose cells have ids c1, c2, ... */
async function openNotebook(
  page: IJupyterLabPageFixture,
  notebookPath: string,
  cells: CellSpec[],
  fresh?: unknown
): Promise<void> {
  await page.contents.uploadContent(
    notebookJSON(cells, { fresh }),
    'text',
    notebookPath
  );
  await page.notebook.openByPath(notebookPath);
  await page.notebook.activate(path.posix.basename(notebookPath));
  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
}

/** Starts a command that opens a dialog, without waiting for the dialog to close. */
async function start(
  page: IJupyterLabPageFixture,
  id: string,
  args: Record<string, string> = {}
): Promise<void> {
  await page.evaluate(
    ({ id, args }) => {
      void window.jupyterapp.commands.execute(id, args);
    },
    { id, args }
  );
  await page.locator(`${DIALOG} .jp-Fresh-exportPreview`).waitFor();
}

function dialogButton(page: IJupyterLabPageFixture, label: string) {
  return page.locator(`${DIALOG} .jp-Dialog-footer button`, {
    hasText: label
  });
}

const CELLS: CellSpec[] = [
  { type: 'markdown', source: '# Totals' },
  '%precision 3\nimport math\nvalues = [1, 2, 3]',
  'total = sum(values)',
  'print("total", total, round(math.sqrt(total), 6))',
  'print("unrelated")'
];

test.describe('export', () => {
  test('Export Clean Script from the toolbar: bring up to date, save, run with Python', async ({
    page,
    tmpPath
  }) => {
    const notebookPath = `${tmpPath}/totals.ipynb`;
    await openNotebook(page, notebookPath, CELLS);

    await page
      .locator(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-NotebookPanel-toolbar [data-command="jupyterlab-fresh:export-script"]'
      )
      .click();
    const dialog = page.locator(DIALOG);
    const preview = dialog.locator('.jp-Fresh-exportPreview');
    await expect(preview).toContainText('total = sum(values)');
    await expect(preview).toContainText(`${HEADER}totals.ipynb`);
    // Magics are commented out by default; markdown becomes a comment.
    await expect(preview).toContainText('# %precision 3');
    await expect(preview).toContainText('# # Totals');
    await expect(dialog.locator('.jp-Fresh-exportFormat select')).toHaveValue(
      'script'
    );
    await expect(dialog.locator('.jp-Fresh-exportFileName input')).toHaveValue(
      'totals.py'
    );

    // Nothing ran yet: every code cell is listed, and bringing up to date runs them.
    const stale = dialog.locator('.jp-Fresh-exportStale');
    await expect(stale).toHaveAttribute('data-fresh-stale', 'c2 c3 c4 c5');
    await dialog.screenshot({
      path: test.info().outputPath('export-dialog.png')
    });
    await stale
      .locator('button', { hasText: 'Bring Up to Date First' })
      .click();
    await expect(stale).toHaveCount(0, { timeout: 60000 });
    const shown = ((await page.notebook.getCellTextOutput(3)) ?? []).join('');
    expect(shown).toBe('total 6 2.44949\n');

    // Options change the preview at once.
    await dialog
      .locator('[data-fresh-option="markdown"] input[type="checkbox"]')
      .uncheck();
    await expect(preview).not.toContainText('# # Totals');

    // Saving to a new file logs nothing: the check for a file there asks for no missing file.
    const consoleErrors: string[] = [];
    page.on('console', message => {
      if (message.type() === 'error') {
        consoleErrors.push(message.text());
      }
    });
    await dialogButton(page, 'Save').click();
    await expect(dialog).toHaveCount(0);
    await expect
      .poll(() => readText(page, `${tmpPath}/totals.py`))
      .toContain('total = sum(values)');
    expect(consoleErrors).toEqual([]);
    const text = (await readText(page, `${tmpPath}/totals.py`)) as string;
    expect(text.startsWith(`${HEADER}totals.ipynb`)).toBe(true);
    // The file is listed next to the notebook.
    await page.filebrowser.openDirectory(tmpPath);
    await expect(
      page.locator('.jp-DirListing-item[title*="totals.py"]')
    ).toHaveCount(1);

    expect(runPython(text, 'totals.py')).toBe(
      ['total 6 2.44949', 'unrelated', ''].join('\n')
    );
  });

  test('Export Code for This Cell from the cell menu writes only what the cell needs', async ({
    page,
    tmpPath
  }) => {
    const notebookPath = `${tmpPath}/gather.ipynb`;
    await openNotebook(page, notebookPath, CELLS);
    for (const i of [1, 2, 3, 4]) {
      await page.notebook.runCell(i);
    }
    const shown = ((await page.notebook.getCellTextOutput(3)) ?? []).join('');

    await page.notebook.selectCells(3);
    await (await page.notebook.getCellLocator(3))!.click({ button: 'right' });
    await page
      .locator('.lm-Menu-itemLabel', { hasText: 'Export Code for This Cell…' })
      .click();
    const dialog = page.locator(DIALOG);
    const preview = dialog.locator('.jp-Fresh-exportPreview');
    await expect(dialog.locator('.jp-Fresh-exportFormat select')).toHaveValue(
      'gather'
    );
    await expect(preview).toContainText('total = sum(values)');
    await expect(preview).not.toContainText('unrelated');
    await expect(dialog.locator('.jp-Fresh-exportFileName input')).toHaveValue(
      'gather_cell4.py'
    );
    await expect(dialog.locator('.jp-Fresh-exportStale')).toHaveCount(0);

    // Another format suggests its own name.
    await dialog
      .locator('.jp-Fresh-exportFormat select')
      .selectOption('module');
    await expect(dialog.locator('.jp-Fresh-exportFileName input')).toHaveValue(
      'gather_module.py'
    );
    await expect(preview).toContainText('def main(');
    await dialog
      .locator('.jp-Fresh-exportFormat select')
      .selectOption('gather');

    await dialogButton(page, 'Save').click();
    await expect
      .poll(() => readText(page, `${tmpPath}/gather_cell4.py`))
      .toContain('print("total"');
    const text = (await readText(page, `${tmpPath}/gather_cell4.py`)) as string;
    expect(runPython(text, 'gather_cell4.py')).toBe(shown);

    // The same from the Fresh panel, this time downloaded.
    await executeCommand(page, 'jupyterlab-fresh:open-panel');
    await page.notebook.selectCells(2);
    await page.locator('#jp-Fresh-panel .jp-Fresh-exportCell').click();
    await expect(dialog.locator('.jp-Fresh-exportFileName input')).toHaveValue(
      'gather_cell3.py'
    );
    const download = page.waitForEvent('download');
    await dialogButton(page, 'Download').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('gather_cell3.py');
    const downloaded = fs.readFileSync(await file.path(), 'utf8');
    expect(downloaded).toContain('total = sum(values)');
    expect(downloaded).not.toContain('print(');
  });

  test('a file Fresh did not write is replaced only after asking', async ({
    page,
    tmpPath
  }) => {
    const notebookPath = `${tmpPath}/mine.ipynb`;
    const target = `${tmpPath}/mine.py`;
    const foreign = 'print("hand-written, keep me")\n';
    await page.contents.uploadContent(foreign, 'text', target);
    await openNotebook(page, notebookPath, CELLS);

    await page.menu.clickMenuItem('File>Export Clean Script…');
    const dialog = page.locator(DIALOG);
    await dialog.locator('.jp-Fresh-exportPreview').waitFor();
    await dialogButton(page, 'Save').click();

    // Asked, with Cancel as the default: Enter keeps the file.
    const ask = page.locator(DIALOG, { hasText: 'Overwrite File?' });
    await expect(ask).toBeVisible();
    await expect(ask).toContainText(`${target} already exists`);
    await page.keyboard.press('Enter');
    // The export dialog comes back as it was; the file is untouched.
    await expect(dialog.locator('.jp-Fresh-exportPreview')).toBeVisible();
    await expect(dialog.locator('.jp-Fresh-exportFileName input')).toHaveValue(
      'mine.py'
    );
    expect(await readText(page, target)).toBe(foreign);

    // An invalid name disables Save and says why.
    const fileName = dialog.locator('.jp-Fresh-exportFileName input');
    await fileName.fill('sub/mine.py');
    await expect(dialog.locator('.jp-Fresh-exportFileHint')).toContainText(
      'without folders'
    );
    await expect(dialogButton(page, 'Save')).toBeDisabled();
    await fileName.fill('mine.py');
    await expect(dialogButton(page, 'Save')).toBeEnabled();

    await dialogButton(page, 'Save').click();
    await ask.locator('button', { hasText: 'Overwrite' }).click();
    await expect
      .poll(() => readText(page, target))
      .toContain(`${HEADER}mine.ipynb`);

    // Now the file is an export: replaced without asking.
    await page.notebook.setCell(3, 'code', 'print("changed")');
    await start(page, 'jupyterlab-fresh:export-script');
    await dialogButton(page, 'Save').click();
    await expect.poll(() => readText(page, target)).toContain('changed');
    await expect(page.locator(DIALOG)).toHaveCount(0);
  });

  test('the paired file is written on save, and a foreign one is left alone', async ({
    page,
    tmpPath
  }) => {
    const fresh = { version: 1, settings: { pairedFile: true } };
    await openNotebook(page, `${tmpPath}/paired.ipynb`, CELLS, fresh);
    await page.notebook.save();
    await expect
      .poll(() => readText(page, `${tmpPath}/paired.py`))
      .toContain('total = sum(values)');
    expect(
      (await readText(page, `${tmpPath}/paired.py`))?.startsWith(
        `${HEADER}paired.ipynb`
      )
    ).toBe(true);

    // Edited and saved again: rewritten.
    await page.notebook.setCell(2, 'code', 'total = sum(values) * 2');
    await page.notebook.save();
    await expect
      .poll(() => readText(page, `${tmpPath}/paired.py`))
      .toContain('total = sum(values) * 2');
    await page.notebook.close(true);

    const foreign = 'print("not generated")\n';
    await page.contents.uploadContent(foreign, 'text', `${tmpPath}/other.py`);
    await openNotebook(page, `${tmpPath}/other.ipynb`, CELLS, fresh);
    await page.notebook.save();
    await expect(
      page.locator('.Toastify__toast', {
        hasText: 'Paired file other.py not written'
      })
    ).toBeVisible();
    expect(await readText(page, `${tmpPath}/other.py`)).toBe(foreign);
  });
});
