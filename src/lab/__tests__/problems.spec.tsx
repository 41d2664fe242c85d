import { nullTranslator } from '@jupyterlab/translation';

import { englishProblem, SettingsProblem } from '../../core/problems';
import { SETTING_SPECS } from '../../core/settings';
import { problemParts } from '../problems';

const trans = nullTranslator.load('jupyterlab_fresh');

/** One problem of each kind: a new kind without an entry here does not compile. */
const SAMPLES: { [K in SettingsProblem['kind']]: SettingsProblem[] } = {
  'settings-not-object': [
    { kind: 'settings-not-object', scope: 'global', value: '"x"' },
    { kind: 'settings-not-object', scope: 'notebook', value: '[1]' }
  ],
  'not-a-setting': [{ kind: 'not-a-setting', scope: 'global', key: 'colour' }],
  'setting-refused': [
    ...Object.entries(SETTING_SPECS).map(([key, spec]): SettingsProblem => ({
      kind: 'setting-refused',
      scope: 'notebook',
      key,
      refusal: { kind: 'not-spec', spec },
      value: '3'
    })),
    {
      kind: 'setting-refused',
      scope: 'global',
      key: 'badgeKinds',
      refusal: { kind: 'too-many', spec: SETTING_SPECS.badgeKinds as never },
      value: '[…]'
    },
    {
      kind: 'setting-refused',
      scope: 'notebook',
      key: 'extraMutators',
      refusal: {
        kind: 'bad-item',
        spec: SETTING_SPECS.extraMutators as never,
        item: '"1x"'
      },
      value: '["1x"]'
    },
    {
      kind: 'setting-refused',
      scope: 'notebook',
      key: 'badgeKinds',
      refusal: { kind: 'twice', item: '"stale"' },
      value: '["stale","stale"]'
    },
    {
      kind: 'setting-refused',
      scope: 'notebook',
      key: 'pairedFileName',
      refusal: { kind: 'not-text' },
      value: '1'
    },
    ...(
      [
        { kind: 'empty' },
        { kind: 'too-long', maxLength: 255 },
        { kind: 'control-characters' },
        { kind: 'absolute' },
        { kind: 'backslash' },
        { kind: 'colon' },
        { kind: 'outside-folder' },
        { kind: 'dot-dot' },
        { kind: 'not-py' },
        { kind: 'empty-folder' },
        { kind: 'no-file-name' },
        { kind: 'the-notebook' }
      ] as const
    ).map((why): SettingsProblem => ({
      kind: 'setting-refused',
      scope: 'notebook',
      key: 'pairedFileName',
      refusal: { kind: 'paired-name', why },
      value: '"x"'
    }))
  ],
  'paired-file-off': [{ kind: 'paired-file-off', scope: 'notebook' }],
  'paired-file-name': [
    {
      kind: 'paired-file-name',
      name: '{name}.py',
      why: { kind: 'the-notebook' }
    }
  ],
  'fresh-not-json': [{ kind: 'fresh-not-json' }],
  'fresh-too-large': [{ kind: 'fresh-too-large', kib: 1100, limitKib: 1024 }],
  'fresh-not-object': [{ kind: 'fresh-not-object', value: '3' }],
  'fresh-bad-version': [{ kind: 'fresh-bad-version', value: '"1"' }],
  'fresh-newer': [{ kind: 'fresh-newer', version: 2, supported: 1 }],
  'not-stored': [{ kind: 'not-stored', key: 'extra' }],
  'history-over-limit': [
    { kind: 'history-over-limit', count: 5001, limit: 5000 }
  ],
  'cells-not-object': [{ kind: 'cells-not-object', value: '[]' }],
  'cells-dropped': [
    { kind: 'cells-dropped', count: 1 },
    { kind: 'cells-dropped', count: 2 }
  ],
  'history-not-object': [{ kind: 'history-not-object' }],
  'history-not-list': [{ kind: 'history-not-list', max: 10000 }],
  'executions-malformed': [
    { kind: 'executions-malformed', count: 1 },
    { kind: 'executions-malformed', count: 3 }
  ],
  'executions-unknown': [
    { kind: 'executions-unknown', count: 1 },
    { kind: 'executions-unknown', count: 2 }
  ],
  'session-malformed': [{ kind: 'session-malformed' }]
};

describe('the lab words settings problems', () => {
  const problems = Object.values(SAMPLES).flat();

  it.each(problems.map(problem => [englishProblem(problem), problem]))(
    'as the CLI does, with code apart: %s',
    (english, problem) => {
      const parts = problemParts(problem as SettingsProblem, trans);
      const text = parts
        .map(part =>
          typeof part === 'string' ? part : 'code' in part ? part.code : ''
        )
        .join('');
      // The English marks code with backticks (and leaves quoted values bare); the lab keeps
      // code apart as parts, so the two agree once the backticks are gone.
      expect(text).toBe((english as string).replace(/`/g, ''));
      expect(
        parts.some(part => typeof part !== 'string' && 'cell' in part)
      ).toBe(false);
    }
  );

  it('keeps keys and refused values as code, never inside translated text', () => {
    const parts = problemParts(
      {
        kind: 'setting-refused',
        scope: 'notebook',
        key: 'skipTag',
        refusal: { kind: 'not-spec', spec: SETTING_SPECS.skipTag },
        value: '"a b"'
      },
      trans
    );
    expect(parts).toContainEqual({ code: 'fresh.settings.skipTag' });
    expect(parts).toContainEqual({ code: '"a b"' });
  });
});
