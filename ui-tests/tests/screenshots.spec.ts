import { test } from '@jupyterlab/galata';
import * as path from 'path';

import { executeCommand } from './commands';

/**
 * Makes the README screenshots (light and dark theme) from the demo notebook in a messy state.
 * Runs only with FRESH_SCREENSHOTS=1 (`jlpm screenshots` in ui-tests/); asserts nothing.
 */
test.skip(
  !process.env.FRESH_SCREENSHOTS,
  'screenshots: set FRESH_SCREENSHOTS=1'
);
test.use({ kernels: null, viewport: { width: 1400, height: 900 } });

const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'demo.ipynb');
const DOCS = path.resolve(__dirname, '..', '..', 'docs');

test('README screenshots', async ({ page, tmpPath }) => {
  await page.contents.uploadFile(DEMO, `${tmpPath}/demo.ipynb`);
  await page.notebook.openByPath(`${tmpPath}/demo.ipynb`);
  await page.notebook.activate('demo.ipynb');
  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
  // Cells: 0 title, 1 imports, 2 data, 3 md, 4 clean, 5 md, 6 fit, 7 features, 8 summary, 9 roi.
  for (const i of [1, 2, 7, 6, 9]) {
    await page.notebook.runCell(i);
  }
  await page.notebook.setCell(
    2,
    'code',
    (await page.notebook.getCellTextInput(2)).replace(
      'default_rng(7)',
      'default_rng(8)'
    )
  );
  await page.notebook.runCell(2);
  await executeCommand(page, 'jupyterlab-fresh:open-panel');
  await page.notebook.selectCells(6);
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(DOCS, 'fresh-light.png') });
  await executeCommand(page, 'apputils:change-theme', {
    theme: 'JupyterLab Dark'
  });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(DOCS, 'fresh-dark.png') });
  await executeCommand(page, 'apputils:change-theme', {
    theme: 'JupyterLab Light'
  });
});
