import { Notification } from '@jupyterlab/apputils';
import { Context } from '@jupyterlab/docregistry';
import { INotebookModel } from '@jupyterlab/notebook';
import { initNotebookContext } from '@jupyterlab/notebook/lib/testutils';
import { ServiceManagerMock } from '@jupyterlab/services/lib/testutils';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';

import { EXPORT_HEADER_PREFIX } from '../../core/export';
import { FreshNotebook } from '../model';
import { PairedFiles } from '../paired';

/**
 * A real notebook context and model over JupyterLab's in-memory contents manager:
 * saving the notebook is what writes (or does not write) the paired file.
 */
async function setup(globals: unknown) {
  const manager = new ServiceManagerMock();
  // The real server lists the notebook's folder; the mock has it only once it is created.
  await manager.contents.save('work', { type: 'directory' });
  const context: Context<INotebookModel> = await initNotebookContext({
    path: 'work/nb.ipynb',
    manager
  });
  context.model.setMetadata('language_info', { name: 'python' });
  context.model.sharedModel.insertCells(0, [
    { cell_type: 'code', source: 'x = 1', id: 'c1' },
    { cell_type: 'code', source: 'print(x)', id: 'c2' }
  ]);
  const fresh = new FreshNotebook({ context, globals });
  const paired = new PairedFiles({
    contents: manager.contents,
    commands: new CommandRegistry(),
    trans: nullTranslator.load('jupyterlab_fresh')
  });
  paired.watch(fresh);
  // Watching twice must not write twice.
  paired.watch(fresh);
  const read = async (path: string): Promise<string | null> => {
    try {
      return (await manager.contents.get(path, { content: true }))
        .content as string;
    } catch {
      return null;
    }
  };
  const writes = (path: string) =>
    (manager.contents.save as jest.Mock).mock.calls.filter(
      ([target]) => target === path
    ).length;
  return { manager, context, fresh, read, writes };
}

/** The paired file is written after the save completes: wait for what should follow. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  throw new Error('timed out');
}

function pairedWarnings(): string[] {
  return Notification.manager.notifications
    .filter(n => n.type === 'warning' && n.message.startsWith('Paired file'))
    .map(n => n.message);
}

afterEach(() => {
  Notification.dismiss();
});

describe('PairedFiles', () => {
  it('writes the clean script next to the notebook on save, and again after an edit', async () => {
    const { context, read, writes } = await setup({ pairedFile: true });
    await context.save();
    await until(async () => (await read('work/nb.py')) !== null);
    const text = (await read('work/nb.py')) as string;
    expect(text.startsWith(`${EXPORT_HEADER_PREFIX}nb.ipynb`)).toBe(true);
    expect(text).toContain('x = 1');
    expect(text).toContain('print(x)');

    // Saved again without a change: the same text is not written again.
    await context.save();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(writes('work/nb.py')).toBe(1);

    context.model.cells.get(1).sharedModel.setSource('print(x + 1)');
    await context.save();
    await until(async () =>
      ((await read('work/nb.py')) ?? '').includes('print(x + 1)')
    );
    expect(writes('work/nb.py')).toBe(2);
    context.dispose();
  });

  it('writes the format and name the settings give', async () => {
    const { context, read } = await setup({
      pairedFile: true,
      pairedFileName: '{name}_paired.py',
      exportFormat: 'percent'
    });
    await context.save();
    await until(async () => (await read('work/nb_paired.py')) !== null);
    expect(await read('work/nb_paired.py')).toContain('(percent format)');
    expect(await read('work/nb.py')).toBeNull();
    context.dispose();
  });

  it('leaves a file it did not write alone and says so once', async () => {
    const { manager, context, read, writes } = await setup({
      pairedFile: true
    });
    const mine = 'print("written by hand")\n';
    await manager.contents.save('work/nb.py', {
      type: 'file',
      format: 'text',
      content: mine
    });
    await context.save();
    await until(async () => pairedWarnings().length > 0);
    await context.save();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(await read('work/nb.py')).toBe(mine);
    expect(writes('work/nb.py')).toBe(1);
    expect(pairedWarnings()).toEqual([
      'Paired file nb.py not written: a file that Fresh did not write is there. Rename it or change the paired file name.'
    ]);
    context.dispose();
  });

  it('writes nothing when the paired file is off (the default)', async () => {
    const { context, read } = await setup({});
    await context.save();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(await read('work/nb.py')).toBeNull();
    context.dispose();
  });
});
