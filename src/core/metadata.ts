/**
 * Writing the notebook's `fresh` metadata without destroying what Fresh refused to read. A value
 * refused on load (a traversal path, a wrong type, a key Fresh does not know) stays in the
 * notebook as it was, for the user to fix; what Fresh writes goes beside it, and only a reset
 * of the notebook's settings (or a valid value for the same setting) replaces it.
 */
import { isObject } from './notebook';
import {
  FRESH_METADATA_VERSION,
  IValidationContext,
  migrateFreshMetadata,
  validateFreshMetadata
} from './settings';

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
