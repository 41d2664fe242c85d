import { expect, test } from '@jupyterlab/galata';

import { readText, runPython } from './files';
import { notebookJSON } from './notebooks';

/**
 * Hostile notebooks in the lab (issue 17): text that Python reads as a line end must not turn a
 * comment of the paired file into code. The paired file is run by Python and must print what
 * the notebook's code cells print in the kernel, nothing more.
 */

test('line ends hidden in markdown and magics add no statement to the paired file', async ({
  page,
  tmpPath
}) => {
  const path = `${tmpPath}/carriage.ipynb`;
  // Each character some reader takes for a line end; Python's are \r and \n.
  const markdown = [
    "# Notes\rprint('pwned CR')",
    "\x0cprint('pwned FF')",
    "\x0bprint('pwned VT')",
    "\u2028print('pwned LS')",
    "\x85print('pwned NEL')",
    "\x1cprint('pwned FS')"
  ].join(' ');
  const cells = [
    { type: 'markdown' as const, source: markdown },
    // IPython splits a cell at \r too: the kernel runs the print after the magic.
    "%precision 3\rprint('after the magic')",
    "x = 1  # a comment\rprint('after the comment', x)"
  ];
  await page.contents.uploadContent(
    notebookJSON(cells, {
      fresh: { version: 1, settings: { pairedFile: true } }
    }),
    'text',
    path
  );
  await page.notebook.openByPath(path);
  await page.notebook.activate('carriage.ipynb');
  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
  await page.notebook.run();
  const shown = [
    await page.notebook.getCellTextOutput(1),
    await page.notebook.getCellTextOutput(2)
  ]
    .flat()
    .join('');
  expect(shown).toBe('after the magic\nafter the comment 1\n');

  await page.notebook.save();
  const paired = `${tmpPath}/carriage.py`;
  await expect
    .poll(() => readText(page, paired))
    .toContain('after the comment');
  expect(
    runPython((await readText(page, paired)) as string, 'carriage.py')
  ).toBe(shown);

  // The cell itself is kept as written.
  const saved = await page.request.get(`/api/contents/${path}?content=1`);
  const { cells: savedCells } = (await saved.json()).content as {
    cells: { source: string }[];
  };
  expect(savedCells[0].source).toBe(markdown);
});
