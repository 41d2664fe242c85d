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
// Trace snapshots of a 1,000-cell DOM cost the page seconds: they would be measured too.
test.use({ trace: 'off' });

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

interface ICpuProfiler {
  start(): Promise<void>;
  stop(): Promise<{ total: number; extension: number }>;
}

/** Samples the page's CPU between `start` and `stop` (Chrome's profiler). */
async function profiler(page: IJupyterLabPageFixture): Promise<ICpuProfiler> {
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

/** What one run of the first cell took, from the execution reply (ms, frame numbers). */
interface IRunTiming {
  /** Reply to the badge leaving the DOM; NaN when badges are off. */
  toBadge: number;
  /** Which frame after the reply changed the badge: 1 is the first frame drawn after it. */
  badgeFrame: number;
  /** How long the first frame after the reply took (start to start of the next). */
  firstFrame: number;
}

/**
 * Runs the (edited) first cell and times it in the page: the reply is the moment the cell
 * model gets its execution count (JupyterLab updates the prompt in the same task), the badge
 * change is seen by a MutationObserver, frames by requestAnimationFrame.
 */
async function timeRun(
  page: IJupyterLabPageFixture,
  watchBadge: boolean
): Promise<IRunTiming> {
  return page.evaluate(async watchBadge => {
    interface ICellModelLike {
      stateChanged: {
        connect(
          slot: (sender: unknown, change: { name: string }) => void
        ): void;
        disconnect(
          slot: (sender: unknown, change: { name: string }) => void
        ): void;
      };
    }
    const panel = window.jupyterapp.shell.currentWidget as unknown as {
      content: { model: { cells: { get(i: number): ICellModelLike } } };
    };
    const model = panel.content.model.cells.get(0);
    const cell = document.querySelector('.jp-Notebook .jp-Cell') as HTMLElement;
    let reply = NaN;
    let badge = NaN;
    const ticks: number[] = [];
    const onState = (_: unknown, change: { name: string }) => {
      if (change.name === 'executionCount' && isNaN(reply)) {
        reply = performance.now();
      }
    };
    model.stateChanged.connect(onState);
    const observer = new MutationObserver(() => {
      if (!cell.querySelector(':scope > .jp-Fresh-badge')) {
        badge = performance.now();
        observer.disconnect();
      }
    });
    if (watchBadge) {
      observer.observe(cell, { childList: true });
    }
    // Two frames after the reply (and after the badge) close the sample.
    const settled = new Promise<void>(resolve => {
      // The clock, not rAF's argument: that is the frame's scheduled start, which can be
      // earlier than a reply handled while the frame waited.
      const tick = () => {
        ticks.push(performance.now());
        const after = ticks.filter(t => t > reply).length;
        if (after >= 2 && (!watchBadge || !isNaN(badge))) {
          resolve();
        } else {
          requestAnimationFrame(tick);
        }
      };
      requestAnimationFrame(tick);
    });
    await window.jupyterapp.commands.execute('notebook:run-cell');
    await settled;
    model.stateChanged.disconnect(onState);
    const after = ticks.filter(t => t > reply);
    return {
      toBadge: badge - reply,
      badgeFrame: after.filter(t => t <= badge).length,
      firstFrame: after[1] - after[0]
    };
  }, watchBadge);
}

/** Edits and runs the first cell `runs` times; every cell below flips between fresh and stale. */
async function sampleRuns(
  page: IJupyterLabPageFixture,
  runs: number,
  options: { badges: boolean; cpu?: ICpuProfiler }
): Promise<{ timings: IRunTiming[]; extensionCpu: number[] }> {
  const firstBadge = page
    .locator('.jp-Notebook .jp-Cell')
    .first()
    .locator('.jp-Fresh-badge');
  const timings: IRunTiming[] = [];
  const extensionCpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    // Editing the first cell gives it the "edited" badge; running it must clear the badge and
    // flag all cells below it as stale (or fresh again).
    await page.notebook.setCell(0, 'code', run % 2 === 0 ? 'x0 = 1' : 'x0 = 0');
    await expect(firstBadge).toHaveCount(options.badges ? 1 : 0);
    await page.notebook.selectCells(0);
    // Let the edit's own frame and JupyterLab's idle work pass.
    await page.waitForTimeout(300);
    await options.cpu?.start();
    timings.push(await timeRun(page, options.badges));
    if (options.cpu) {
      extensionCpu.push((await options.cpu.stop()).extension / 1000);
    }
  }
  return { timings, extensionCpu };
}

async function setBadges(
  page: IJupyterLabPageFixture,
  badges: boolean
): Promise<void> {
  await page.evaluate(badges => {
    const panel = window.jupyterapp.shell.currentWidget as unknown as {
      content: {
        model: {
          getMetadata(key: string): unknown;
          setMetadata(key: string, value: unknown): void;
        };
      };
    };
    const { model } = panel.content;
    const fresh = (model.getMetadata('fresh') ?? {}) as {
      settings?: object;
    };
    model.setMetadata('fresh', {
      ...fresh,
      settings: { ...fresh.settings, badges }
    });
  }, badges);
}

test('badge update latency in a long notebook', async ({ page, tmpPath }) => {
  await openChain(page, tmpPath);
  await profileRunAll(page, 'Fresh panel closed');
  const label = `${CELLS} cells`;

  // Timing and CPU profiling apart: the profiler slows the page down.
  const { timings } = await sampleRuns(page, 20, { badges: true });
  const frames = timings.map(timing => timing.badgeFrame);
  console.log(
    `badges, ${label}: changed in frame ${Math.min(...frames)}-${Math.max(...frames)} after the reply (1 = the first frame drawn after it); reply→badge in the DOM ${percentiles(timings.map(timing => timing.toBadge))}`
  );
  console.log(
    `first frame after the reply, badges on, ${label}: ${percentiles(timings.map(timing => timing.firstFrame))}`
  );
  const { extensionCpu } = await sampleRuns(page, 10, {
    badges: true,
    cpu: await profiler(page)
  });
  console.log(
    `jupyterlab-fresh CPU per run, ${label}: ${percentiles(extensionCpu)}`
  );

  // The same runs with badges off: what the frame costs without the badges' DOM changes.
  await setBadges(page, false);
  const off = await sampleRuns(page, 20, { badges: false });
  console.log(
    `first frame after the reply, badges off, ${label}: ${percentiles(off.timings.map(timing => timing.firstFrame))}`
  );
});
