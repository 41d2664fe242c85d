/**
 * Settings: the global defaults (from the settings registry, `schema/settings.json`) layered
 * under the values a notebook stores in its metadata (`fresh.settings`), and the validation of
 * everything under `fresh`.
 *
 * Both sources are untrusted: a notebook can come from anyone, and the global settings may be
 * hand-edited JSON. A value that fails validation is refused with a sentence naming the key and
 * the value, the default is used instead, and nothing is thrown.
 */
import { MagicsMode } from './export/magics';
import { isSourceHash } from './hash';
import { isObject } from './notebook';
import { CELL_FLAGS, CellFlag } from './types';

export type ExportFormat = 'script' | 'module' | 'percent';

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
  exportFormat: ExportFormat;
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
  /** Sentences a person can act on, one per refused value (empty when all was valid). */
  problems: string[];
}

/** The `fresh` metadata object after validation (and migration to the current version). */
export interface IFreshMetadata {
  version: number;
  /** Only the valid values; the notebook's overrides of the global settings. */
  settings: Partial<IFreshSettings>;
  /** Passed through untouched: `restoreHistory` validates it. */
  history?: unknown;
  cells?: Record<string, { executedHash: string }>;
}

export interface IValidationContext {
  /** The notebook's path (Contents API, `/`-separated), for `pairedFileName`. */
  notebookPath: string;
  /** The limit on stored executions when the notebook does not set its own. */
  historyLimit?: number;
}

/** The description of one setting: its type and bounds. The schema must say the same. */
export type SettingSpec =
  | { kind: 'boolean' }
  | { kind: 'integer'; minimum: number; maximum: number }
  | { kind: 'string'; item: ItemSpec }
  | { kind: 'list'; item: ItemSpec; maxItems: number };

/** A string that is one of `choices`, or that matches `pattern` (a JSON Schema pattern). */
export type ItemSpec =
  | { choices: readonly string[] }
  | { pattern: string; maxLength: number; description: string };

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  'script',
  'module',
  'percent'
];
export const MAGICS_MODES: readonly MagicsMode[] = [
  'comment',
  'ipython',
  'drop'
];
export const MAX_HISTORY_LIMIT = 5000;
export const MAX_EXTRA_MUTATORS = 200;
/**
 * Above this (length of its JSON), the whole `fresh` object is refused. The writer keeps under
 * it (`freshWithHistory`); a run cell costs ~70 bytes of hash, so 10,000-cell notebooks fit.
 */
export const MAX_FRESH_METADATA_SIZE = 1024 * 1024;

/**
 * Each step turns version `i` into version `i + 1`; a new layout adds one step.
 * Steps get an object whose version is `i` and need not set the new version.
 */
const MIGRATIONS: ReadonlyArray<
  (fresh: Record<string, unknown>) => Record<string, unknown>
> = [
  // 0 → 1: the settings sat directly under `fresh`; they move to `fresh.settings`.
  fresh => {
    const moved: Record<string, unknown> = {};
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fresh)) {
      if (isSettingKey(key)) {
        moved[key] = value;
      } else if (key !== 'version' && key !== 'settings') {
        rest[key] = value;
      }
    }
    // A `settings` key was not part of this layout: kept as is (and validated) if odd.
    const nested = fresh.settings ?? {};
    return {
      ...rest,
      settings: isObject(nested) ? { ...moved, ...nested } : nested
    };
  }
];

/** The version of the `fresh` layout this code writes. */
export const FRESH_METADATA_VERSION = MIGRATIONS.length;

const PYTHON_IDENTIFIER = '^[A-Za-z_][A-Za-z0-9_]*$';
const CELL_TAG = '^[^\\s,]+$';
/**
 * What can be checked without knowing the notebook (for the schema); `resolvePairedPath`
 * checks the same and more, with a reason for each refusal: relative, no `..`, no `//`,
 * no `\` or `:`, no control characters, a name before `.py`.
 */
const PAIRED_FILE_NAME =
  '^(?!/)(?!.*\\.\\.)(?!.*//)[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069\\\\:]*[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069\\\\:/]\\.py$';
const MAX_PAIRED_FILE_NAME = 255;

const RULES: {
  readonly [K in keyof IFreshSettings]: IRule<IFreshSettings[K]>;
} = {
  badges: booleanRule(),
  badgeKinds: listRule<CellFlag>(
    { choices: CELL_FLAGS },
    CELL_FLAGS.length,
    'badge kinds'
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
  exportFormat: stringRule<ExportFormat>({ choices: EXPORT_FORMATS }),
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
        return { refused: 'must be text, such as "{name}.py"' };
      }
      const resolved = pairedPath(notebookPath, value);
      return 'reason' in resolved ? { refused: resolved.reason } : { value };
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
 * The settings in effect for one notebook: the notebook's own values over the global ones.
 * `globals` is what the settings registry holds; `notebookFresh` the raw `fresh` metadata.
 */
export function mergeSettings(
  globals: Partial<IFreshSettings> | unknown,
  notebookFresh: unknown,
  context: { notebookPath: string }
): IEffectiveSettings {
  const problems: string[] = [];
  const base: IFreshSettings = {
    ...copySettings(DEFAULT_SETTINGS),
    ...readGlobals(globals, context.notebookPath, problems)
  };
  const validated = validateFreshMetadata(notebookFresh, {
    notebookPath: context.notebookPath,
    historyLimit: base.historyLimit
  });
  problems.push(...validated.problems);
  const own = validated.fresh?.settings ?? {};
  const values = { ...base, ...copySettings(own) };
  const sources = {} as Record<keyof IFreshSettings, SettingSource>;
  for (const key of settingKeys()) {
    sources[key] = own[key] === undefined ? 'default' : 'notebook';
  }
  if (values.pairedFile) {
    // Every value was checked, but the default name can still collide (a jupytext `.py`).
    const resolved = resolvePairedPath(
      context.notebookPath,
      values.pairedFileName
    );
    if ('error' in resolved) {
      problems.push(`${resolved.error} No paired file is written.`);
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

/**
 * Validates the whole `fresh` object of a notebook, migrating older layouts first.
 *
 * `fresh: null` means the object was refused as a whole (too large, a newer or broken
 * version, not an object): use the defaults and do not write `fresh` back, which would
 * destroy what is there. Absent metadata gives an empty current-version object.
 */
export function validateFreshMetadata(
  value: unknown,
  context: IValidationContext
): { fresh: IFreshMetadata | null; problems: string[] } {
  const problems: string[] = [];
  if (value === undefined) {
    return {
      fresh: { version: FRESH_METADATA_VERSION, settings: {} },
      problems
    };
  }
  const refusal = refuseWhole(value);
  if (refusal !== null) {
    return { fresh: null, problems: [refusal] };
  }
  // `refuseWhole` lets only objects through.
  const migrated = migrateFreshMetadata(value as Record<string, unknown>);
  const fresh: IFreshMetadata = {
    version: FRESH_METADATA_VERSION,
    settings: {}
  };
  for (const [key, item] of Object.entries(migrated)) {
    switch (key) {
      case 'version':
        break;
      case 'settings':
        fresh.settings = readSettings(
          item,
          'notebook',
          context.notebookPath,
          problems
        );
        break;
      case 'history':
        fresh.history = item;
        break;
      case 'cells':
        fresh.cells = readCells(item, problems);
        break;
      default:
        problems.push(
          `\`fresh.${showKey(key)}\` is not something Fresh stores; it was ignored.`
        );
    }
  }
  const limit =
    fresh.settings.historyLimit ?? context.historyLimit ?? MAX_HISTORY_LIMIT;
  const executions = isObject(fresh.history)
    ? fresh.history.executions
    : undefined;
  if (Array.isArray(executions) && executions.length > limit) {
    problems.push(
      `\`fresh.history\` holds ${executions.length} executions, more than the limit of ${limit} (\`historyLimit\`); the history was ignored.`
    );
    delete fresh.history;
  }
  return { fresh, problems };
}

/**
 * Brings an older `fresh` layout to the current version, one step per version. A version it
 * does not know (newer, or not a whole number) is returned unchanged for the caller to refuse.
 * Does not modify its argument.
 */
export function migrateFreshMetadata(
  value: Record<string, unknown>
): Record<string, unknown> {
  const version = value.version ?? 0;
  if (
    typeof version !== 'number' ||
    !Number.isInteger(version) ||
    version < 0 ||
    version >= FRESH_METADATA_VERSION
  ) {
    return value;
  }
  let migrated = value;
  for (let step = version; step < FRESH_METADATA_VERSION; step++) {
    migrated = { ...MIGRATIONS[step](migrated), version: step + 1 };
  }
  return migrated;
}

/**
 * The path of the paired file for a notebook, relative to the server root like
 * `notebookPath`, or why `pattern` cannot be used. Folders below the notebook's are allowed.
 */
export function resolvePairedPath(
  notebookPath: string,
  pattern: string
): { path: string } | { error: string } {
  const resolved = pairedPath(notebookPath, pattern);
  return 'reason' in resolved
    ? {
        error: `The paired file name ${show(pattern)} ${resolved.reason}.`
      }
    : resolved;
}

interface IRule<T> {
  spec: SettingSpec;
  /** The accepted value, or why it is refused (completes "`key` must ..."). */
  read(
    value: unknown,
    notebookPath: string
  ): { value: T } | { refused: string };
}

function booleanRule(): IRule<boolean> {
  return {
    spec: { kind: 'boolean' },
    read: value =>
      typeof value === 'boolean'
        ? { value }
        : { refused: 'must be true or false' }
  };
}

function integerRule(minimum: number, maximum: number): IRule<number> {
  return {
    spec: { kind: 'integer', minimum, maximum },
    read: value =>
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= minimum &&
      value <= maximum
        ? { value }
        : { refused: `must be a whole number from ${minimum} to ${maximum}` }
  };
}

function stringRule<T extends string>(item: ItemSpec): IRule<T> {
  return {
    spec: { kind: 'string', item },
    read: value =>
      isItem(value, item)
        ? { value: value as T }
        : { refused: `must be ${describeItem(item)}` }
  };
}

function listRule<T extends string>(
  item: ItemSpec,
  maxItems: number,
  what: string
): IRule<T[]> {
  const kind = `a list of ${what}, each ${describeItem(item)}`;
  return {
    spec: { kind: 'list', item, maxItems },
    read: value => {
      if (!Array.isArray(value)) {
        return { refused: `must be ${kind}` };
      }
      if (value.length > maxItems) {
        return { refused: `must be ${kind}, at most ${maxItems} of them` };
      }
      const bad = value.find(entry => !isItem(entry, item));
      if (bad !== undefined) {
        return {
          refused: `must be ${kind}, which ${show(bad)} is not`
        };
      }
      const twice = value.find((entry, i) => value.indexOf(entry) !== i);
      if (twice !== undefined) {
        return { refused: `must not list ${show(twice)} twice` };
      }
      return { value: [...value] as T[] };
    }
  };
}

/** Own keys only: `toString` or `__proto__` from a notebook are not settings. */
function isSettingKey(key: string): key is keyof IFreshSettings {
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

const MAX_SHOWN = 60;
/** C0 and C1 controls, and the bidirectional overrides that make a name read differently. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The global settings: anything invalid is reported and left to the default. */
function readGlobals(
  globals: unknown,
  notebookPath: string,
  problems: string[]
): Partial<IFreshSettings> {
  if (globals === undefined || globals === null) {
    return {};
  }
  return readSettings(globals, 'global', notebookPath, problems);
}

function readSettings(
  value: unknown,
  scope: 'global' | 'notebook',
  notebookPath: string,
  problems: string[]
): Partial<IFreshSettings> {
  const settings: Partial<IFreshSettings> = {};
  const where = (key: string) =>
    scope === 'global'
      ? `The global Fresh setting \`${showKey(key)}\``
      : `\`fresh.settings.${showKey(key)}\``;
  if (!isObject(value)) {
    problems.push(
      scope === 'global'
        ? `The global Fresh settings must be an object of setting names and values; ${show(value)} was ignored.`
        : `\`fresh.settings\` must be an object of setting names and values; ${show(value)} was ignored.`
    );
    return settings;
  }
  const refused = new Set<string>();
  for (const [key, item] of Object.entries(value)) {
    if (!isSettingKey(key)) {
      problems.push(`${where(key)} is not a Fresh setting; it was ignored.`);
      continue;
    }
    const read = RULES[key].read(item, notebookPath);
    if ('refused' in read) {
      refused.add(key);
      problems.push(
        `${where(key)} ${read.refused}; ${show(item)} was ignored.`
      );
    } else {
      assign(settings, key, normalise(key, read.value));
    }
  }
  // Whoever asked for a paired file asked for that name: no file under another one.
  if (refused.has('pairedFileName') && settings.pairedFile === true) {
    delete settings.pairedFile;
    problems.push(
      `${where('pairedFile')} was ignored too: no paired file is written while its name is refused.`
    );
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

/** `fresh.cells`: entries without a valid hash are dropped. */
function readCells(
  value: unknown,
  problems: string[]
): Record<string, { executedHash: string }> {
  if (!isObject(value)) {
    problems.push(
      `\`fresh.cells\` must be an object of cell ids and hashes; ${show(value)} was ignored.`
    );
    return {};
  }
  const entries = Object.entries(value).filter(
    (entry): entry is [string, { executedHash: string }] =>
      isObject(entry[1]) && isSourceHash(entry[1].executedHash)
  );
  const dropped = Object.keys(value).length - entries.length;
  if (dropped > 0) {
    problems.push(
      `${dropped} ${dropped === 1 ? 'entry' : 'entries'} of \`fresh.cells\` had no valid \`executedHash\` and ${dropped === 1 ? 'was' : 'were'} ignored.`
    );
  }
  // fromEntries defines own properties: a cell id `__proto__` cannot change the prototype.
  return Object.fromEntries(
    entries.map(([id, entry]) => [id, { executedHash: entry.executedHash }])
  );
}

/** Why the whole `fresh` object must be refused, or null. */
function refuseWhole(value: unknown): string | null {
  const size = jsonLength(value);
  if (size === null) {
    return 'The Fresh data of this notebook (`fresh`) is not valid JSON; it was ignored and will not be changed.';
  }
  if (size > MAX_FRESH_METADATA_SIZE) {
    return `The Fresh data of this notebook (\`fresh\`) is ${Math.ceil(size / 1024)} KiB, more than the ${MAX_FRESH_METADATA_SIZE / 1024} KiB allowed; it was ignored and will not be changed. "Remove Fresh data from this notebook" clears it.`;
  }
  if (!isObject(value)) {
    return `The Fresh data of this notebook (\`fresh\`) must be an object; ${show(value)} was ignored and will not be changed.`;
  }
  const version = value.version;
  if (
    version !== undefined &&
    (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
  ) {
    return `\`fresh.version\` must be a whole number; ${show(version)} was found, so the Fresh data of this notebook was ignored and will not be changed.`;
  }
  if (typeof version === 'number' && version > FRESH_METADATA_VERSION) {
    return `The Fresh data of this notebook has version ${version}, newer than this version of jupyterlab-fresh understands (${FRESH_METADATA_VERSION}); it was ignored and will not be changed. Update jupyterlab-fresh to use it.`;
  }
  return null;
}

/** The notebook-independent checks first, then the resolved path. */
function pairedPath(
  notebookPath: string,
  pattern: string
): { path: string } | { reason: string } {
  if (typeof pattern !== 'string' || pattern.length === 0) {
    return { reason: 'must not be empty' };
  }
  if (pattern.length > MAX_PAIRED_FILE_NAME) {
    return {
      reason: `must be at most ${MAX_PAIRED_FILE_NAME} characters long`
    };
  }
  if (CONTROL.test(pattern)) {
    return { reason: 'must not contain control characters' };
  }
  if (
    pattern.startsWith('/') ||
    pattern.startsWith('\\') ||
    /^[A-Za-z]:/.test(pattern)
  ) {
    return {
      reason: "must be relative to the notebook's folder, not absolute"
    };
  }
  if (pattern.includes('\\')) {
    return { reason: 'must separate folders with `/`, not `\\`' };
  }
  if (pattern.includes(':')) {
    return { reason: 'must not contain `:`' };
  }
  if (pattern.split('/').includes('..')) {
    return { reason: "must stay inside the notebook's folder" };
  }
  if (pattern.includes('..')) {
    return { reason: 'must not contain `..`' };
  }
  if (!pattern.endsWith('.py')) {
    return { reason: 'must end in `.py`' };
  }
  const segments = pattern
    .split('{name}')
    .join(baseName(notebookPath))
    .split('/')
    .filter(segment => segment !== '.');
  if (segments.some(segment => segment === '')) {
    return { reason: 'must not contain empty folder names (`//`)' };
  }
  if (segments.includes('..')) {
    return { reason: "must stay inside the notebook's folder" };
  }
  if (segments[segments.length - 1] === '.py') {
    return { reason: 'must have a file name before `.py`' };
  }
  const notebook = notebookPath.replace(/^\/+/, '');
  const folder = notebook.includes('/')
    ? notebook.slice(0, notebook.lastIndexOf('/') + 1)
    : '';
  const path = folder + segments.join('/');
  // Case-insensitive file systems (macOS, Windows) would see the same file.
  if (path.toLowerCase() === notebook.toLowerCase()) {
    return { reason: 'must not name the notebook itself' };
  }
  return { path };
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

function describeItem(item: ItemSpec): string {
  return 'choices' in item
    ? `one of ${item.choices.map(choice => JSON.stringify(choice)).join(', ')}`
    : `${item.description} (at most ${item.maxLength} characters)`;
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

/** A value as it appears in a message: JSON, shortened. */
function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = 'a value that is not JSON';
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** A key as it appears in a message: control characters escaped, shortened. */
function showKey(key: string): string {
  const text = JSON.stringify(key).slice(1, -1);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** The notebook's file name without its extension (`a/b.ipynb` → `b`). */
function baseName(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}

function jsonLength(value: unknown): number | null {
  try {
    return JSON.stringify(value)?.length ?? null;
  } catch {
    // Cycles, BigInt, or nesting too deep for the stack: not something a notebook holds.
    return null;
  }
}
