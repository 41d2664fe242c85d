import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

import { executeCommand } from './commands';
import { notebookJSON } from './notebooks';

/** The per-notebook Settings tab, and untrusted `fresh` metadata. */

test.use({ kernels: null });

const CELL = '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell';

async function open(page: IJupyterLabPageFixture, path: string): Promise<void> {
  await page.notebook.openByPath(path);
  await page.notebook.activate(path.split('/').pop() as string);
  await executeCommand(page, 'jupyterlab-fresh:open-panel');
}

async function savedMetadata(
  page: IJupyterLabPageFixture,
  path: string
): Promise<unknown> {
  return page.evaluate(async path => {
    const model = await window.jupyterapp.serviceManager.contents.get(path);
    return (model.content as { metadata: Record<string, unknown> }).metadata
      .fresh;
  }, path);
}

test('switching badges off for one notebook is stored in it and survives reopening', async ({
  page,
  tmpPath
}) => {
  const path = `${tmpPath}/quiet.ipynb`;
  await page.contents.uploadContent(
    notebookJSON(['a = 1', 'b = a']),
    'text',
    path
  );
  await open(page, path);
  // Never run: both cells are flagged, so both have badges.
  await expect(
    page.locator(CELL).first().locator('.jp-Fresh-badge')
  ).toHaveCount(1);

  const setting = page.locator('#jp-Fresh-panel [data-fresh-setting="badges"]');
  await setting.locator('input[type="checkbox"]').uncheck();
  await expect(setting.locator('[data-fresh-source]')).toHaveAttribute(
    'data-fresh-source',
    'notebook'
  );
  await expect(page.locator(`${CELL} .jp-Fresh-badge`)).toHaveCount(0);
  // The problems are still listed in the panel: only the badges are off.
  await expect(page.locator('#jp-Fresh-panel .jp-Fresh-problem')).toHaveCount(
    2
  );

  await page.notebook.save();
  expect(await savedMetadata(page, path)).toEqual({
    version: 1,
    settings: { badges: false }
  });

  await page.notebook.close();
  await open(page, path);
  await expect(page.locator('#jp-Fresh-panel .jp-Fresh-problem')).toHaveCount(
    2
  );
  await expect(page.locator(`${CELL} .jp-Fresh-badge`)).toHaveCount(0);

  // Reset to defaults removes the notebook's value and the badges come back.
  await page
    .locator('#jp-Fresh-panel .jp-Fresh-settings button', {
      hasText: 'Reset to defaults'
    })
    .click();
  await expect(page.locator(`${CELL} .jp-Fresh-badge`)).toHaveCount(2);
});

test('a notebook with a path traversal in its metadata opens, says so, writes no file, and keeps the refused values', async ({
  page,
  tmpPath
}) => {
  const path = `${tmpPath}/hostile.ipynb`;
  const fresh = {
    version: 1,
    settings: {
      pairedFile: true,
      pairedFileName: '../../evil.py',
      historyLimit: 'lots'
    },
    note: 'not from Fresh'
  };
  await page.contents.uploadContent(
    notebookJSON(['x = 1']),
    'text',
    path.replace('hostile', 'plain')
  );
  await page.contents.uploadContent(
    notebookJSON(['x = 1'], { fresh }),
    'text',
    path
  );
  await open(page, path);

  await expect(
    page.locator('#jp-Fresh-panel [data-fresh-notice="metadata"]')
  ).toBeVisible();
  const problem = page.locator(
    '#jp-Fresh-panel .jp-Fresh-settings [data-fresh-problem]'
  );
  await expect(problem.first()).toContainText('pairedFileName');
  await expect(
    page.locator('#jp-Fresh-panel [data-fresh-setting="pairedFileName"] input')
  ).toHaveValue('{name}.py');

  await page.notebook.runCell(0);
  await page.notebook.save();
  const listing = await page.evaluate(async dir => {
    const model = await window.jupyterapp.serviceManager.contents.get(dir);
    return (model.content as { name: string }[]).map(item => item.name).sort();
  }, tmpPath);
  expect(listing).toEqual(['hostile.ipynb', 'plain.ipynb']);
  const parent = await page.evaluate(async () => {
    const model = await window.jupyterapp.serviceManager.contents.get('');
    return (model.content as { name: string }[]).map(item => item.name);
  });
  expect(parent).not.toContain('evil.py');

  // Refused on load, kept as it was (the user may fix it); the history goes beside it.
  const saved = (await savedMetadata(page, path)) as Record<string, unknown>;
  expect(saved.settings).toEqual(fresh.settings);
  expect(saved.note).toBe('not from Fresh');
  expect(saved.history).toMatchObject({
    executions: [expect.objectContaining({ cellId: 'c1' })]
  });
});

test('the Notebook Tools section edits the same settings as the panel', async ({
  page,
  tmpPath
}) => {
  const path = `${tmpPath}/tools.ipynb`;
  await page.contents.uploadContent(notebookJSON(['a = 1']), 'text', path);
  await page.notebook.openByPath(path);
  await page.notebook.activate('tools.ipynb');
  await expect(page.locator(`${CELL} .jp-Fresh-badge`)).toHaveCount(1);

  await page.sidebar.openTab('jp-property-inspector');
  const section = page.locator('.jp-NotebookTools .jp-Collapse', {
    hasText: 'Fresh'
  });
  await section.locator('.jp-Collapse-header').click();
  const setting = section.locator('[data-fresh-setting="badges"]');
  await setting.locator('input[type="checkbox"]').uncheck();

  await expect(page.locator(`${CELL} .jp-Fresh-badge`)).toHaveCount(0);
  await expect(setting.locator('[data-fresh-source]')).toHaveAttribute(
    'data-fresh-source',
    'notebook'
  );
  // The panel shows the value the Notebook Tools section set.
  await executeCommand(page, 'jupyterlab-fresh:open-panel');
  await expect(
    page.locator(
      '#jp-Fresh-panel [data-fresh-setting="badges"] input[type="checkbox"]'
    )
  ).not.toBeChecked();
  await page.notebook.save();
  expect(await savedMetadata(page, path)).toEqual({
    version: 1,
    settings: { badges: false }
  });
});
