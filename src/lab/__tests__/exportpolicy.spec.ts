import { exportNotebook } from '../../core/export';
import { DEFAULT_SETTINGS, IFreshSettings } from '../../core/settings';
import { IAnalysisResult, INotebookCell } from '../../core/types';
import { CommandIDs } from '../../tokens';
import {
  cellsToWarnAbout,
  dialogFormats,
  existingKind,
  exportOptions,
  fileNameAfterFormatChange,
  fileNameProblem,
  initialChoice,
  pairedDecision,
  pairedTarget,
  siblingPath,
  suggestedFileName,
  upToDateCommand
} from '../exportpolicy';

const settings = (values: Partial<IFreshSettings> = {}): IFreshSettings => ({
  ...DEFAULT_SETTINGS,
  ...values
});

const CELLS: INotebookCell[] = [
  { id: 'm', cellType: 'markdown', source: '# Load' },
  { id: 'a', cellType: 'code', source: 'x = 1' },
  { id: 'b', cellType: 'code', source: 'print(x + 1)' }
];

describe('file names', () => {
  const cell = { cellId: 'b', index: 3 };

  it('suggests a name per format from the notebook name, keeping inner dots', () => {
    const path = 'work/v1.2 analysis.ipynb';
    expect(suggestedFileName(path, 'script', null)).toBe('v1.2 analysis.py');
    expect(suggestedFileName(path, 'gather', cell)).toBe(
      'v1.2 analysis_cell4.py'
    );
    expect(suggestedFileName(path, 'as-run', null)).toBe(
      'v1.2 analysis_as_run.py'
    );
    expect(suggestedFileName(path, 'module', null)).toBe(
      'v1.2 analysis_module.py'
    );
    expect(suggestedFileName(path, 'percent', null)).toBe(
      'v1.2 analysis_percent.py'
    );
  });

  it('follows the format until the person types a name of their own', () => {
    const path = 'a.ipynb';
    const choice = initialChoice(settings(), path, cell, false);
    expect(choice.fileName).toBe('a.py');
    expect(fileNameAfterFormatChange(path, choice, 'module', cell)).toBe(
      'a_module.py'
    );
    const typed = { ...choice, fileName: 'report.py' };
    expect(fileNameAfterFormatChange(path, typed, 'module', cell)).toBe(
      'report.py'
    );
  });

  it('accepts plain .py names and says what is wrong with others', () => {
    expect(fileNameProblem('clean script.py')).toBeNull();
    expect(fileNameProblem('a.b.py')).toBeNull();
    expect(fileNameProblem('')).toBe('empty');
    expect(fileNameProblem('   ')).toBe('empty');
    expect(fileNameProblem('sub/a.py')).toBe('folder');
    expect(fileNameProblem('..\\a.py')).toBe('folder');
    expect(fileNameProblem('a\u202e.py')).toBe('characters');
    expect(fileNameProblem('a\n.py')).toBe('characters');
    expect(fileNameProblem('c:a.py')).toBe('characters');
    expect(fileNameProblem('a.txt')).toBe('extension');
    expect(fileNameProblem('a.ipynb')).toBe('extension');
    expect(fileNameProblem('.py')).toBe('extension');
    expect(fileNameProblem('.hidden.py')).toBe('hidden');
  });

  it('puts the file in the notebook folder', () => {
    expect(siblingPath('a.ipynb', 'a.py')).toBe('a.py');
    expect(siblingPath('x/y/a.ipynb', 'a.py')).toBe('x/y/a.py');
    expect(siblingPath('/x/a.ipynb', 'a.py')).toBe('x/a.py');
  });
});

describe('choices and options', () => {
  const cell = { cellId: 'b', index: 2 };

  it('starts from the effective settings, with gather when opened for a cell', () => {
    const values = settings({
      exportFormat: 'module',
      magics: 'drop',
      hoistImports: false,
      markdownAsComments: false,
      dropDisplayOnly: true
    });
    expect(initialChoice(values, 'n.ipynb', cell, false)).toEqual({
      format: 'module',
      markdown: false,
      hoistImports: false,
      magics: 'drop',
      dropDisplayOnly: true,
      fileName: 'n_module.py'
    });
    const forCell = initialChoice(values, 'n.ipynb', cell, true);
    expect(forCell.format).toBe('gather');
    expect(forCell.fileName).toBe('n_cell3.py');
    // Opened for a cell that is not code: the notebook's format.
    expect(initialChoice(values, 'n.ipynb', null, true).format).toBe('module');
  });

  it('offers gather only with a chosen cell', () => {
    expect(dialogFormats(true)).toEqual([
      'script',
      'gather',
      'as-run',
      'module',
      'percent'
    ]);
    expect(dialogFormats(false)).not.toContain('gather');
  });

  it('passes the skip tag and mutators from the settings and the cell only to gather', () => {
    const values = settings({ skipTag: 'private', extraMutators: ['fit2'] });
    const choice = initialChoice(values, 'dir/n.ipynb', cell, true);
    const options = exportOptions(choice, values, 'dir/n.ipynb', cell);
    expect(options).toMatchObject({
      format: 'gather',
      notebookName: 'n.ipynb',
      skipTag: 'private',
      extraMutators: ['fit2'],
      cellId: 'b'
    });
    const script = exportOptions(
      { ...choice, format: 'script' },
      values,
      'dir/n.ipynb',
      cell
    );
    expect(script.cellId).toBeUndefined();
  });

  it('produces options the writers honour (the preview is what is saved)', () => {
    const values = settings();
    const choice = {
      ...initialChoice(values, 'n.ipynb', null, false),
      markdown: false
    };
    const text = exportNotebook(
      CELLS,
      exportOptions(choice, values, 'n.ipynb', null)
    ).text;
    expect(text).toContain('print(x + 1)');
    expect(text).not.toContain('# Load');
    const withMarkdown = exportNotebook(
      CELLS,
      exportOptions({ ...choice, markdown: true }, values, 'n.ipynb', null)
    ).text;
    expect(withMarkdown).toContain('# # Load');
  });
});

describe('never overwrite a file Fresh did not write', () => {
  const ours = exportNotebook(CELLS, {
    format: 'script',
    notebookName: 'n.ipynb'
  }).text;

  it('tells its own exports from other files', () => {
    expect(existingKind(null)).toBe('absent');
    expect(existingKind({ type: 'file', content: ours })).toBe('ours');
    expect(existingKind({ type: 'file', content: `\ufeff${ours}` })).toBe(
      'ours'
    );
    expect(existingKind({ type: 'file', content: 'print("mine")\n' })).toBe(
      'foreign'
    );
    expect(existingKind({ type: 'file', content: '' })).toBe('foreign');
    // The header further down is not the header.
    expect(existingKind({ type: 'file', content: `import os\n${ours}` })).toBe(
      'foreign'
    );
    // Binary content comes as base64: never ours.
    expect(existingKind({ type: 'file', content: btoaText(ours) })).toBe(
      'foreign'
    );
    expect(existingKind({ type: 'notebook', content: {} })).toBe('foreign');
    expect(existingKind({ type: 'directory', content: [] })).toBe('folder');
  });

  it('writes the paired file over nothing or its own, skips the rest', () => {
    expect(pairedDecision(null, ours)).toBe('write');
    expect(pairedDecision({ type: 'file', content: ours }, ours)).toBe(
      'unchanged'
    );
    const older = ours.replace('print(x + 1)', 'print(x)');
    expect(pairedDecision({ type: 'file', content: older }, ours)).toBe(
      'write'
    );
    expect(
      pairedDecision({ type: 'file', content: 'print("mine")\n' }, ours)
    ).toBe('foreign');
    // Same text but not an export (no header): still someone else's file.
    expect(
      pairedDecision({ type: 'file', content: 'x = 1\n' }, 'x = 1\n')
    ).toBe('foreign');
    expect(pairedDecision({ type: 'directory', content: [] }, ours)).toBe(
      'folder'
    );
  });
});

describe('paired file target', () => {
  it('is off unless enabled, and only for Python', () => {
    expect(pairedTarget(settings(), 'a.ipynb', 'python')).toBeNull();
    expect(
      pairedTarget(settings({ pairedFile: true }), 'a.ipynb', 'julia')
    ).toBeNull();
  });

  it('resolves the name in the notebook folder and uses the export settings', () => {
    const target = pairedTarget(
      settings({
        pairedFile: true,
        pairedFileName: 'scripts/{name}.py',
        exportFormat: 'percent',
        magics: 'ipython'
      }),
      'p/q/nb.ipynb',
      'python'
    );
    expect(target?.path).toBe('p/q/scripts/nb.py');
    expect(target?.relativePath).toBe('scripts/nb.py');
    expect(target?.options).toMatchObject({
      format: 'percent',
      notebookName: 'nb.ipynb',
      magics: 'ipython'
    });
  });

  it('writes nothing for a name that leaves the folder or names the notebook', () => {
    for (const pairedFileName of ['../x.py', '/etc/x.py', '{name}.ipynb']) {
      expect(
        pairedTarget(
          settings({ pairedFile: true, pairedFileName }),
          'a/nb.ipynb',
          'python'
        )
      ).toBeNull();
    }
  });
});

describe('cells to warn about', () => {
  const result: IAnalysisResult = {
    cells: [
      { cellId: 'c3', index: 3, flags: ['never-run'], reasons: [] },
      { cellId: 'c1', index: 1, flags: ['stale', 'opaque'], reasons: [] },
      { cellId: 'c2', index: 2, flags: ['out-of-order'], reasons: [] },
      { cellId: 'c4', index: 4, flags: [], reasons: [] },
      { cellId: 'c5', index: 5, flags: ['error', 'edited'], reasons: [] }
    ],
    plan: [],
    restart: false,
    planWarnings: []
  };

  it('lists stale, edited and never-run cells in notebook order, with only those flags', () => {
    expect(cellsToWarnAbout('script', result, null)).toEqual([
      { cellId: 'c1', index: 1, flags: ['stale'] },
      { cellId: 'c3', index: 3, flags: ['never-run'] },
      { cellId: 'c5', index: 5, flags: ['edited'] }
    ]);
  });

  it('keeps to the cells the export holds, and never warns for code as run', () => {
    expect(
      cellsToWarnAbout('gather', result, new Set(['c3', 'c4'])).map(
        cell => cell.cellId
      )
    ).toEqual(['c3']);
    expect(cellsToWarnAbout('as-run', result, null)).toEqual([]);
  });

  it('brings up to date only what the chosen cell needs for gather', () => {
    const cell = { cellId: 'c3', index: 3 };
    expect(upToDateCommand('gather', cell)).toEqual({
      id: CommandIDs.runCellNeeds,
      args: { cellId: 'c3' }
    });
    expect(upToDateCommand('script', cell)).toEqual({
      id: CommandIDs.bringUpToDate,
      args: {}
    });
  });
});

function btoaText(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
