import {
  MAX_FRESH_METADATA_SIZE,
  withoutSettings,
  withSettings,
  writableFresh
} from '../metadata';

const context = { notebookPath: 'work/nb.ipynb' };

describe('writableFresh', () => {
  it('keeps everything stored, in the current layout', () => {
    // Version 0 kept the settings directly under `fresh`.
    expect(
      writableFresh({ badges: 'yes', dataflow: false, odd: [1] }, context)
    ).toEqual({
      version: 1,
      settings: { badges: 'yes', dataflow: false },
      odd: [1]
    });
    expect(writableFresh(undefined, context)).toEqual({ version: 1 });
  });

  it('gives nothing to write over metadata refused as a whole', () => {
    expect(writableFresh({ version: 2 }, context)).toBeNull();
    expect(writableFresh('fresh', context)).toBeNull();
    const huge = { version: 1, x: 'a'.repeat(MAX_FRESH_METADATA_SIZE) };
    expect(writableFresh(huge, context)).toBeNull();
  });
});

describe('withSettings', () => {
  const stored = {
    version: 1,
    settings: {
      pairedFile: true,
      pairedFileName: '/etc/x.py',
      dataflow: false,
      toString: 'x'
    },
    history: { executions: [] }
  };

  it('replaces the accepted settings and keeps the refused ones', () => {
    expect(withSettings(stored, { badges: false }, context)).toEqual({
      version: 1,
      settings: {
        pairedFile: true,
        pairedFileName: '/etc/x.py',
        toString: 'x',
        badges: false
      },
      history: { executions: [] }
    });
  });

  it('lets a valid value replace a refused one of the same setting', () => {
    const fixed = withSettings(stored, { pairedFileName: 'x.py' }, context);
    expect(fixed.settings).toEqual({
      pairedFile: true,
      toString: 'x',
      pairedFileName: 'x.py'
    });
  });

  it('leaves no settings key when nothing is left, and the reset drops all', () => {
    const valid = { version: 1, settings: { dataflow: false } };
    expect(withSettings(valid, {}, context)).toEqual({ version: 1 });
    expect(withoutSettings(stored)).toEqual({
      version: 1,
      history: { executions: [] }
    });
  });
});
