/**
 * Settings: the global defaults (from the settings registry, `schema/settings.json`) layered
 * under the values a notebook stores in its metadata (`fresh.settings`, read through
 * `metadata.ts`), and the rule of each setting.
 *
 * Both sources are untrusted: a notebook can come from anyone, and the global settings may be
 * hand-edited JSON. A value that fails validation is refused with a sentence naming the key and
 * the value, the default is used instead, and nothing is thrown.
 */
import { MAGICS_MODES, MagicsMode } from './export/magics';
import { NOTEBOOK_FORMATS, NotebookFormat } from './export/options';
import {
  PAIRED_FILE_NAME,
  MAX_PAIRED_FILE_NAME,
  resolvePairedPath
} from './export/paired';
import { isObject } from './notebook';
import type {
  SettingRefusal,
  SettingsProblem,
  SettingsScope
} from './problems';
import { show } from './show';
import { CELL_FLAGS, CellFlag } from './types';

export interface IFreshSettings {
  /** Show badges on cells. */
  badges: boolean;
  /** Which flags get a badge. */
  badgeKinds: CellFlag[];
  /** A badge also on cells that ran, but not in this kernel, and show what Run All shows. */
  notInKernelBadge: boolean;
  /** Analyse names read and written; off leaves only edited, never-run and error. */
  dataflow: boolean;
  /** Method names that mutate their receiver, beyond the built-in table. */
  extraMutators: string[];
  exportFormat: NotebookFormat;
  magics: MagicsMode;
  hoistImports: boolean;
  markdownAsComments: boolean;
  dropDisplayOnly: boolean;
  /** Cells with this tag are left out of exports. */
  skipTag: string;
  /** Rewrite a paired `.py` file on every save. */
  pairedFile: boolean;
  /** Relative to the notebook's folder; `{name}` is the notebook's base name. */
  pairedFileName: string;
  /** Executions kept in notebook metadata. */
  historyLimit: number;
  /** Keep each execution's source in metadata. */
  keepSources: boolean;
}

export const DEFAULT_SETTINGS: IFreshSettings = {
  badges: true,
  badgeKinds: [...CELL_FLAGS],
  notInKernelBadge: false,
  dataflow: true,
  extraMutators: [],
  exportFormat: 'script',
  magics: 'comment',
  hoistImports: true,
  markdownAsComments: true,
  dropDisplayOnly: false,
  skipTag: 'fresh-skip',
  pairedFile: false,
  pairedFileName: '{name}.py',
  historyLimit: 200,
  keepSources: false
};

/** `default` covers both the global settings and the built-in defaults. */
export type SettingSource = 'notebook' | 'default';

export interface IEffectiveSettings {
  values: IFreshSettings;
  sources: Record<keyof IFreshSettings, SettingSource>;
  /** One per refused value (empty when all was valid). */
  problems: SettingsProblem[];
}

/** The description of one setting: its type and bounds. The schema must say the same. */
export type SettingSpec =
  | { kind: 'boolean' }
  | { kind: 'integer'; minimum: number; maximum: number }
  | { kind: 'string'; item: ItemSpec }
  | { kind: 'list'; item: ItemSpec; maxItems: number; what: string };

/** A string that is one of `choices`, or that matches `pattern` (a JSON Schema pattern). */
export type ItemSpec =
  | { choices: readonly string[] }
  | { pattern: string; maxLength: number; description: string };

export const MAX_HISTORY_LIMIT = 5000;
export const MAX_EXTRA_MUTATORS = 200;
const PYTHON_IDENTIFIER = '^[A-Za-z_][A-Za-z0-9_]*$';
const CELL_TAG = '^[^\\s,]+$';

const RULES: {
  readonly [K in keyof IFreshSettings]: IRule<IFreshSettings[K]>;
} = {
  badges: booleanRule(),
  badgeKinds: listRule<CellFlag>(
    { choices: CELL_FLAGS },
    CELL_FLAGS.length,
    'badge kinds',
    // The flag's name in development builds, which wrote it into notebooks.
    new Map([['hidden-state', 'deleted-code']])
  ),
  notInKernelBadge: booleanRule(),
  dataflow: booleanRule(),
  extraMutators: listRule<string>(
    {
      pattern: PYTHON_IDENTIFIER,
      maxLength: 100,
      description: 'a Python identifier such as `fit`'
    },
    MAX_EXTRA_MUTATORS,
    'method names'
  ),
  exportFormat: stringRule<NotebookFormat>({ choices: NOTEBOOK_FORMATS }),
  magics: stringRule<MagicsMode>({ choices: MAGICS_MODES }),
  hoistImports: booleanRule(),
  markdownAsComments: booleanRule(),
  dropDisplayOnly: booleanRule(),
  skipTag: stringRule<string>({
    pattern: CELL_TAG,
    maxLength: 100,
    description: 'a cell tag without spaces or commas'
  }),
  pairedFile: booleanRule(),
  pairedFileName: {
    spec: {
      kind: 'string',
      item: {
        pattern: PAIRED_FILE_NAME,
        maxLength: MAX_PAIRED_FILE_NAME,
        description: 'a relative path ending in `.py`'
      }
    },
    read: (value, notebookPath) => {
      if (typeof value !== 'string') {
        return { refused: { kind: 'not-text' } };
      }
      const resolved = resolvePairedPath(notebookPath, value);
      return 'why' in resolved
        ? { refused: { kind: 'paired-name', why: resolved.why } }
        : { value };
    }
  },
  historyLimit: integerRule(0, MAX_HISTORY_LIMIT),
  keepSources: booleanRule()
};

/** The type and bounds of every setting, for the schema test and for forms. */
export const SETTING_SPECS: {
  readonly [K in keyof IFreshSettings]: SettingSpec;
} = Object.fromEntries(
  Object.entries(RULES).map(([key, rule]) => [key, rule.spec])
) as { [K in keyof IFreshSettings]: SettingSpec };

/**
 * The global settings: the built-in defaults under what the settings registry holds (raw:
 * anything invalid is reported in `problems` and left to the default).
 */
export function globalSettings(
  globals: Partial<IFreshSettings> | unknown,
  notebookPath: string,
  problems: SettingsProblem[]
): IFreshSettings {
  return {
    ...copySettings(DEFAULT_SETTINGS),
    ...readGlobals(globals, notebookPath, problems)
  };
}

/**
 * The settings in effect for one notebook: its own values (`own`, already validated) over
 * the global ones (`base`), and where each comes from. `problems` are the refusals so far.
 */
export function layerSettings(
  base: IFreshSettings,
  own: Partial<IFreshSettings>,
  notebookPath: string,
  problems: SettingsProblem[]
): IEffectiveSettings {
  const values = { ...base, ...copySettings(own) };
  const sources = {} as Record<keyof IFreshSettings, SettingSource>;
  for (const key of settingKeys()) {
    sources[key] = own[key] === undefined ? 'default' : 'notebook';
  }
  if (values.pairedFile) {
    // Every value was checked, but the default name can still collide (a jupytext `.py`).
    const resolved = resolvePairedPath(notebookPath, values.pairedFileName);
    if ('why' in resolved) {
      problems.push({
        kind: 'paired-file-name',
        name: values.pairedFileName,
        why: resolved.why
      });
    }
  }
  return { values, sources, problems };
}

/** What to store in `fresh.settings`: only the values that differ from the globals. */
export function notebookOverrides(
  values: IFreshSettings,
  globals: IFreshSettings
): Partial<IFreshSettings> {
  const overrides: Partial<IFreshSettings> = {};
  for (const key of settingKeys()) {
    if (!sameValue(values[key], globals[key])) {
      assign(overrides, key, copyValue(values[key]));
    }
  }
  return overrides;
}

interface IRule<T> {
  spec: SettingSpec;
  /** The accepted value, or why it is refused. */
  read(
    value: unknown,
    notebookPath: string
  ): { value: T } | { refused: SettingRefusal };
}

function booleanRule(): IRule<boolean> {
  const spec: SettingSpec = { kind: 'boolean' };
  return {
    spec,
    read: value =>
      typeof value === 'boolean'
        ? { value }
        : { refused: { kind: 'not-spec', spec } }
  };
}

function integerRule(minimum: number, maximum: number): IRule<number> {
  const spec: SettingSpec = { kind: 'integer', minimum, maximum };
  return {
    spec,
    read: value =>
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= minimum &&
      value <= maximum
        ? { value }
        : { refused: { kind: 'not-spec', spec } }
  };
}

function stringRule<T extends string>(item: ItemSpec): IRule<T> {
  const spec: SettingSpec = { kind: 'string', item };
  return {
    spec,
    read: value =>
      isItem(value, item)
        ? { value: value as T }
        : { refused: { kind: 'not-spec', spec } }
  };
}

/** `renamed`: items read under their current name, for values stored before a rename. */
function listRule<T extends string>(
  item: ItemSpec,
  maxItems: number,
  what: string,
  renamed?: ReadonlyMap<unknown, string>
): IRule<T[]> {
  const spec = { kind: 'list', item, maxItems, what } as const;
  return {
    spec,
    read: stored => {
      if (!Array.isArray(stored)) {
        return { refused: { kind: 'not-spec', spec } };
      }
      // An old name beside its new one is the same item once.
      const value = renamed
        ? stored.flatMap(entry => {
            const current = renamed.get(entry);
            return current === undefined
              ? [entry]
              : stored.includes(current)
                ? []
                : [current];
          })
        : stored;
      if (value.length > maxItems) {
        return { refused: { kind: 'too-many', spec } };
      }
      const bad = value.find(entry => !isItem(entry, item));
      if (bad !== undefined) {
        return { refused: { kind: 'bad-item', spec, item: show(bad) } };
      }
      const twice = value.find((entry, i) => value.indexOf(entry) !== i);
      if (twice !== undefined) {
        return { refused: { kind: 'twice', item: show(twice) } };
      }
      return { value: [...value] as T[] };
    }
  };
}

/** Own keys only: `toString` or `__proto__` from a notebook are not settings. */
export function isSettingKey(key: string): key is keyof IFreshSettings {
  return Object.prototype.hasOwnProperty.call(DEFAULT_SETTINGS, key);
}

function settingKeys(): (keyof IFreshSettings)[] {
  return Object.keys(DEFAULT_SETTINGS) as (keyof IFreshSettings)[];
}

/** Lists are copied so that callers cannot change the defaults or each other's values. */
function copySettings<T extends Partial<IFreshSettings>>(settings: T): T {
  const copy = { ...settings };
  for (const key of Object.keys(copy) as (keyof T)[]) {
    copy[key] = copyValue(copy[key]);
  }
  return copy;
}

function copyValue<T>(value: T): T {
  return (Array.isArray(value) ? [...value] : value) as T;
}

/** The global settings: anything invalid is reported and left to the default. */
function readGlobals(
  globals: unknown,
  notebookPath: string,
  problems: SettingsProblem[]
): Partial<IFreshSettings> {
  if (globals === undefined || globals === null) {
    return {};
  }
  return readSettings(globals, 'global', notebookPath, problems);
}

/**
 * The valid settings of `value`; a problem for each refused one. `global`: from the settings
 * registry; `notebook`: from `fresh.settings`.
 */
export function readSettings(
  value: unknown,
  scope: SettingsScope,
  notebookPath: string,
  problems: SettingsProblem[]
): Partial<IFreshSettings> {
  const settings: Partial<IFreshSettings> = {};
  if (!isObject(value)) {
    problems.push({ kind: 'settings-not-object', scope, value: show(value) });
    return settings;
  }
  const refused = new Set<string>();
  for (const [key, item] of Object.entries(value)) {
    if (!isSettingKey(key)) {
      problems.push({ kind: 'not-a-setting', scope, key });
      continue;
    }
    const read = RULES[key].read(item, notebookPath);
    if ('refused' in read) {
      refused.add(key);
      problems.push({
        kind: 'setting-refused',
        scope,
        key,
        refusal: read.refused,
        value: show(item)
      });
    } else {
      assign(settings, key, normalise(key, read.value));
    }
  }
  // Whoever asked for a paired file asked for that name: no file under another one.
  if (refused.has('pairedFileName') && settings.pairedFile === true) {
    delete settings.pairedFile;
    problems.push({ kind: 'paired-file-off', scope });
  }
  return settings;
}

function assign<K extends keyof IFreshSettings>(
  target: Partial<IFreshSettings>,
  key: K,
  value: unknown
): void {
  // The rule for `key` produced `value`, so it has the type of `key`'s setting.
  target[key] = value as IFreshSettings[K];
}

function isItem(value: unknown, item: ItemSpec): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  return 'choices' in item
    ? item.choices.includes(value)
    : value.length <= item.maxLength &&
        new RegExp(item.pattern, 'u').test(value);
}

/** Sets have no order: badge kinds are kept in the order the UI lists them. */
function normalise(key: keyof IFreshSettings, value: unknown): unknown {
  return key === 'badgeKinds' && Array.isArray(value)
    ? CELL_FLAGS.filter(flag => value.includes(flag))
    : value;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => item === b[i]);
  }
  return a === b;
}
