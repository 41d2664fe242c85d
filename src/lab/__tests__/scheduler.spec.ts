import { RefreshScheduler } from '../scheduler';

/** The next animation frame, after the callbacks requested before it. */
const nextFrame = () =>
  new Promise<void>(resolve => requestAnimationFrame(() => resolve()));

describe('RefreshScheduler', () => {
  it('coalesces the requests of one frame into one refresh', async () => {
    let refreshes = 0;
    const scheduler = new RefreshScheduler(() => refreshes++);
    scheduler.schedule();
    scheduler.schedule();
    scheduler.schedule();
    expect(scheduler.pending).toBe(true);
    expect(refreshes).toBe(0);
    await nextFrame();
    expect(refreshes).toBe(1);
    expect(scheduler.pending).toBe(false);
  });

  it('flush runs a pending refresh now, once; done cancels it', async () => {
    let refreshes = 0;
    const scheduler = new RefreshScheduler(() => refreshes++);
    scheduler.flush();
    expect(refreshes).toBe(0);
    scheduler.schedule();
    scheduler.flush();
    expect(refreshes).toBe(1);
    await nextFrame();
    expect(refreshes).toBe(1);
    scheduler.schedule();
    scheduler.done();
    await nextFrame();
    expect(refreshes).toBe(1);
  });

  it('does nothing once disposed', async () => {
    let refreshes = 0;
    const scheduler = new RefreshScheduler(() => refreshes++);
    scheduler.schedule();
    scheduler.dispose();
    await nextFrame();
    scheduler.schedule();
    scheduler.flush();
    expect(refreshes).toBe(0);
  });
});
