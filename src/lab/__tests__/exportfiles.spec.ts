import { ContentsManagerMock } from '@jupyterlab/services/lib/testutils';

import { readExisting } from '../exportfiles';

/** JupyterLab's in-memory contents manager with a folder `work` holding `work/old.py`. */
async function contents() {
  const manager = new ContentsManagerMock();
  await manager.save('work', { type: 'directory' });
  await manager.save('work/old.py', {
    type: 'file',
    format: 'text',
    content: 'x = 1\n'
  });
  await manager.save('work/sub', { type: 'directory' });
  (manager.get as jest.Mock).mockClear();
  return manager;
}

/** The paths asked for, in order. */
function asked(manager: InstanceType<typeof ContentsManagerMock>): string[] {
  return (manager.get as jest.Mock).mock.calls.map(([path]) => path);
}

describe('readExisting', () => {
  it('finds a new file absent from the folder listing without asking for the file', async () => {
    const manager = await contents();
    expect(await readExisting(manager, 'work/new.py')).toBeNull();
    // A request for the missing file would answer 404, an error in the browser console.
    expect(asked(manager)).toEqual(['work']);
  });

  it('reads a file that is there', async () => {
    const manager = await contents();
    expect(await readExisting(manager, 'work/old.py')).toEqual({
      type: 'file',
      content: 'x = 1\n'
    });
    expect(asked(manager)).toEqual(['work', 'work/old.py']);
  });

  it('tells a folder without reading it', async () => {
    const manager = await contents();
    expect(await readExisting(manager, 'work/sub')).toEqual({
      type: 'directory',
      content: null
    });
    expect(asked(manager)).toEqual(['work']);
  });

  it('finds nothing in a folder that does not exist', async () => {
    const manager = await contents();
    expect(await readExisting(manager, 'nowhere/new.py')).toBeNull();
  });
});
