import { test } from '@jupyterlab/galata';
import * as path from 'path';

import { executeCommand } from './commands';

/**
 * Makes the README screenshots (light and dark theme) of the demo notebook as it opens: its
 * saved history tells its story (deleted code, out of order, edited, a stale chain), with the
 * popup of one badge open and the Fresh panel beside it. Runs only with FRESH_SCREENSHOTS=1
 * (`jlpm screenshots` in ui-tests/); asserts nothing.
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
  await executeCommand(page, 'jupyterlab-fresh:open-panel');
  // Cells: 0 title, 1 imports, 2 data, 3 md, 4 clean, 5 md, 6 fit, 7 features, 8 summary, 9 roi.
  await page.notebook.selectCells(6);
  const shoot = async (file: string) => {
    await page
      .locator('.jp-Notebook .jp-Cell')
      .nth(6)
      .locator('.jp-Fresh-badge')
      .hover();
    await page.locator('.jp-Fresh-tooltip').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(DOCS, file) });
  };
  await shoot('fresh-light.png');
  await executeCommand(page, 'apputils:change-theme', {
    theme: 'JupyterLab Dark'
  });
  await page.waitForTimeout(1500);
  await shoot('fresh-dark.png');
  await executeCommand(page, 'apputils:change-theme', {
    theme: 'JupyterLab Light'
  });
});
