import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

/**
 * Benchmark, not a test: prints how long badges take to update in a 1,000-cell notebook, from
 * the moment the execution reply shows in the prompt to the moment the badge of the cell below
 * changes. Runs only with FRESH_BENCH=1 (`jlpm bench` in ui-tests/); asserts nothing about time.
 */
const CELLS = Number(process.env.FRESH_BENCH_CELLS ?? 1000);

test.skip(!process.env.FRESH_BENCH, 'benchmark: set FRESH_BENCH=1');
test.setTimeout(20 * 60 * 1000);

async function openChain(
  page: IJupyterLabPageFixture,
  tmpPath: string
): Promise<void> {
  const cells = Array.from({ length: CELLS }, (_, i) => ({
    id: `c${i}`,
    cell_type: 'code',
    metadata: {},
    source: i === 0 ? 'x0 = 0' : `x${i} = x${i - 1} + 1`,
    outputs: [],
    execution_count: null
  }));
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: {
        name: 'python3',
        display_name: 'Python 3',
        language: 'python'
      }
    },
    cells
  };
  await page.contents.uploadContent(
    JSON.stringify(notebook),
    'text',
    `${tmpPath}/chain.ipynb`
  );
  await page.notebook.openByPath(`${tmpPath}/chain.ipynb`);
  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
}

test('badge update latency in a long notebook', async ({ page, tmpPath }) => {
  await openChain(page, tmpPath);
  await page.evaluate(() =>
    window.jupyterapp.commands.execute('notebook:run-all-cells')
  );
  await page.notebook.waitForRun();
  const cell1Badge = page
    .locator('.jp-Notebook .jp-Cell')
    .nth(1)
    .locator('.jp-Fresh-badge');
  await expect(cell1Badge).toHaveCount(0);

  const samples: number[] = [];
  for (let run = 0; run < 10; run++) {
    // Alternate two sources so that every run changes the flags of the cells below.
    await page.notebook.setCell(0, 'code', run % 2 === 0 ? 'x0 = 1' : 'x0 = 0');
    const latency = await page.evaluate(async () => {
      const cells = document.querySelectorAll('.jp-Notebook .jp-Cell');
      const prompt = cells[0].querySelector('.jp-InputPrompt') as HTMLElement;
      const below = cells[1] as HTMLElement;
      const before = prompt.textContent;
      const badgeKey = () =>
        below.querySelector('.jp-Fresh-badge')?.getAttribute('title') ?? '';
      const badgeBefore = badgeKey();
      let replied = 0;
      const done = new Promise<number>(resolve => {
        const poll = () => {
          const now = performance.now();
          if (
            !replied &&
            prompt.textContent !== before &&
            !prompt.textContent?.includes('*')
          ) {
            replied = now;
          }
          if (replied && badgeKey() !== badgeBefore) {
            resolve(now - replied);
            return;
          }
          requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      });
      void window.jupyterapp.commands.execute('notebook:run-cell');
      return done;
    });
    samples.push(latency);
  }
  samples.sort((a, b) => a - b);
  const pick = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  console.log(
    `badges, ${CELLS} cells: reply→badge p50 ${pick(0.5).toFixed(1)} ms, p95 ${pick(0.95).toFixed(1)} ms, max ${samples[samples.length - 1].toFixed(1)} ms (n=${samples.length})`
  );
});
