/**
 * The notebook's `fresh` metadata, owned here: its key, layout version and migrations, size
 * limit, validation, and writing it without destroying what Fresh refused to read. The lab,
 * `nbfresh check` and the history writer (`history.ts`) all go through this module.
 *
 * A value refused on load (a traversal path, a wrong type, a key Fresh does not know) stays in
 * the notebook as it was, for the user to fix; what Fresh writes goes beside it, and only a
 * reset of the notebook's settings (or a valid value for the same setting) replaces it.
 */
import { isSourceHash } from './hash';
import { isObject } from './notebook';
import {
  globalSettings,
  IEffectiveSettings,
  IFreshSettings,
  isSettingKey,
  layerSettings,
  MAX_HISTORY_LIMIT,
  readSettings
} from './settings';
import type { SettingsProblem } from './problems';
import { show } from './show';

/** The notebook metadata key under which Fresh keeps everything it stores. */
export const FRESH_KEY = 'fresh';

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

/**
 * The settings in effect for one notebook: the notebook's own values over the global ones.
 * `globals` is what the settings registry holds; `notebookFresh` the raw `fresh` metadata.
 */
export function mergeSettings(
  globals: Partial<IFreshSettings> | unknown,
  notebookFresh: unknown,
  context: { notebookPath: string }
): IEffectiveSettings {
  const problems: SettingsProblem[] = [];
  const base = globalSettings(globals, context.notebookPath, problems);
  const validated = validateFreshMetadata(notebookFresh, {
    notebookPath: context.notebookPath,
    historyLimit: base.historyLimit
  });
  problems.push(...validated.problems);
  const own = validated.fresh?.settings ?? {};
  return layerSettings(base, own, context.notebookPath, problems);
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
): { fresh: IFreshMetadata | null; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
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
        problems.push({ kind: 'not-stored', key });
    }
  }
  const limit =
    fresh.settings.historyLimit ?? context.historyLimit ?? MAX_HISTORY_LIMIT;
  const executions = isObject(fresh.history)
    ? fresh.history.executions
    : undefined;
  if (Array.isArray(executions) && executions.length > limit) {
    problems.push({
      kind: 'history-over-limit',
      count: executions.length,
      limit
    });
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
 * `fresh.cells[id].executedHash` of a notebook's raw `fresh` metadata, migrated; none when the
 * whole object is refused (a newer version, too large...). Malformed entries are left out.
 */
export function storedCellHashes(fresh: unknown): Map<string, string> {
  if (fresh === undefined || refuseWhole(fresh) !== null) {
    return new Map();
  }
  // `refuseWhole` lets only objects through.
  const cells = migrateFreshMetadata(fresh as Record<string, unknown>).cells;
  return new Map(
    Object.entries(cells === undefined ? {} : readCells(cells, [])).map(
      ([id, entry]) => [id, entry.executedHash]
    )
  );
}

/**
 * The stored `fresh` object in the current layout, everything in it kept, for a change to be
 * written back; null when it is refused as a whole (too large, a newer version...), since
 * writing it would destroy it.
 */
export function writableFresh(
  stored: unknown,
  context: IValidationContext
): Record<string, unknown> | null {
  if (validateFreshMetadata(stored, context).fresh === null) {
    return null;
  }
  // Validation refuses anything but an object (or nothing).
  const current = isObject(stored) ? migrateFreshMetadata(stored) : {};
  return { ...current, version: FRESH_METADATA_VERSION };
}

/**
 * `fresh` with `overrides` as the notebook's settings, and the stored entries that validation
 * refused kept unless `overrides` sets the same key. No settings left: no `settings` key.
 */
export function withSettings(
  fresh: Record<string, unknown>,
  overrides: Record<string, unknown>,
  context: IValidationContext
): Record<string, unknown> {
  const { settings: _old, ...rest } = fresh;
  const refused = refusedSettings(fresh.settings, context);
  const hasOverrides = Object.keys(overrides).length > 0;
  if (!isObject(refused)) {
    // `settings` itself was refused (not an object): new values replace it, else it stays.
    return hasOverrides ? { ...rest, settings: overrides } : fresh;
  }
  const settings = { ...refused, ...overrides };
  return Object.keys(settings).length > 0 ? { ...rest, settings } : rest;
}

/** `fresh` without the notebook's settings, refused ones included: the reset. */
export function withoutSettings(
  fresh: Record<string, unknown>
): Record<string, unknown> {
  const { settings: _old, ...rest } = fresh;
  return rest;
}

/**
 * The entries of a stored `settings` that validation does not accept, as they are (or the
 * whole value when it is not an object).
 */
function refusedSettings(
  settings: unknown,
  context: IValidationContext
): unknown {
  if (settings === undefined || !isObject(settings)) {
    return settings ?? {};
  }
  const accepted =
    validateFreshMetadata(
      { version: FRESH_METADATA_VERSION, settings },
      context
    ).fresh?.settings ?? {};
  return Object.fromEntries(
    Object.entries(settings).filter(
      ([key]) => !Object.prototype.hasOwnProperty.call(accepted, key)
    )
  );
}

/** `fresh.cells`: entries without a valid hash are dropped. */
function readCells(
  value: unknown,
  problems: SettingsProblem[]
): Record<string, { executedHash: string }> {
  if (!isObject(value)) {
    problems.push({ kind: 'cells-not-object', value: show(value) });
    return {};
  }
  const entries = Object.entries(value).filter(
    (entry): entry is [string, { executedHash: string }] =>
      isObject(entry[1]) && isSourceHash(entry[1].executedHash)
  );
  const dropped = Object.keys(value).length - entries.length;
  if (dropped > 0) {
    problems.push({ kind: 'cells-dropped', count: dropped });
  }
  // fromEntries defines own properties: a cell id `__proto__` cannot change the prototype.
  return Object.fromEntries(
    entries.map(([id, entry]) => [id, { executedHash: entry.executedHash }])
  );
}

/** Why the whole `fresh` object must be refused, or null. */
function refuseWhole(value: unknown): SettingsProblem | null {
  const size = jsonLength(value);
  if (size === null) {
    return { kind: 'fresh-not-json' };
  }
  if (size > MAX_FRESH_METADATA_SIZE) {
    return {
      kind: 'fresh-too-large',
      kib: Math.ceil(size / 1024),
      limitKib: MAX_FRESH_METADATA_SIZE / 1024
    };
  }
  if (!isObject(value)) {
    return { kind: 'fresh-not-object', value: show(value) };
  }
  const version = value.version;
  if (
    version !== undefined &&
    (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
  ) {
    return { kind: 'fresh-bad-version', value: show(version) };
  }
  if (typeof version === 'number' && version > FRESH_METADATA_VERSION) {
    return {
      kind: 'fresh-newer',
      version,
      supported: FRESH_METADATA_VERSION
    };
  }
  return null;
}

function jsonLength(value: unknown): number | null {
  try {
    return JSON.stringify(value)?.length ?? null;
  } catch {
    // Cycles, BigInt, or nesting too deep for the stack: not something a notebook holds.
    return null;
  }
}
