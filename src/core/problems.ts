/**
 * What Fresh refused of the settings and of a notebook's `fresh` metadata, as data, and the
 * English wording of it (the lab words the same data through its translator: `lab/problems.ts`).
 * Keys are raw; `value` is the refused value as `show` renders it (JSON, cut short).
 */
import type { ItemSpec, SettingSpec } from './settings';
import { show, showKey } from './show';

/** Where a setting came from: the Settings Editor, or the notebook's `fresh.settings`. */
export type SettingsScope = 'global' | 'notebook';

/** Why a paired file name cannot be used. */
export type PairedNameRefusal =
  | { kind: 'empty' }
  | { kind: 'too-long'; maxLength: number }
  | { kind: 'control-characters' }
  | { kind: 'absolute' }
  | { kind: 'backslash' }
  | { kind: 'colon' }
  | { kind: 'outside-folder' }
  | { kind: 'dot-dot' }
  | { kind: 'not-py' }
  | { kind: 'empty-folder' }
  | { kind: 'no-file-name' }
  | { kind: 'the-notebook' };

/** Why one setting's value was refused: what the setting's spec asks for, and what it broke. */
export type SettingRefusal =
  | { kind: 'not-spec'; spec: SettingSpec }
  | { kind: 'too-many'; spec: SettingSpec & { kind: 'list' } }
  | { kind: 'bad-item'; spec: SettingSpec & { kind: 'list' }; item: string }
  | { kind: 'twice'; item: string }
  | { kind: 'not-text' }
  | { kind: 'paired-name'; why: PairedNameRefusal };

export type SettingsProblem =
  // The settings, global or the notebook's: the refused part is left to the default.
  | { kind: 'settings-not-object'; scope: SettingsScope; value: string }
  | { kind: 'not-a-setting'; scope: SettingsScope; key: string }
  | {
      kind: 'setting-refused';
      scope: SettingsScope;
      key: string;
      refusal: SettingRefusal;
      value: string;
    }
  | { kind: 'paired-file-off'; scope: SettingsScope }
  | { kind: 'paired-file-name'; name: string; why: PairedNameRefusal }
  // The whole `fresh` object, ignored and left as it is.
  | { kind: 'fresh-not-json' }
  | { kind: 'fresh-too-large'; kib: number; limitKib: number }
  | { kind: 'fresh-not-object'; value: string }
  | { kind: 'fresh-bad-version'; value: string }
  | { kind: 'fresh-newer'; version: number; supported: number }
  // Parts of `fresh`.
  | { kind: 'not-stored'; key: string }
  | { kind: 'history-over-limit'; count: number; limit: number }
  | { kind: 'cells-not-object'; value: string }
  | { kind: 'cells-dropped'; count: number }
  // The stored execution history, when it is restored.
  | { kind: 'history-not-object' }
  | { kind: 'history-not-list'; max: number }
  | { kind: 'executions-malformed'; count: number }
  | { kind: 'executions-unknown'; count: number }
  | { kind: 'session-malformed' };

/** `problem` as an English sentence (the CLI's and the tests' wording). */
export function englishProblem(problem: SettingsProblem): string {
  const fresh = 'The Fresh data of this notebook';
  const unchanged = 'was ignored and will not be changed';
  switch (problem.kind) {
    case 'settings-not-object':
      return `${problem.scope === 'global' ? 'The global Fresh settings' : '`fresh.settings`'} must be an object of setting names and values; ${problem.value} was ignored.`;
    case 'not-a-setting':
      return `${where(problem.scope, problem.key)} is not a Fresh setting; it was ignored.`;
    case 'setting-refused':
      return `${where(problem.scope, problem.key)} ${englishRefusal(problem.refusal)}; ${problem.value} was ignored.`;
    case 'paired-file-off':
      return `${where(problem.scope, 'pairedFile')} was ignored too: no paired file is written while its name is refused.`;
    case 'paired-file-name':
      return `The paired file name ${show(problem.name)} ${englishPairedName(problem.why)}. No paired file is written.`;
    case 'fresh-not-json':
      return `${fresh} (\`fresh\`) is not valid JSON; it ${unchanged}.`;
    case 'fresh-too-large':
      return `${fresh} (\`fresh\`) is ${problem.kib} KiB, more than the ${problem.limitKib} KiB allowed; it ${unchanged}. "Remove Fresh data from this notebook" clears it.`;
    case 'fresh-not-object':
      return `${fresh} (\`fresh\`) must be an object; ${problem.value} ${unchanged}.`;
    case 'fresh-bad-version':
      return `\`fresh.version\` must be a whole number; ${problem.value} was found, so the Fresh data of this notebook ${unchanged}.`;
    case 'fresh-newer':
      return `${fresh} has version ${problem.version}, newer than this version of jupyterlab-fresh understands (${problem.supported}); it ${unchanged}. Update jupyterlab-fresh to use it.`;
    case 'not-stored':
      return `\`fresh.${showKey(problem.key)}\` is not something Fresh stores; it was ignored.`;
    case 'history-over-limit':
      return `\`fresh.history\` holds ${problem.count} executions, more than the limit of ${problem.limit} (\`historyLimit\`); the history was ignored.`;
    case 'cells-not-object':
      return `\`fresh.cells\` must be an object of cell ids and hashes; ${problem.value} was ignored.`;
    case 'cells-dropped':
      return problem.count === 1
        ? '1 entry of `fresh.cells` had no valid `executedHash` and was ignored.'
        : `${problem.count} entries of \`fresh.cells\` had no valid \`executedHash\` and were ignored.`;
    case 'history-not-object':
      return 'The stored execution history is not an object; it was ignored.';
    case 'history-not-list':
      return `The stored execution history is not a list of at most ${problem.max} executions; it was ignored.`;
    case 'executions-malformed':
      return problem.count === 1
        ? '1 stored execution was malformed and ignored.'
        : `${problem.count} stored executions were malformed and ignored.`;
    case 'executions-unknown':
      return problem.count === 1
        ? '1 stored execution ran code that is not in this notebook (its cell id or source changed outside Fresh) and kept no summary of it; it was ignored.'
        : `${problem.count} stored executions ran code that is not in this notebook (their cell ids or sources changed outside Fresh) and kept no summary of them; they were ignored.`;
    case 'session-malformed':
      return 'The stored kernel session is malformed; it was ignored.';
  }
}

/** Completes "`key` ...": what the value must be. */
export function englishRefusal(refusal: SettingRefusal): string {
  switch (refusal.kind) {
    case 'not-spec':
      return `must be ${englishSpec(refusal.spec)}`;
    case 'too-many':
      return `must be ${englishSpec(refusal.spec)}, at most ${refusal.spec.maxItems} of them`;
    case 'bad-item':
      return `must be ${englishSpec(refusal.spec)}, which ${refusal.item} is not`;
    case 'twice':
      return `must not list ${refusal.item} twice`;
    case 'not-text':
      return 'must be text, such as "{name}.py"';
    case 'paired-name':
      return englishPairedName(refusal.why);
  }
}

/** Completes "The paired file name ...". */
export function englishPairedName(why: PairedNameRefusal): string {
  switch (why.kind) {
    case 'empty':
      return 'must not be empty';
    case 'too-long':
      return `must be at most ${why.maxLength} characters long`;
    case 'control-characters':
      return 'must not contain control characters';
    case 'absolute':
      return "must be relative to the notebook's folder, not absolute";
    case 'backslash':
      return 'must separate folders with `/`, not `\\`';
    case 'colon':
      return 'must not contain `:`';
    case 'outside-folder':
      return "must stay inside the notebook's folder";
    case 'dot-dot':
      return 'must not contain `..`';
    case 'not-py':
      return 'must end in `.py`';
    case 'empty-folder':
      return 'must not contain empty folder names (`//`)';
    case 'no-file-name':
      return 'must have a file name before `.py`';
    case 'the-notebook':
      return 'must not name the notebook itself';
  }
}

function englishSpec(spec: SettingSpec): string {
  switch (spec.kind) {
    case 'boolean':
      return 'true or false';
    case 'integer':
      return `a whole number from ${spec.minimum} to ${spec.maximum}`;
    case 'string':
      return englishItem(spec.item);
    case 'list':
      return `a list of ${spec.what}, each ${englishItem(spec.item)}`;
  }
}

function englishItem(item: ItemSpec): string {
  return 'choices' in item
    ? `one of ${item.choices.map(choice => JSON.stringify(choice)).join(', ')}`
    : `${item.description} (at most ${item.maxLength} characters)`;
}

function where(scope: SettingsScope, key: string): string {
  return scope === 'global'
    ? `The global Fresh setting \`${showKey(key)}\``
    : `\`fresh.settings.${showKey(key)}\``;
}
