import { Context } from '@jupyterlab/docregistry';
import { INotebookModel } from '@jupyterlab/notebook';
import { initNotebookContext } from '@jupyterlab/notebook/lib/testutils';
import { ServiceManagerMock } from '@jupyterlab/services/lib/testutils';

import { DEFAULT_SETTINGS } from '../../core/settings';
import { FreshNotebook } from '../model';

/** Values a notebook may carry that Fresh refuses on load, each for its own reason. */
const REFUSED = {
  pairedFileName: '../../outside.py',
  historyLimit: 'lots',
  badges: 'yes',
  colour: 'blue'
};

/**
 * A real notebook, saved through JupyterLab's in-memory contents manager, whose `fresh`
 * metadata holds refused settings, an accepted one and a key Fresh does not know.
 */
async function setup() {
  const manager = new ServiceManagerMock();
  const context: Context<INotebookModel> = await initNotebookContext({
    path: 'work/nb.ipynb',
    manager
  });
  context.model.setMetadata('language_info', { name: 'python' });
  context.model.sharedModel.insertCells(0, [
    { cell_type: 'code', source: 'x = 1', id: 'c1' }
  ]);
  context.model.setMetadata('fresh', {
    version: 1,
    settings: { ...REFUSED, pairedFile: true, keepSources: false },
    note: { left: 'by someone' }
  });
  const fresh = new FreshNotebook({ context, globals: {} });
  await context.ready;
  const saved = async () => {
    await context.save();
    const file = await manager.contents.get(context.path, { content: true });
    return (file.content as { metadata: Record<string, unknown> }).metadata
      .fresh as Record<string, unknown>;
  };
  return { context, fresh, saved };
}

describe('the fresh metadata of a notebook, written back', () => {
  it('keeps refused values as they were when saving', async () => {
    const { context, fresh, saved } = await setup();
    // Refused on load: the defaults apply, and the panel says why.
    expect(fresh.settings.values.historyLimit).toBe(
      DEFAULT_SETTINGS.historyLimit
    );
    expect(fresh.settings.problems).toContainEqual(
      expect.objectContaining({
        kind: 'setting-refused',
        key: 'pairedFileName'
      })
    );
    expect(await saved()).toEqual({
      version: 1,
      settings: { ...REFUSED, pairedFile: true, keepSources: false },
      note: { left: 'by someone' }
    });
    context.dispose();
  });

  it('writes new settings beside the refused ones, and a valid value replaces its refused one', async () => {
    const { context, fresh, saved } = await setup();
    expect(
      fresh.setNotebookSettings({
        ...fresh.settings.values,
        historyLimit: 10,
        dataflow: false
      })
    ).toEqual([]);
    const stored = await saved();
    expect(stored.settings).toEqual({
      pairedFileName: '../../outside.py',
      badges: 'yes',
      colour: 'blue',
      // Kept: it was ignored only because its name was refused.
      pairedFile: true,
      historyLimit: 10,
      dataflow: false
    });
    expect(stored.note).toEqual({ left: 'by someone' });
    context.dispose();
  });

  it('drops the refused values on a reset of the notebook settings', async () => {
    const { context, fresh, saved } = await setup();
    fresh.resetSettings();
    expect(await saved()).toEqual({
      version: 1,
      note: { left: 'by someone' }
    });
    context.dispose();
  });

  it('keeps settings that are not an object until new ones are set', async () => {
    const { context, fresh, saved } = await setup();
    context.model.setMetadata('fresh', { version: 1, settings: 'odd' });
    expect((await saved()).settings).toBe('odd');
    fresh.setNotebookSettings({ ...fresh.settings.values, badges: false });
    expect((await saved()).settings).toEqual({ badges: false });
    context.dispose();
  });
});

describe('the analysis of a notebook, read', () => {
  it('reading result changes nothing; currentResult first runs the pending refresh', async () => {
    const { context, fresh } = await setup();
    fresh.refresh();
    let emitted = 0;
    fresh.changed.connect(() => emitted++);
    context.model.sharedModel.insertCells(1, [
      { cell_type: 'code', source: 'y = x', id: 'c2' }
    ]);
    // The edit is pending until the next frame: result is the analysis as of the last refresh.
    expect(fresh.result.cells.map(cell => cell.cellId)).toEqual(['c1']);
    expect(emitted).toBe(0);
    expect(fresh.currentResult().cells.map(cell => cell.cellId)).toEqual([
      'c1',
      'c2'
    ]);
    expect(emitted).toBe(1);
    context.dispose();
  });

  it('names every spelling of Python `python`, and other languages by name', async () => {
    const { context, fresh } = await setup();
    expect(fresh.language).toBe('python');
    context.model.setMetadata('language_info', { name: 'python3' });
    expect(fresh.language).toBe('python');
    context.model.setMetadata('language_info', { name: '' });
    context.model.setMetadata('kernelspec', { language: 'R', name: 'ir' });
    expect(fresh.language).toBe('r');
    context.dispose();
  });
});
