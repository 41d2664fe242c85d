import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { Page } from '@playwright/test';

import { notebookJSON } from './notebooks';

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
  const sources = Array.from({ length: CELLS }, (_, i) =>
    i === 0 ? 'x0 = 0' : `x${i} = x${i - 1} + 1`
  );
  await page.contents.uploadContent(
    notebookJSON(sources),
    'text',
    `${tmpPath}/chain.ipynb`
  );
  await page.notebook.openByPath(`${tmpPath}/chain.ipynb`);
  await page.locator('#jp-main-statusbar >> text=Idle').waitFor();
}

interface IProfile {
  nodes: {
    id: number;
    callFrame: { url: string; functionName: string };
    children?: number[];
  }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Sampled busy time (µs, idle left out) of a profile, and the part under a frame of the extension's code. */
function cpuShare(profile: IProfile): { total: number; extension: number } {
  const parent = new Map<number, number>();
  const ours = new Map<number, boolean>();
  const byId = new Map(profile.nodes.map(node => [node.id, node]));
  profile.nodes.forEach(node =>
    node.children?.forEach(child => parent.set(child, node.id))
  );
  const inExtension = (id: number): boolean => {
    let known = ours.get(id);
    if (known === undefined) {
      const node = byId.get(id);
      const up = parent.get(id);
      known =
        (node?.callFrame.url.includes('/jupyterlab-fresh/') ?? false) ||
        (up !== undefined && inExtension(up));
      ours.set(id, known);
    }
    return known;
  };
  let total = 0;
  let extension = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const delta = profile.timeDeltas?.[i] ?? 0;
    if (byId.get(id)?.callFrame.functionName === '(idle)') {
      return;
    }
    total += delta;
    if (inExtension(id)) {
      extension += delta;
    }
  });
  return { total, extension };
}

/** Waits until the last cell of the current notebook has an execution count. */
async function waitForAllRun(page: IJupyterLabPageFixture): Promise<void> {
  // Galata's waitForRun looks at rendered cells; a long notebook is windowed.
  await page.waitForFunction(
    count => {
      const panel = window.jupyterapp.shell.currentWidget as unknown as {
        content: {
          model: { cells: { get(i: number): { executionCount?: number } } };
        };
      };
      return panel.content.model.cells.get(count - 1).executionCount === count;
    },
    CELLS,
    { timeout: 15 * 60 * 1000, polling: 500 }
  );
}

/** Runs every cell and prints how long it took and the extension's share of the page's CPU. */
/** Samples the page's CPU between `start` and `stop` (Chrome's profiler). */
async function profiler(page: IJupyterLabPageFixture): Promise<{
  start(): Promise<void>;
  stop(): Promise<{ total: number; extension: number }>;
}> {
  // Galata's fixture wraps the Playwright page; CDP needs the page itself.
  const { page: raw } = page as unknown as { page: Page };
  const cdp = await page.context().newCDPSession(raw);
  await cdp.send('Profiler.enable');
  // 0.1 ms between samples: the extension's work per execution is a few milliseconds.
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  return {
    start: async () => {
      await cdp.send('Profiler.start');
    },
    stop: async () => cpuShare((await cdp.send('Profiler.stop')).profile)
  };
}

/** Runs every cell and prints how long it took and the extension's share of the page's CPU. */
async function profileRunAll(
  page: IJupyterLabPageFixture,
  label: string
): Promise<void> {
  const cpu = await profiler(page);
  await cpu.start();
  const started = Date.now();
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('notebook:run-all-cells');
  });
  await waitForAllRun(page);
  const runAll = Date.now() - started;
  const { total, extension } = await cpu.stop();
  console.log(
    `Run All of ${CELLS} cells, ${label}: ${(runAll / 1000).toFixed(1)} s; page CPU ${(total / 1000).toFixed(0)} ms, of it in jupyterlab-fresh ${(extension / 1000).toFixed(0)} ms (${((100 * extension) / total).toFixed(1)}%)`
  );
}

/** "p50 … ms, p95 … ms, max … ms (n=…)" of samples in ms. */
function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `p50 ${pick(0.5).toFixed(1)} ms, p95 ${pick(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (n=${sorted.length})`;
}

test('Run All with the Fresh panel open', async ({ page, tmpPath }) => {
  await openChain(page, tmpPath);
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('jupyterlab-fresh:open-panel');
  });
  await profileRunAll(page, 'Fresh panel open');
});

test('badge update latency in a long notebook', async ({ page, tmpPath }) => {
  await openChain(page, tmpPath);
  await profileRunAll(page, 'Fresh panel closed');
  const firstCell = page.locator('.jp-Notebook .jp-Cell').first();
  await expect(firstCell.locator('.jp-Fresh-badge')).toHaveCount(0);

  const cpu = await profiler(page);
  const samples: number[] = [];
  const extensionCpu: number[] = [];
  for (let run = 0; run < 20; run++) {
    // Editing the first cell gives it the "edited" badge; running it must clear the badge and
    // flag all cells below it as stale.
    await page.notebook.setCell(0, 'code', run % 2 === 0 ? 'x0 = 1' : 'x0 = 0');
    await expect(firstCell.locator('.jp-Fresh-badge')).toHaveCount(1);
    await page.notebook.selectCells(0);
    await cpu.start();
    const latency = await page.evaluate(async () => {
      const cell = document.querySelector(
        '.jp-Notebook .jp-Cell'
      ) as HTMLElement;
      const prompt = cell.querySelector('.jp-InputPrompt') as HTMLElement;
      const before = prompt.textContent;
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
          if (replied && !cell.querySelector('.jp-Fresh-badge')) {
            resolve(now - replied);
            return;
          }
          requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      });
      await window.jupyterapp.commands.execute('notebook:run-cell');
      return done;
    });
    samples.push(latency);
    extensionCpu.push((await cpu.stop()).extension / 1000);
  }
  // Frames are about 16.7 ms: the reply shows in one frame, the badge changes in a later one.
  console.log(`badges, ${CELLS} cells: reply→badge ${percentiles(samples)}`);
  console.log(
    `jupyterlab-fresh CPU per run, ${CELLS} cells: ${percentiles(extensionCpu)}`
  );
});
