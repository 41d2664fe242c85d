import * as fs from 'fs';
import * as path from 'path';

import * as fc from 'fast-check';

import { resolvePairedPath } from '../export/paired';
import {
  FRESH_METADATA_VERSION,
  MAX_FRESH_METADATA_SIZE,
  mergeSettings,
  migrateFreshMetadata,
  validateFreshMetadata
} from '../metadata';
import { englishProblem, SettingsProblem } from '../problems';
import {
  DEFAULT_SETTINGS,
  IFreshSettings,
  ItemSpec,
  notebookOverrides,
  SETTING_SPECS,
  SettingSpec
} from '../settings';
import { CELL_FLAGS } from '../types';

const context = { notebookPath: 'work/analysis.ipynb' };
const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof IFreshSettings)[];

/** The notebook's `fresh` object with the given settings. */
const withSettings = (settings: unknown) => ({
  version: FRESH_METADATA_VERSION,
  settings
});

/** The problems as the CLI and the tests word them. */
function english(problems: readonly SettingsProblem[]): string[] {
  return problems.map(englishProblem);
}

describe('schema/settings.json', () => {
  const schema = JSON.parse(
    fs.readFileSync(
      path.resolve(__dirname, '..', '..', '..', 'schema', 'settings.json'),
      'utf-8'
    )
  );
  const properties: Record<string, Record<string, unknown>> = schema.properties;

  it('has exactly the settings of the core, with the same defaults', () => {
    expect(Object.keys(properties)).toEqual(KEYS);
    for (const key of KEYS) {
      expect([key, properties[key].default]).toEqual([
        key,
        DEFAULT_SETTINGS[key]
      ]);
    }
  });

  it('has the same types and bounds as the core validates', () => {
    for (const key of KEYS) {
      expect([key, properties[key]]).toEqual([
        key,
        expect.objectContaining(schemaOf(SETTING_SPECS[key]))
      ]);
    }
  });

  it('is closed, has no enum, and explains every setting', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema)).not.toContain('"enum"');
    for (const key of KEYS) {
      expect(typeof properties[key].title).toBe('string');
      expect(typeof properties[key].description).toBe('string');
    }
    for (const choice of choicesIn(schema)) {
      expect(typeof choice.title).toBe('string');
    }
  });

  it('has patterns that compile as JupyterLab compiles them (unicode)', () => {
    for (const pattern of patternsIn(schema)) {
      expect(() => new RegExp(pattern, 'u')).not.toThrow();
    }
  });

  it('has defaults the core accepts', () => {
    const defaults = Object.fromEntries(
      KEYS.map(key => [key, properties[key].default])
    );
    expect(
      english(mergeSettings(defaults, undefined, context).problems)
    ).toEqual([]);
  });

  it('refuses with its pattern what resolvePairedPath refuses for any notebook', () => {
    const spec = SETTING_SPECS.pairedFileName;
    const item = spec.kind === 'string' ? spec.item : null;
    if (!item || !('pattern' in item)) {
      throw new Error('pairedFileName has no pattern');
    }
    const pattern = new RegExp(item.pattern, 'u');
    const names = [
      '{name}.py',
      'scripts/{name}_clean.py',
      './{name}.py',
      'a..b.py',
      '../x.py',
      'a/../x.py',
      '/etc/x.py',
      'C:\\x.py',
      'C:x.py',
      '\\\\server\\x.py',
      'sub\\x.py',
      'x.txt',
      '{name}',
      '',
      '.py',
      'sub/.py',
      'a//b.py',
      'a\u0000.py',
      'a\u202e.py',
      'a\n.py'
    ];
    for (const name of names) {
      const accepted = 'path' in resolvePairedPath('nb.ipynb', name);
      expect([name, pattern.test(name)]).toEqual([name, accepted]);
    }
  });
});

describe('mergeSettings: layering', () => {
  it('gives the defaults when nothing is set', () => {
    const merged = mergeSettings(undefined, undefined, context);
    expect(merged.values).toEqual(DEFAULT_SETTINGS);
    expect(new Set(Object.values(merged.sources))).toEqual(
      new Set(['default'])
    );
    expect(english(merged.problems)).toEqual([]);
  });

  it('puts the notebook over the globals over the defaults', () => {
    const merged = mergeSettings(
      { badges: false, historyLimit: 50, magics: 'drop' },
      withSettings({ historyLimit: 10, extraMutators: ['push'] }),
      context
    );
    expect(english(merged.problems)).toEqual([]);
    expect(merged.values).toEqual({
      ...DEFAULT_SETTINGS,
      badges: false,
      magics: 'drop',
      historyLimit: 10,
      extraMutators: ['push']
    });
    expect(merged.sources.badges).toBe('default');
    expect(merged.sources.magics).toBe('default');
    expect(merged.sources.historyLimit).toBe('notebook');
    expect(merged.sources.extraMutators).toBe('notebook');
    expect(merged.sources.dataflow).toBe('default');
  });

  it('says "notebook" for a value the notebook stores even if it equals the global', () => {
    const merged = mergeSettings(
      { badges: false },
      withSettings({ badges: false }),
      context
    );
    expect(merged.sources.badges).toBe('notebook');
  });

  it('hands out copies: changing the result does not change the defaults', () => {
    const merged = mergeSettings(undefined, undefined, context);
    merged.values.badgeKinds.pop();
    merged.values.extraMutators.push('x');
    expect(DEFAULT_SETTINGS.badgeKinds).toEqual([...CELL_FLAGS]);
    expect(DEFAULT_SETTINGS.extraMutators).toEqual([]);
  });

  it('keeps badge kinds in the order of the UI, whatever order they were stored in', () => {
    const merged = mergeSettings(
      undefined,
      withSettings({ badgeKinds: ['error', 'stale'] }),
      context
    );
    expect(merged.values.badgeKinds).toEqual(['stale', 'error']);
  });

  it('reads the badge kind `hidden-state` of development builds as `deleted-code`', () => {
    const merged = mergeSettings(
      undefined,
      withSettings({ badgeKinds: ['hidden-state', 'stale'] }),
      context
    );
    expect(merged.values.badgeKinds).toEqual(['stale', 'deleted-code']);
    expect(merged.problems).toEqual([]);
    const both = mergeSettings(
      undefined,
      withSettings({ badgeKinds: ['hidden-state', 'deleted-code'] }),
      context
    );
    expect(both.values.badgeKinds).toEqual(['deleted-code']);
    expect(both.problems).toEqual([]);
  });

  it('reports an unusable default paired name only when pairing is on', () => {
    // A jupytext notebook `analysis.py` would be its own paired file.
    const jupytext = { notebookPath: 'work/analysis.py' };
    expect(
      english(mergeSettings(undefined, undefined, jupytext).problems)
    ).toEqual([]);
    const on = mergeSettings({ pairedFile: true }, undefined, jupytext);
    expect(english(on.problems)).toEqual([
      'The paired file name "{name}.py" must not name the notebook itself. No paired file is written.'
    ]);
  });
});

describe('notebookOverrides', () => {
  const globals: IFreshSettings = {
    ...DEFAULT_SETTINGS,
    badges: false,
    extraMutators: ['push']
  };

  it('keeps only the values that differ from the globals', () => {
    const values: IFreshSettings = {
      ...globals,
      badges: true,
      historyLimit: 20,
      extraMutators: ['push']
    };
    expect(notebookOverrides(values, globals)).toEqual({
      badges: true,
      historyLimit: 20
    });
    expect(notebookOverrides(globals, globals)).toEqual({});
  });

  it('compares lists by their items', () => {
    const values = { ...globals, extraMutators: ['push', 'pull'] };
    expect(notebookOverrides(values, globals)).toEqual({
      extraMutators: ['push', 'pull']
    });
    expect(
      notebookOverrides({ ...globals, extraMutators: ['push'] }, globals)
    ).toEqual({});
  });

  it('round-trips through metadata', () => {
    const values: IFreshSettings = {
      ...globals,
      badgeKinds: ['stale', 'error'],
      pairedFile: true,
      pairedFileName: 'scripts/{name}_clean.py',
      exportFormat: 'module'
    };
    const stored = withSettings(notebookOverrides(values, globals));
    const merged = mergeSettings(globals, JSON.parse(JSON.stringify(stored)), {
      notebookPath: 'work/analysis.ipynb'
    });
    expect(english(merged.problems)).toEqual([]);
    expect(merged.values).toEqual(values);
  });
});

describe('validation of bad values', () => {
  const bad: [keyof IFreshSettings, unknown, string][] = [
    ['badges', 'yes', 'must be true or false'],
    ['badges', 1, 'must be true or false'],
    ['dataflow', null, 'must be true or false'],
    ['badgeKinds', 'stale', 'must be a list of badge kinds'],
    ['badgeKinds', ['stale', 'fresh'], 'which "fresh" is not'],
    ['badgeKinds', ['stale', 'stale'], 'must not list "stale" twice'],
    ['extraMutators', 'fit', 'must be a list of method names'],
    ['extraMutators', ['fit', 'a b'], 'which "a b" is not'],
    ['extraMutators', ['fit()'], 'which "fit()" is not'],
    ['extraMutators', [3], 'which 3 is not'],
    ['extraMutators', ['x'.repeat(101)], 'at most 100 characters'],
    [
      'extraMutators',
      Array.from({ length: 201 }, (_, i) => `m${i}`),
      'at most 200 of them'
    ],
    ['exportFormat', 'pdf', 'must be one of "script", "module", "percent"'],
    ['magics', 'keep', 'must be one of "comment", "ipython", "drop"'],
    ['hoistImports', 'true', 'must be true or false'],
    ['skipTag', 'skip me', 'a cell tag without spaces or commas'],
    ['skipTag', '', 'a cell tag without spaces or commas'],
    ['skipTag', 'a,b', 'a cell tag without spaces or commas'],
    ['historyLimit', '200', 'must be a whole number from 0 to 5000'],
    ['historyLimit', 1.5, 'must be a whole number from 0 to 5000'],
    ['historyLimit', -1, 'must be a whole number from 0 to 5000'],
    ['historyLimit', 5001, 'must be a whole number from 0 to 5000'],
    ['keepSources', [], 'must be true or false'],
    ['pairedFileName', 42, 'must be text'],
    ['pairedFileName', '/etc/cron.py', 'must be relative'],
    ['pairedFileName', 'C:\\Users\\x.py', 'must be relative'],
    ['pairedFileName', '\\\\server\\share\\x.py', 'must be relative'],
    ['pairedFileName', '../x.py', "must stay inside the notebook's folder"],
    [
      'pairedFileName',
      'a/../../x.py',
      "must stay inside the notebook's folder"
    ],
    ['pairedFileName', 'sub/../x.py', "must stay inside the notebook's folder"],
    ['pairedFileName', 'a..b.py', 'must not contain `..`'],
    ['pairedFileName', '{name}.txt', 'must end in `.py`'],
    ['pairedFileName', '{name}', 'must end in `.py`'],
    ['pairedFileName', '', 'must not be empty'],
    ['pairedFileName', 'x\u0007.py', 'must not contain control characters'],
    ['pairedFileName', 'x\u202e.py', 'must not contain control characters'],
    ['pairedFileName', 'sub\\x.py', 'must separate folders with `/`'],
    ['pairedFileName', 'ab:c.py', 'must not contain `:`'],
    ['pairedFileName', 'a//b.py', 'must not contain empty folder names'],
    ['pairedFileName', 'sub/.py', 'must have a file name before `.py`'],
    ['pairedFileName', `${'x'.repeat(253)}.py`, 'at most 255 characters']
  ];

  it.each(bad)(
    'refuses fresh.settings.%s = %j and uses the default',
    (key, value, reason) => {
      const fresh = withSettings({ [key]: value, dropDisplayOnly: true });
      const merged = mergeSettings(undefined, fresh, context);
      expect(english(merged.problems)).toHaveLength(1);
      const problem = english(merged.problems)[0];
      expect(problem.startsWith(`\`fresh.settings.${key}\` `)).toBe(true);
      expect(problem).toContain(reason);
      expect(problem).toContain(
        `${JSON.stringify(value).slice(0, 60)}${JSON.stringify(value).length > 60 ? '…' : ''} was ignored.`
      );
      expect(merged.values[key]).toEqual(DEFAULT_SETTINGS[key]);
      expect(merged.sources[key]).toBe('default');
      // The valid neighbour is still applied.
      expect(merged.values.dropDisplayOnly).toBe(true);
      // A refused value is never written back.
      const validated = validateFreshMetadata(fresh, context);
      expect(validated.fresh?.settings).toEqual({ dropDisplayOnly: true });
      expect(key in notebookOverrides(merged.values, DEFAULT_SETTINGS)).toBe(
        false
      );
    }
  );

  it('turns the paired file off when the notebook asks for it under a refused name', () => {
    const fresh = withSettings({
      pairedFile: true,
      pairedFileName: '../../evil.py'
    });
    const merged = mergeSettings(undefined, fresh, context);
    expect(merged.values.pairedFile).toBe(false);
    expect(merged.sources.pairedFile).toBe('default');
    expect(merged.problems).toEqual([
      {
        kind: 'setting-refused',
        scope: 'notebook',
        key: 'pairedFileName',
        refusal: { kind: 'paired-name', why: { kind: 'outside-folder' } },
        value: '"../../evil.py"'
      },
      { kind: 'paired-file-off', scope: 'notebook' }
    ]);
    expect(english(merged.problems)).toEqual([
      expect.stringContaining('`fresh.settings.pairedFileName`'),
      expect.stringContaining(
        '`fresh.settings.pairedFile` was ignored too: no paired file is written'
      )
    ]);
    // With a valid name the same request stands.
    const valid = mergeSettings(
      undefined,
      withSettings({ pairedFile: true, pairedFileName: 'sub/{name}.py' }),
      context
    );
    expect(valid.values.pairedFile).toBe(true);
    expect(english(valid.problems)).toEqual([]);
  });

  it.each(bad)(
    'refuses the global setting %s = %j and uses the default',
    (key, value, reason) => {
      const merged = mergeSettings({ [key]: value }, undefined, context);
      expect(english(merged.problems)).toEqual([
        expect.stringMatching(
          new RegExp(`^The global Fresh setting \`${key}\` `)
        )
      ]);
      expect(english(merged.problems)[0]).toContain(reason);
      expect(merged.values[key]).toEqual(DEFAULT_SETTINGS[key]);
    }
  );

  it('writes the message the way the design asks', () => {
    const merged = mergeSettings(
      undefined,
      withSettings({ pairedFileName: '../x.py' }),
      context
    );
    expect(english(merged.problems)).toEqual([
      '`fresh.settings.pairedFileName` must stay inside the notebook\'s folder; "../x.py" was ignored.'
    ]);
    expect(merged.values.pairedFileName).toBe('{name}.py');
  });

  it('refuses a paired name that names the notebook itself (jupytext), in any case', () => {
    for (const name of ['{name}.py', 'Analysis.py', './analysis.py']) {
      const merged = mergeSettings(
        undefined,
        withSettings({ pairedFileName: name }),
        { notebookPath: 'work/analysis.py' }
      );
      expect(english(merged.problems)).toEqual([
        `\`fresh.settings.pairedFileName\` must not name the notebook itself; ${JSON.stringify(name)} was ignored.`
      ]);
    }
  });

  it('refuses unknown keys, in fresh, in fresh.settings and in the globals', () => {
    const merged = mergeSettings(
      { badges: true, colour: 'red' },
      { version: 1, settings: { badge: false }, extra: 1 },
      context
    );
    expect(merged.problems).toEqual([
      { kind: 'not-a-setting', scope: 'global', key: 'colour' },
      { kind: 'not-a-setting', scope: 'notebook', key: 'badge' },
      { kind: 'not-stored', key: 'extra' }
    ]);
    expect(english(merged.problems)).toEqual([
      'The global Fresh setting `colour` is not a Fresh setting; it was ignored.',
      '`fresh.settings.badge` is not a Fresh setting; it was ignored.',
      '`fresh.extra` is not something Fresh stores; it was ignored.'
    ]);
    expect(merged.values).toEqual(DEFAULT_SETTINGS);
  });

  it('is not fooled by keys of Object.prototype', () => {
    const fresh = JSON.parse(
      '{"version": 1, "settings": {"__proto__": {"badges": false}, "toString": 1, "constructor": 2},' +
        ' "cells": {"__proto__": {"executedHash": "0123456789abcdef"}}}'
    );
    const validated = validateFreshMetadata(fresh, context);
    expect(english(validated.problems)).toEqual([
      '`fresh.settings.__proto__` is not a Fresh setting; it was ignored.',
      '`fresh.settings.toString` is not a Fresh setting; it was ignored.',
      '`fresh.settings.constructor` is not a Fresh setting; it was ignored.'
    ]);
    const cells = validated.fresh?.cells ?? {};
    expect(Object.getPrototypeOf(cells)).toBe(Object.prototype);
    expect(Object.keys(cells)).toEqual(['__proto__']);
    expect(mergeSettings(undefined, fresh, context).values.badges).toBe(true);
  });

  it('escapes and shortens keys and values in messages', () => {
    const key = `a\n${'k'.repeat(100)}`;
    const problems = english(
      validateFreshMetadata(
        withSettings({ [key]: 1, skipTag: 'x y'.repeat(50) }),
        context
      ).problems
    );
    expect(problems[0]).toContain('`fresh.settings.a\\nkkkk');
    expect(problems[0]).not.toContain('\n');
    expect(problems[0].length).toBeLessThan(120);
    expect(problems[1]).toMatch(/… was ignored\.$/);
  });

  it('refuses settings that are not an object', () => {
    expect(
      english(validateFreshMetadata(withSettings([1]), context).problems)
    ).toEqual([
      '`fresh.settings` must be an object of setting names and values; [1] was ignored.'
    ]);
    expect(english(mergeSettings('x', undefined, context).problems)).toEqual([
      'The global Fresh settings must be an object of setting names and values; "x" was ignored.'
    ]);
  });

  it('keeps the valid entries of fresh.cells and drops the others', () => {
    const { fresh, problems } = validateFreshMetadata(
      {
        version: 1,
        cells: {
          a: { executedHash: '0123456789abcdef' },
          b: { executedHash: 'nothex' },
          c: 'x'
        }
      },
      context
    );
    expect(fresh?.cells).toEqual({ a: { executedHash: '0123456789abcdef' } });
    expect(problems).toEqual([{ kind: 'cells-dropped', count: 2 }]);
    expect(english(problems)).toEqual([
      '2 entries of `fresh.cells` had no valid `executedHash` and were ignored.'
    ]);
  });

  it('passes the history through untouched', () => {
    const history = { session: 'anything', executions: [{ odd: true }] };
    const { fresh, problems } = validateFreshMetadata(
      { version: 1, history },
      context
    );
    expect(fresh?.history).toBe(history);
    expect(problems).toEqual([]);
  });
});

describe('validation of the whole fresh object', () => {
  const history = (length: number) => ({
    executions: Array.from({ length }, () => ({}))
  });

  it('refuses history longer than the notebook limit, the global limit, or 5000', () => {
    const cases: [unknown, unknown, number, boolean][] = [
      [undefined, { version: 1, history: history(200) }, 200, true],
      [undefined, { version: 1, history: history(201) }, 200, false],
      [{ historyLimit: 10 }, { version: 1, history: history(11) }, 10, false],
      [
        { historyLimit: 10 },
        { version: 1, settings: { historyLimit: 20 }, history: history(20) },
        20,
        true
      ]
    ];
    for (const [globals, fresh, limit, kept] of cases) {
      const merged = mergeSettings(globals, fresh, context);
      expect(merged.values.historyLimit).toBe(limit);
      expect(merged.problems).toHaveLength(kept ? 0 : 1);
    }
    const long = validateFreshMetadata(
      { version: 1, history: history(5001) },
      context
    );
    expect(long.fresh?.history).toBeUndefined();
    expect(english(long.problems)).toEqual([
      '`fresh.history` holds 5001 executions, more than the limit of 5000 (`historyLimit`); the history was ignored.'
    ]);
    expect(
      validateFreshMetadata({ version: 1, history: history(5000) }, context)
        .problems
    ).toEqual([]);
  });

  it('refuses everything above 1 MiB, with one message', () => {
    const fresh = {
      version: 1,
      settings: { badges: false, historyLimit: 'x'.repeat(1100 * 1024) },
      extra: 1
    };
    const merged = mergeSettings({ magics: 'drop' }, fresh, context);
    expect(english(merged.problems)).toEqual([
      expect.stringContaining('is 1101 KiB, more than the 1024 KiB allowed')
    ]);
    expect(merged.values).toEqual({ ...DEFAULT_SETTINGS, magics: 'drop' });
    expect(validateFreshMetadata(fresh, context).fresh).toBeNull();
  });

  it('accepts up to 1 MiB', () => {
    const cells: Record<string, { executedHash: string }> = {};
    // Counted as it grows: stringifying the whole object each time would be quadratic.
    let size = JSON.stringify({ version: 1, cells }).length;
    for (let i = 0; size < MAX_FRESH_METADATA_SIZE - 100; i++) {
      const entry = { executedHash: '0123456789abcdef' };
      cells[`cell-${i}`] = entry;
      size += `"cell-${i}":`.length + JSON.stringify(entry).length + 1;
    }
    expect(JSON.stringify({ version: 1, cells }).length).toBeLessThanOrEqual(
      MAX_FRESH_METADATA_SIZE
    );
    const { fresh, problems } = validateFreshMetadata(
      { version: 1, cells },
      context
    );
    expect(problems).toEqual([]);
    expect(Object.keys(fresh?.cells ?? {})).toHaveLength(
      Object.keys(cells).length
    );
  });

  it('refuses what is not an object, or not JSON, without throwing', () => {
    const cyclic: Record<string, unknown> = { version: 1 };
    cyclic.self = cyclic;
    for (const value of [null, 3, 'fresh', [1], cyclic, { big: BigInt(1) }]) {
      const { fresh, problems } = validateFreshMetadata(value, context);
      expect(fresh).toBeNull();
      expect(problems).toHaveLength(1);
    }
  });

  it('treats absent metadata as empty, without problems', () => {
    expect(validateFreshMetadata(undefined, context)).toEqual({
      fresh: { version: FRESH_METADATA_VERSION, settings: {} },
      problems: []
    });
  });
});

describe('versions and migration', () => {
  it('is at version 1', () => {
    expect(FRESH_METADATA_VERSION).toBe(1);
  });

  it('moves version-0 settings from fresh to fresh.settings', () => {
    const v0 = {
      badges: false,
      historyLimit: 20,
      history: { executions: [] },
      cells: { a: { executedHash: '0123456789abcdef' } }
    };
    const before = JSON.stringify(v0);
    expect(migrateFreshMetadata(v0)).toEqual({
      version: 1,
      settings: { badges: false, historyLimit: 20 },
      history: { executions: [] },
      cells: { a: { executedHash: '0123456789abcdef' } }
    });
    expect(JSON.stringify(v0)).toBe(before);
  });

  it('applies migrated settings, and validates them like any other', () => {
    const merged = mergeSettings(
      undefined,
      { badges: false, pairedFileName: '/abs.py', colour: 1 },
      context
    );
    expect(merged.values.badges).toBe(false);
    expect(merged.sources.badges).toBe('notebook');
    expect(merged.values.pairedFileName).toBe('{name}.py');
    expect(english(merged.problems).sort()).toEqual([
      '`fresh.colour` is not something Fresh stores; it was ignored.',
      '`fresh.settings.pairedFileName` must be relative to the notebook\'s folder, not absolute; "/abs.py" was ignored.'
    ]);
  });

  it('keeps a settings object that a version-0 notebook already had', () => {
    expect(
      migrateFreshMetadata({ badges: false, settings: { dataflow: false } })
    ).toEqual({ version: 1, settings: { badges: false, dataflow: false } });
    const odd = validateFreshMetadata({ settings: 'x' }, context);
    expect(english(odd.problems)).toEqual([
      '`fresh.settings` must be an object of setting names and values; "x" was ignored.'
    ]);
  });

  it('leaves the current version as it is', () => {
    const current = { version: 1, settings: { badges: false } };
    expect(migrateFreshMetadata(current)).toBe(current);
  });

  it('refuses a newer version as a whole and writes nothing', () => {
    const fresh = { version: 2, settings: { badges: false }, future: {} };
    const validated = validateFreshMetadata(fresh, context);
    expect(validated.fresh).toBeNull();
    expect(english(validated.problems)).toEqual([
      'The Fresh data of this notebook has version 2, newer than this version of jupyterlab-fresh understands (1); it was ignored and will not be changed. Update jupyterlab-fresh to use it.'
    ]);
    const merged = mergeSettings({ badges: true }, fresh, context);
    expect(merged.values).toEqual(DEFAULT_SETTINGS);
    expect(merged.problems).toEqual(validated.problems);
  });

  it.each([['1'], [-1], [1.5], [null]])(
    'refuses version %j as a whole',
    version => {
      const { fresh, problems } = validateFreshMetadata(
        { version, settings: {} },
        context
      );
      expect(fresh).toBeNull();
      expect(problems).toEqual([
        { kind: 'fresh-bad-version', value: JSON.stringify(version) }
      ]);
      expect(english(problems)[0]).toContain(
        '`fresh.version` must be a whole number'
      );
    }
  );
});

describe('resolvePairedPath', () => {
  it.each([
    ['work/analysis.ipynb', '{name}.py', 'work/analysis.py'],
    ['work/analysis.ipynb', './{name}.py', 'work/analysis.py'],
    [
      'work/analysis.ipynb',
      'scripts/{name}_clean.py',
      'work/scripts/analysis_clean.py'
    ],
    ['analysis.ipynb', '{name}.py', 'analysis.py'],
    ['/analysis.ipynb', '{name}.py', 'analysis.py'],
    ['a/b/my.report.ipynb', '{name}-{name}.py', 'a/b/my.report-my.report.py'],
    ['work/analysis.ipynb', 'fixed.py', 'work/fixed.py']
  ])('pairs %s with %s as %s', (notebook, pattern, expected) => {
    expect(resolvePairedPath(notebook, pattern)).toEqual({ path: expected });
  });

  it('refuses a name that leaves the folder through the notebook name', () => {
    // A notebook called `...ipynb` has the base name `..`.
    expect(resolvePairedPath('work/...ipynb', '{name}/x.py')).toEqual({
      why: { kind: 'outside-folder' }
    });
    expect(
      englishProblem({
        kind: 'paired-file-name',
        name: '{name}/x.py',
        why: { kind: 'outside-folder' }
      })
    ).toBe(
      'The paired file name "{name}/x.py" must stay inside the notebook\'s folder. No paired file is written.'
    );
  });

  it('refuses what is not text', () => {
    expect(resolvePairedPath('a.ipynb', null as unknown as string)).toEqual({
      why: { kind: 'empty' }
    });
  });
});

describe('property: untrusted input never throws', () => {
  const settingKey = fc.constantFrom<string>(
    ...KEYS,
    'unknown',
    '__proto__',
    'toString'
  );
  const freshLike = fc.record(
    {
      version: fc.oneof(fc.constantFrom(0, 1, 2, -1, 1.5), fc.jsonValue()),
      settings: fc.oneof(
        fc.dictionary(settingKey, fc.jsonValue()),
        fc.jsonValue()
      ),
      history: fc.jsonValue(),
      cells: fc.jsonValue(),
      badges: fc.jsonValue(),
      other: fc.jsonValue()
    },
    { requiredKeys: [] }
  );
  const anyFresh = fc.oneof(fc.jsonValue(), freshLike);
  const anyGlobals = fc.oneof(
    fc.jsonValue(),
    fc.dictionary(settingKey, fc.jsonValue())
  );

  it('always gives valid settings, and says why for anything refused', () => {
    fc.assert(
      fc.property(anyGlobals, anyFresh, (globals, fresh) => {
        const merged = mergeSettings(globals, fresh, context);
        expect(Object.keys(merged.values).sort()).toEqual([...KEYS].sort());
        // What came out is accepted as it is, with no problem, from either source.
        const again = mergeSettings(
          merged.values,
          withSettings(merged.values),
          context
        );
        expect(english(again.problems)).toEqual([]);
        expect(again.values).toEqual(merged.values);
        for (const problem of english(merged.problems)) {
          expect(problem.length).toBeGreaterThan(0);
        }
        const validated = validateFreshMetadata(fresh, context);
        if (validated.fresh) {
          expect(
            mergeSettings(
              undefined,
              withSettings(validated.fresh.settings),
              context
            ).problems
          ).toEqual([]);
        }
      }),
      { numRuns: 500 }
    );
  });

  it('resolvePairedPath never throws and only gives paths inside the folder', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.stringOf(fc.constantFrom('a', '.', '/', '\\', '{name}', 'py', ':'))
        ),
        pattern => {
          const resolved = resolvePairedPath('work/nb.ipynb', pattern);
          if ('path' in resolved) {
            expect(resolved.path.startsWith('work/')).toBe(true);
            expect(resolved.path.endsWith('.py')).toBe(true);
            expect(resolved.path.split('/')).not.toContain('..');
          }
        }
      ),
      { numRuns: 2000 }
    );
  });
});

/** The schema properties a setting of this spec must have. */
function schemaOf(spec: SettingSpec): Record<string, unknown> {
  switch (spec.kind) {
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return {
        type: 'integer',
        minimum: spec.minimum,
        maximum: spec.maximum
      };
    case 'string':
      return { type: 'string', ...itemSchemaOf(spec.item) };
    case 'list':
      return {
        type: 'array',
        uniqueItems: true,
        maxItems: spec.maxItems,
        items: expect.objectContaining({
          type: 'string',
          ...itemSchemaOf(spec.item)
        })
      };
  }
}

function itemSchemaOf(item: ItemSpec): Record<string, unknown> {
  return 'choices' in item
    ? {
        oneOf: item.choices.map(choice =>
          expect.objectContaining({ const: choice })
        )
      }
    : { pattern: item.pattern, maxLength: item.maxLength };
}

/** Every `{const, title}` alternative in the schema. */
function choicesIn(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) {
    return value.flatMap(choicesIn);
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  const object = value as Record<string, unknown>;
  const own = 'const' in object ? [object] : [];
  return [...own, ...Object.values(object).flatMap(choicesIn)];
}

function patternsIn(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(patternsIn);
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  const object = value as Record<string, unknown>;
  const own = typeof object.pattern === 'string' ? [object.pattern] : [];
  return [...own, ...Object.values(object).flatMap(patternsIn)];
}
