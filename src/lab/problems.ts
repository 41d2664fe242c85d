/**
 * The lab's wording of what Fresh refused of the settings and of the notebook's `fresh` data
 * (`core/problems.ts`): sentences through the translator, keys and values as code, for
 * `FindingText` to render.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import {
  PairedNameRefusal,
  SettingRefusal,
  SettingsProblem,
  SettingsScope
} from '../core/problems';
import { ItemSpec, SettingSpec } from '../core/settings';
import { show, showKey } from '../core/show';
import { fill, list, Part } from './findings';

/** The words of a problem. */
export function problemParts(
  problem: SettingsProblem,
  trans: TranslationBundle
): Part[] {
  const code = (text: string): Part[] => [{ code: text }];
  switch (problem.kind) {
    case 'settings-not-object':
      return problem.scope === 'global'
        ? fill(
            a =>
              trans.__(
                'The global Fresh settings must be an object of setting names and values; %1 was ignored.',
                a
              ),
            code(problem.value)
          )
        : fill(
            (a, b) =>
              trans.__(
                '%1 must be an object of setting names and values; %2 was ignored.',
                a,
                b
              ),
            code('fresh.settings'),
            code(problem.value)
          );
    case 'not-a-setting':
      return fill(
        a => trans.__('%1 is not a Fresh setting; it was ignored.', a),
        where(problem.scope, problem.key, trans)
      );
    case 'setting-refused':
      return fill(
        (a, b, c) => trans.__('%1 %2; %3 was ignored.', a, b, c),
        where(problem.scope, problem.key, trans),
        refusalParts(problem.refusal, trans),
        code(problem.value)
      );
    case 'paired-file-off':
      return fill(
        a =>
          trans.__(
            '%1 was ignored too: no paired file is written while its name is refused.',
            a
          ),
        where(problem.scope, 'pairedFile', trans)
      );
    case 'paired-file-name':
      return fill(
        (a, b) =>
          trans.__(
            'The paired file name %1 %2. No paired file is written.',
            a,
            b
          ),
        code(show(problem.name)),
        pairedNameParts(problem.why, trans)
      );
    case 'fresh-not-json':
      return fill(
        a =>
          trans.__(
            'The Fresh data of this notebook (%1) is not valid JSON; it was ignored and will not be changed.',
            a
          ),
        code('fresh')
      );
    case 'fresh-too-large':
      return fill(
        a =>
          trans.__(
            'The Fresh data of this notebook (%1) is %2 KiB, more than the %3 KiB allowed; it was ignored and will not be changed. "Remove Fresh data from this notebook" clears it.',
            a,
            String(problem.kib),
            String(problem.limitKib)
          ),
        code('fresh')
      );
    case 'fresh-not-object':
      return fill(
        (a, b) =>
          trans.__(
            'The Fresh data of this notebook (%1) must be an object; %2 was ignored and will not be changed.',
            a,
            b
          ),
        code('fresh'),
        code(problem.value)
      );
    case 'fresh-bad-version':
      return fill(
        (a, b) =>
          trans.__(
            '%1 must be a whole number; %2 was found, so the Fresh data of this notebook was ignored and will not be changed.',
            a,
            b
          ),
        code('fresh.version'),
        code(problem.value)
      );
    case 'fresh-newer':
      return [
        trans.__(
          'The Fresh data of this notebook has version %1, newer than this version of jupyterlab-fresh understands (%2); it was ignored and will not be changed. Update jupyterlab-fresh to use it.',
          problem.version,
          problem.supported
        )
      ];
    case 'not-stored':
      return fill(
        a => trans.__('%1 is not something Fresh stores; it was ignored.', a),
        code(`fresh.${showKey(problem.key)}`)
      );
    case 'history-over-limit':
      return fill(
        (a, b) =>
          trans.__(
            '%1 holds %2 executions, more than the limit of %3 (%4); the history was ignored.',
            a,
            String(problem.count),
            String(problem.limit),
            b
          ),
        code('fresh.history'),
        code('historyLimit')
      );
    case 'cells-not-object':
      return fill(
        (a, b) =>
          trans.__(
            '%1 must be an object of cell ids and hashes; %2 was ignored.',
            a,
            b
          ),
        code('fresh.cells'),
        code(problem.value)
      );
    case 'cells-dropped':
      return fill(
        (a, b) =>
          trans._n(
            '%1 entry of %2 had no valid %3 and was ignored.',
            '%1 entries of %2 had no valid %3 and were ignored.',
            problem.count,
            a,
            b
          ),
        code('fresh.cells'),
        code('executedHash')
      );
    case 'history-not-object':
      return [
        trans.__(
          'The stored execution history is not an object; it was ignored.'
        )
      ];
    case 'history-not-list':
      return [
        trans.__(
          'The stored execution history is not a list of at most %1 executions; it was ignored.',
          problem.max
        )
      ];
    case 'executions-malformed':
      return [
        trans._n(
          '%1 stored execution was malformed and ignored.',
          '%1 stored executions were malformed and ignored.',
          problem.count
        )
      ];
    case 'executions-unknown':
      return [
        trans._n(
          '%1 stored execution ran code that is not in this notebook (its cell id or source changed outside Fresh) and kept no summary of it; it was ignored.',
          '%1 stored executions ran code that is not in this notebook (their cell ids or sources changed outside Fresh) and kept no summary of them; they were ignored.',
          problem.count
        )
      ];
    case 'session-malformed':
      return [
        trans.__('The stored kernel session is malformed; it was ignored.')
      ];
  }
}

function where(
  scope: SettingsScope,
  key: string,
  trans: TranslationBundle
): Part[] {
  return scope === 'global'
    ? fill(
        a => trans.__('The global Fresh setting %1', a),
        [{ code: showKey(key) }]
      )
    : [{ code: `fresh.settings.${showKey(key)}` }];
}

function refusalParts(
  refusal: SettingRefusal,
  trans: TranslationBundle
): Part[] {
  switch (refusal.kind) {
    case 'not-spec':
      return fill(
        a => trans.__('must be %1', a),
        specParts(refusal.spec, trans)
      );
    case 'too-many':
      return fill(
        a =>
          trans.__('must be %1, at most %2 of them', a, refusal.spec.maxItems),
        specParts(refusal.spec, trans)
      );
    case 'bad-item':
      return fill(
        (a, b) => trans.__('must be %1, which %2 is not', a, b),
        specParts(refusal.spec, trans),
        [{ code: refusal.item }]
      );
    case 'twice':
      return fill(
        a => trans.__('must not list %1 twice', a),
        [{ code: refusal.item }]
      );
    case 'not-text':
      return fill(
        a => trans.__('must be text, such as %1', a),
        [{ code: '"{name}.py"' }]
      );
    case 'paired-name':
      return pairedNameParts(refusal.why, trans);
  }
}

function pairedNameParts(
  why: PairedNameRefusal,
  trans: TranslationBundle
): Part[] {
  switch (why.kind) {
    case 'empty':
      return [trans.__('must not be empty')];
    case 'too-long':
      return [trans.__('must be at most %1 characters long', why.maxLength)];
    case 'control-characters':
      return [trans.__('must not contain control characters')];
    case 'absolute':
      return [
        trans.__("must be relative to the notebook's folder, not absolute")
      ];
    case 'backslash':
      return fill(
        (a, b) => trans.__('must separate folders with %1, not %2', a, b),
        [{ code: '/' }],
        [{ code: '\\' }]
      );
    case 'colon':
      return fill(a => trans.__('must not contain %1', a), [{ code: ':' }]);
    case 'outside-folder':
      return [trans.__("must stay inside the notebook's folder")];
    case 'dot-dot':
      return fill(a => trans.__('must not contain %1', a), [{ code: '..' }]);
    case 'not-py':
      return fill(a => trans.__('must end in %1', a), [{ code: '.py' }]);
    case 'empty-folder':
      return fill(
        a => trans.__('must not contain empty folder names (%1)', a),
        [{ code: '//' }]
      );
    case 'no-file-name':
      return fill(
        a => trans.__('must have a file name before %1', a),
        [{ code: '.py' }]
      );
    case 'the-notebook':
      return [trans.__('must not name the notebook itself')];
  }
}

function specParts(spec: SettingSpec, trans: TranslationBundle): Part[] {
  switch (spec.kind) {
    case 'boolean':
      return fill(
        (a, b) => trans.__('%1 or %2', a, b),
        [{ code: 'true' }],
        [{ code: 'false' }]
      );
    case 'integer':
      return [
        trans.__('a whole number from %1 to %2', spec.minimum, spec.maximum)
      ];
    case 'string':
      return itemParts(spec.item, trans);
    case 'list':
      return fill(
        (a, b) => trans.__('a list of %1, each %2', a, b),
        // The spec's own words, as the schema's descriptions are.
        [trans.__(spec.what)],
        itemParts(spec.item, trans)
      );
  }
}

function itemParts(item: ItemSpec, trans: TranslationBundle): Part[] {
  if ('choices' in item) {
    return fill(
      a => trans.__('one of %1', a),
      list(item.choices.map(choice => [{ code: JSON.stringify(choice) }]))
    );
  }
  // The spec's own words, as the schema's descriptions are; `…` in them is code.
  const description = trans
    .__(item.description)
    .split('`')
    .map((text, i): Part => (i % 2 === 1 ? { code: text } : text))
    .filter(part => part !== '');
  return fill(
    a => trans.__('%1 (at most %2 characters)', a, item.maxLength),
    description
  );
}
