import { IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Remakes examples/demo.ipynb with its history, by living its story in the lab with a real
 * kernel: a threshold cell `hot = 22` runs and is deleted, `features` runs before `fit` (placed
 * above it), `summary` runs as a median and is then edited to a mean. Runs only with
 * FRESH_MAKE_DEMO=1 (`FRESH_MAKE_DEMO=1 npx playwright test tests/makedemo.spec.ts`).
 */
test.skip(!process.env.FRESH_MAKE_DEMO, 'demo: set FRESH_MAKE_DEMO=1');

const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'demo.ipynb');

/** Sets the source of cell `index` of the notebook in front (no typing: exact text). */
async function setSource(
  page: IJupyterLabPageFixture,
  index: number,
  source: string
): Promise<void> {
  await page.evaluate(
    ({ index, source }) => {
      const panel = window.jupyterapp.shell.currentWidget as any;
      panel.content.model.sharedModel.getCell(index).setSource(source);
    },
    { index, source }
  );
}

test('remake the demo notebook with its history', async ({ page, tmpPath }) => {
  const notebook = JSON.parse(fs.readFileSync(DEMO, 'utf8'));
  delete notebook.metadata.fresh;
  for (const cell of notebook.cells) {
    if (cell.cell_type === 'code') {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  const clean = test.info().outputPath('clean.ipynb');
  fs.mkdirSync(path.dirname(clean), { recursive: true });
  fs.writeFileSync(clean, JSON.stringify(notebook));
  await page.contents.uploadFile(clean, `${tmpPath}/demo.ipynb`);
  await page.notebook.openByPath(`${tmpPath}/demo.ipynb`);
  await page.notebook.activate('demo.ipynb');
  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();

  const summary = notebook.cells.find((c: any) => c.id === 'summary');
  const mean = Array.isArray(summary.source)
    ? summary.source.join('')
    : summary.source;
  await page.evaluate(() => {
    const panel = window.jupyterapp.shell.currentWidget as any;
    panel.content.model.sharedModel.insertCell(3, {
      cell_type: 'code',
      id: 'threshold',
      source: 'hot = 22',
      metadata: {}
    });
  });
  // 0 title, 1 imports, 2 data, 3 threshold, 4 md, 5 clean, 6 md, 7 fit, 8 features,
  // 9 summary, 10 roi.
  await setSource(page, 9, mean.replace('.mean()', '.median()'));
  for (const i of [1, 2, 3, 5, 8, 7, 9, 10]) {
    await page.notebook.runCell(i, true);
  }
  await setSource(page, 9, mean);
  await page.evaluate(() => {
    const panel = window.jupyterapp.shell.currentWidget as any;
    panel.content.model.sharedModel.deleteCell(3);
  });
  await page.notebook.save();
  const saved = await page.evaluate(async file => {
    const model = await window.jupyterapp.serviceManager.contents.get(file, {
      content: true
    });
    return model.content;
  }, `${tmpPath}/demo.ipynb`);
  fs.writeFileSync(DEMO, JSON.stringify(saved, null, 1) + '\n');
});
