import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { SettingsProblem } from '../core/problems';
import { IFreshSettings, SETTING_SPECS, SettingSpec } from '../core/settings';
import { CELL_FLAGS, CellFlag } from '../core/types';
import { IFreshNotebook } from '../tokens';
import { flagLabel } from './badges';
import { cellNames, FindingText } from './findings';
import { problemParts } from './problems';

type Key = keyof IFreshSettings;

/** Labels and help of each setting, translated (the schema says the same for the editor). */
function describe(trans: TranslationBundle): Record<Key, [string, string]> {
  return {
    badges: [
      trans.__('Badges on cells'),
      trans.__('Show a badge beside flagged cells.')
    ],
    badgeKinds: [trans.__('Badge kinds'), trans.__('Which flags get a badge.')],
    notInKernelBadge: [
      trans.__('Badge cells not run in this kernel'),
      trans.__(
        'Also badge cells that ran in an earlier kernel and show what Run All would; their prompt is dimmed either way.'
      )
    ],
    dataflow: [
      trans.__('Dataflow analysis'),
      trans.__(
        'Track names read and written; off leaves only edited, not run and error.'
      )
    ],
    extraMutators: [
      trans.__('Extra mutating methods'),
      trans.__(
        'Method names that change their object in place, separated by commas.'
      )
    ],
    exportFormat: [
      trans.__('Export format'),
      trans.__('What "Export" writes by default.')
    ],
    magics: [
      trans.__('Magics in exports'),
      trans.__('Comment out, keep as IPython calls, or drop.')
    ],
    hoistImports: [
      trans.__('Hoist imports'),
      trans.__('Move imports to the top of exports.')
    ],
    markdownAsComments: [
      trans.__('Markdown as comments'),
      trans.__('Keep markdown cells in exports as comments.')
    ],
    dropDisplayOnly: [
      trans.__('Drop display-only cells'),
      trans.__(
        'Leave out cells that only show something and feed nothing later.'
      )
    ],
    skipTag: [
      trans.__('Skip tag'),
      trans.__('Cells with this tag are left out of exports.')
    ],
    pairedFile: [
      trans.__('Paired file'),
      trans.__('Rewrite a paired .py file on every save.')
    ],
    pairedFileName: [
      trans.__('Paired file name'),
      trans.__(
        'Relative to the notebook; {name} is the notebook name. Must end in .py.'
      )
    ],
    historyLimit: [
      trans.__('History kept'),
      trans.__(
        'How many executions are kept in the notebook to restore flags after a reload.'
      )
    ],
    keepSources: [
      trans.__('Keep sources in history'),
      trans.__(
        'Also keep the code of each execution (larger files; may keep secrets).'
      )
    ]
  };
}

/** The Settings tab: this notebook's settings over the global defaults. */
export function SettingsView(props: {
  fresh: IFreshNotebook;
  trans: TranslationBundle;
}): JSX.Element {
  const { fresh, trans } = props;
  const { values, sources, problems } = fresh.settings;
  const [refused, setRefused] = React.useState<SettingsProblem[]>([]);
  const labels = describe(trans);
  // Problems name no cell; `FindingText` wants the names all the same.
  const names = cellNames(fresh.context.model, trans);
  const set = <K extends Key>(key: K, value: IFreshSettings[K]) => {
    setRefused(fresh.setNotebookSettings({ ...values, [key]: value }));
  };
  const removeData = async () => {
    const result = await showDialog({
      title: trans.__('Remove Fresh data from this notebook?'),
      body: trans.__(
        'This removes the settings and execution history that Fresh stored in the notebook. Nothing more is stored while the notebook stays open.'
      ),
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.warnButton({ label: trans.__('Remove') })
      ]
    });
    if (result.button.accept) {
      fresh.removeFreshData();
    }
  };
  return (
    <div className="jp-Fresh-settings">
      {[...problems, ...refused].map((problem, i) => (
        <p key={i} className="jp-Fresh-warning" data-fresh-problem="">
          <FindingText
            parts={problemParts(problem, trans)}
            names={names}
            trans={trans}
          />
        </p>
      ))}
      {(Object.keys(SETTING_SPECS) as Key[]).map(key => (
        <div key={key} className="jp-Fresh-setting" data-fresh-setting={key}>
          <label className="jp-Fresh-settingLabel">
            <span>{labels[key][0]}</span>
            <span
              className="jp-Fresh-settingSource"
              data-fresh-source={sources[key]}
            >
              {sources[key] === 'notebook'
                ? trans.__('this notebook')
                : trans.__('default')}
            </span>
          </label>
          <Control
            spec={SETTING_SPECS[key]}
            value={values[key]}
            label={labels[key][0]}
            trans={trans}
            onChange={value => set(key, value as IFreshSettings[typeof key])}
          />
          <div className="jp-Fresh-settingHelp">{labels[key][1]}</div>
        </div>
      ))}
      <div className="jp-Fresh-actions">
        <button
          className="jp-mod-styled jp-mod-reject"
          onClick={() => fresh.resetSettings()}
        >
          {trans.__('Reset to defaults')}
        </button>
        <button
          className="jp-mod-styled jp-mod-warn"
          onClick={() => void removeData()}
        >
          {trans.__('Remove Fresh data from this notebook')}
        </button>
      </div>
    </div>
  );
}

type Value = IFreshSettings[Key];

/** One input for a setting, from its spec (type and bounds come from the core). */
function Control(props: {
  spec: SettingSpec;
  value: Value;
  label: string;
  trans: TranslationBundle;
  onChange: (value: Value) => void;
}): JSX.Element {
  const { spec, value, label, trans, onChange } = props;
  switch (spec.kind) {
    case 'boolean':
      return (
        <input
          type="checkbox"
          aria-label={label}
          checked={value === true}
          onChange={event => onChange(event.target.checked)}
        />
      );
    case 'integer':
      return (
        <CommitInput
          label={label}
          type="number"
          value={String(value)}
          onCommit={text => onChange(Number(text))}
        />
      );
    case 'string':
      return 'choices' in spec.item ? (
        <select
          className="jp-mod-styled"
          aria-label={label}
          value={String(value)}
          onChange={event => onChange(event.target.value as Value)}
        >
          {spec.item.choices.map(choice => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      ) : (
        <CommitInput
          label={label}
          type="text"
          value={String(value)}
          onCommit={onChange}
        />
      );
    case 'list': {
      const list = value as string[];
      if ('choices' in spec.item) {
        // The only list of choices is which flags get badges.
        return (
          <div className="jp-Fresh-choices" role="group" aria-label={label}>
            {spec.item.choices.map(choice => (
              <label key={choice}>
                <input
                  type="checkbox"
                  checked={list.includes(choice)}
                  onChange={event =>
                    onChange(
                      CELL_FLAGS.filter(flag =>
                        flag === choice
                          ? event.target.checked
                          : list.includes(flag)
                      )
                    )
                  }
                />
                {flagLabel(choice as CellFlag, trans)}
              </label>
            ))}
          </div>
        );
      }
      return (
        <CommitInput
          label={label}
          type="text"
          value={list.join(', ')}
          onCommit={text =>
            onChange(
              text
                .split(',')
                .map(item => item.trim())
                .filter(item => item !== '')
            )
          }
        />
      );
    }
  }
}

/** A text field that commits on Enter or when it loses focus, not on every key. */
function CommitInput(props: {
  label: string;
  type: 'text' | 'number';
  value: string;
  onCommit: (text: string) => void;
}): JSX.Element {
  const [text, setText] = React.useState(props.value);
  React.useEffect(() => setText(props.value), [props.value]);
  const commit = () => {
    if (text !== props.value) {
      props.onCommit(text);
    }
  };
  return (
    <input
      className="jp-mod-styled"
      aria-label={props.label}
      type={props.type}
      value={text}
      onChange={event => setText(event.target.value)}
      onBlur={commit}
      onKeyDown={event => {
        if (event.key === 'Enter') {
          commit();
        }
      }}
    />
  );
}
