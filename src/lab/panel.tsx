import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { NotebookPanel } from '@jupyterlab/notebook';
import { ReactWidget, SidePanel } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { Message } from '@lumino/messaging';
import { AccordionPanel, SplitPanel } from '@lumino/widgets';
import * as React from 'react';

import { IMissingName } from '../core/check';
import { firstLine, timelineEntries } from '../core/timeline';
import { CELL_FLAGS, ICellStatus } from '../core/types';
import { CommandIDs, IFreshNotebook, TRANSLATION_DOMAIN } from '../tokens';
import { flagLabel } from './badges';
import {
  cellName,
  cellNames,
  cellTitle,
  FindingText,
  planWarningParts,
  ICellNames,
  reasonParts
} from './findings';
import { freshIcon } from './icons';
import { problemParts } from './problems';
import { SettingsView } from './settingsview';

/**
 * The Fresh side panel: problems of the current notebook with "Bring up to date", the
 * execution timeline, and the dependencies of the active cell. It follows the notebook it is
 * given; the plugin feeds it the current notebook of the shell.
 */
export class FreshPanel extends SidePanel {
  constructor(options: FreshPanel.IOptions) {
    const translator = options.translator ?? nullTranslator;
    super({ translator });
    const trans = translator.load(TRANSLATION_DOMAIN);
    this.id = 'jp-Fresh-panel';
    this.addClass('jp-Fresh-panel');
    this.title.icon = freshIcon;
    this.title.caption = trans.__('Fresh');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', trans.__('Fresh: notebook freshness'));

    const title = document.createElement('h2');
    title.className = 'jp-Fresh-panelTitle';
    title.textContent = trans.__('Fresh');
    this.header.node.appendChild(title);

    const context = { trans, commands: options.commands };
    this._views = [
      new Private.View(context, trans.__('Problems'), 'problems', ProblemsView),
      new Private.View(
        context,
        trans.__('Dependencies'),
        'dependencies',
        DependenciesView
      ),
      new Private.View(context, trans.__('Timeline'), 'timeline', TimelineView),
      new Private.View(context, trans.__('Settings'), 'settings', SettingsView)
    ];
    this._views.forEach(view => this.addWidget(view));
    // Problems gets half the height to start with and most of what the panel gains; the
    // sections stay resizable by their handles.
    const shares = [5, 2, 2, 1];
    this._views.forEach((view, i) => SplitPanel.setStretch(view, shares[i]));
    if (this.content instanceof AccordionPanel) {
      this.content.setRelativeSizes(shares);
    }
    this._onChanged();
  }

  /** The notebook the panel shows, or null. */
  get fresh(): IFreshNotebook | null {
    return this._fresh;
  }

  /**
   * Shows a notebook as seen in `view`, the view the user is in: its active cell is the one
   * the dependencies are shown for (another view of the notebook may have another).
   */
  follow(view: NotebookPanel | null, fresh: IFreshNotebook | null): void {
    if (this._fresh === fresh && this._view === view) {
      return;
    }
    this._fresh?.changed.disconnect(this._onChanged, this);
    this._view?.content.activeCellChanged.disconnect(this._onChanged, this);
    this._fresh = fresh;
    this._view = fresh ? view : null;
    fresh?.changed.connect(this._onChanged, this);
    this._view?.content.activeCellChanged.connect(this._onChanged, this);
    this._onChanged();
  }

  private _onChanged(): void {
    const count = this._fresh
      ? this._fresh.statuses.filter(cell => cell.flags.length > 0).length
      : 0;
    this.title.label = count > 0 ? String(count) : '';
    this.node.dataset.freshProblems = String(count);
    this._views.forEach(view => view.setNotebook(this._view, this._fresh));
  }

  private _fresh: IFreshNotebook | null = null;
  private _view: NotebookPanel | null = null;
  private _views: Private.View[];
}

export namespace FreshPanel {
  export interface IOptions {
    commands: CommandRegistry;
    translator?: ITranslator;
  }
}

interface IViewProps {
  fresh: IFreshNotebook;
  /** The view of the notebook the user is in. */
  view: NotebookPanel;
  trans: TranslationBundle;
  commands: CommandRegistry;
}

/**
 * Lists in the panel show this many entries; the rest are counted. Rendering stays cheap while
 * a long notebook runs (the badges show every cell either way).
 */
const LIST_LIMIT = 100;

/** The position and source of each cell, by id: one pass per render, not one per link. */
function cellLookup(
  fresh: IFreshNotebook
): Map<string, { index: number; source: string }> {
  const lookup = new Map<string, { index: number; source: string }>();
  fresh.cells().forEach((cell, index) => {
    lookup.set(cell.id, { index, source: cell.source });
  });
  return lookup;
}

/** "and N more" after a list cut at LIST_LIMIT. */
function More(props: { hidden: number; trans: TranslationBundle }) {
  const { hidden, trans } = props;
  return hidden > 0 ? (
    <li className="jp-Fresh-more">
      {trans._n('and %1 more', 'and %1 more', hidden)}
    </li>
  ) : null;
}

/** The names of the notebook's cells, and following a link to one by position. */
function cellLinks(props: IViewProps): {
  names: ICellNames;
  onCell: (index: number) => void;
} {
  const { fresh, commands, trans } = props;
  const model = fresh.context.model;
  return {
    names: cellNames(model, trans),
    onCell: index => {
      const cellId = model.cells.get(index)?.id;
      if (cellId !== undefined) {
        void commands.execute(CommandIDs.jumpToCell, { cellId });
      }
    }
  };
}

/** `[20] first line` of a cell (`cell 24 first line` before it ran), by id. */
function CellLink(
  props: IViewProps & {
    cellId: string;
    lookup: Map<string, { index: number; source: string }>;
    names: ICellNames;
  }
): JSX.Element {
  const { cellId, commands, trans, names } = props;
  const cell = props.lookup.get(cellId);
  if (!cell) {
    return (
      <span className="jp-Fresh-cellLink">{trans.__('(deleted cell)')}</span>
    );
  }
  return (
    <button
      className="jp-Fresh-cellLink"
      data-fresh-cell={cellId}
      title={cellTitle(cell.index, names, trans)}
      onClick={() => void commands.execute(CommandIDs.jumpToCell, { cellId })}
    >
      <span className="jp-Fresh-cellNumber">{names.name(cell.index)}</span>{' '}
      <code className="jp-Fresh-preview" title={cell.source.trim()}>
        {firstLine(cell.source, 60)}
      </code>
    </button>
  );
}

function ProblemsView(props: IViewProps): JSX.Element {
  const { fresh, trans, commands } = props;
  const { result } = fresh;
  const flagged = result.cells.filter(cell => cell.flags.length > 0);
  // Cells whose last run, in an earlier kernel, gave what Run All gives: not a problem.
  const quiet = result.cells.filter(
    cell => cell.flags.length === 0 && cell.notInKernel
  ).length;
  const groups = CELL_FLAGS.map(flag => ({
    flag,
    cells: flagged.filter(cell => cell.flags[0] === flag)
  })).filter(group => group.cells.length > 0);
  const lookup = cellLookup(fresh);
  const links = cellLinks(props);
  const { problems } = fresh.settings;
  return (
    <div className="jp-Fresh-problems" data-fresh-count={flagged.length}>
      {problems.length > 0 && (
        // The sentences Settings lists, so that both say what was refused and why.
        <p className="jp-Fresh-notice" data-fresh-notice="metadata">
          <FindingText
            parts={problemParts(problems[0], trans)}
            names={links.names}
            trans={trans}
          />{' '}
          {problems.length === 1
            ? trans.__('See Settings.')
            : trans._n(
                'See Settings for %1 more.',
                'See Settings for %1 more.',
                problems.length - 1
              )}
        </p>
      )}
      {fresh.language !== 'python' && (
        <p className="jp-Fresh-notice" data-fresh-notice="language">
          {trans.__(
            'The kernel language is %1: dataflow flags (stale, out of order, deleted code) are off; edited, not run and error are shown.',
            fresh.language
          )}
        </p>
      )}
      <div className="jp-Fresh-actions">
        <button
          className="jp-mod-styled jp-mod-accept jp-Fresh-bringUpToDate"
          disabled={result.plan.length === 0}
          onClick={() => void commands.execute(CommandIDs.bringUpToDate)}
        >
          {result.restart
            ? trans._n(
                'Restart and run %1 cell',
                'Restart and run %1 cells',
                result.plan.length
              )
            : trans.__('Bring up to date')}
        </button>
        <span
          className="jp-Fresh-planSize"
          data-fresh-plan={result.plan.join(' ')}
          data-fresh-restart={result.restart}
        >
          {result.plan.length === 0
            ? trans.__('Nothing to run')
            : result.restart
              ? trans.__('the kernel restarts first')
              : trans._n('runs %1 cell', 'runs %1 cells', result.plan.length)}
        </span>
      </div>
      {result.planWarnings.map((warning, i) => (
        <p
          key={i}
          className="jp-Fresh-warning"
          data-fresh-warning={warning.kind}
          data-fresh-cells={warning.cells.map(index => index + 1).join(' ')}
        >
          <FindingText
            parts={planWarningParts(warning, trans)}
            names={links.names}
            trans={trans}
            onCell={links.onCell}
          />
        </p>
      ))}
      {quiet > 0 && (
        <p className="jp-Fresh-quiet" data-fresh-quiet={quiet}>
          {trans._n(
            '%1 cell shows a result from an earlier kernel that nothing says Run All would change (its prompt is dimmed).',
            '%1 cells show results from an earlier kernel that nothing says Run All would change (their prompts are dimmed).',
            quiet
          )}
        </p>
      )}
      {flagged.length === 0 ? (
        <p className="jp-Fresh-empty">
          {trans.__(
            'Every code cell matches what Restart Kernel and Run All would show.'
          )}
        </p>
      ) : (
        groups.map(group => (
          <section
            key={group.flag}
            className="jp-Fresh-group"
            data-fresh-group={group.flag}
          >
            <h3>
              {flagLabel(group.flag, trans)} ({group.cells.length})
            </h3>
            <ul>
              {group.cells.slice(0, LIST_LIMIT).map(cell => (
                <ProblemItem
                  key={cell.cellId}
                  {...props}
                  {...links}
                  status={cell}
                  lookup={lookup}
                />
              ))}
              <More hidden={group.cells.length - LIST_LIMIT} trans={trans} />
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

function ProblemItem(
  props: IViewProps & {
    status: ICellStatus;
    lookup: Map<string, { index: number; source: string }>;
    names: ICellNames;
    onCell: (index: number) => void;
  }
): JSX.Element {
  const { status, trans } = props;
  return (
    <li className="jp-Fresh-problem" data-fresh-cell={status.cellId}>
      <CellLink {...props} cellId={status.cellId} />
      <ul className="jp-Fresh-reasons">
        {status.reasons.map((reason, i) => (
          <li key={i}>
            <FindingText
              parts={reasonParts(reason, trans)}
              names={props.names}
              trans={trans}
              onCell={props.onCell}
            />
          </li>
        ))}
      </ul>
    </li>
  );
}

function DependenciesView(props: IViewProps): JSX.Element {
  const { fresh, view, trans, commands } = props;
  const active = view.content.activeCell;
  if (!active || active.model.type !== 'code') {
    return (
      <p className="jp-Fresh-empty">
        {trans.__('Select a code cell to see its dependencies.')}
      </p>
    );
  }
  const cellId = active.model.id;
  const needs = fresh.precedents(cellId);
  const neededBy = fresh.dependents(cellId);
  const lookup = cellLookup(fresh);
  const { names } = cellLinks(props);
  // What the cell reads that no cell gives it: the dataflow above cannot show it.
  const missing = fresh.missingNames(cellId);
  const list = (ids: string[], kind: string, missing: IMissingName[] = []) =>
    ids.length === 0 && missing.length === 0 ? (
      <p className="jp-Fresh-empty" data-fresh-deps={kind}>
        {trans.__('None')}
      </p>
    ) : (
      <ul data-fresh-deps={kind}>
        {missing.map(name => (
          <MissingName
            key={name.name}
            {...props}
            missing={name}
            lookup={lookup}
            names={names}
          />
        ))}
        {ids.slice(0, LIST_LIMIT).map(id => (
          <li key={id}>
            <CellLink {...props} cellId={id} lookup={lookup} names={names} />
          </li>
        ))}
        <More hidden={ids.length - LIST_LIMIT} trans={trans} />
      </ul>
    );
  return (
    <div className="jp-Fresh-dependencies" data-fresh-active={cellId}>
      <h3>{trans.__('This cell needs')}</h3>
      {list(needs, 'needs', missing)}
      <h3>{trans.__('Needed by')}</h3>
      {list(neededBy, 'needed-by')}
      <div className="jp-Fresh-actions">
        <button
          className="jp-mod-styled jp-Fresh-runNeeds"
          onClick={() =>
            void commands.execute(CommandIDs.runCellNeeds, { cellId })
          }
        >
          {trans.__('Run what this cell needs')}
        </button>
        <button
          className="jp-mod-styled jp-Fresh-exportCell"
          onClick={() =>
            void commands.execute(CommandIDs.exportCell, { cellId })
          }
        >
          {trans.__('Export code for this cell…')}
        </button>
      </div>
    </div>
  );
}

/** "`weekly_totals`, defined by no cell above" in the list of what a cell needs. */
function MissingName(
  props: IViewProps & {
    missing: IMissingName;
    lookup: Map<string, { index: number; source: string }>;
    names: ICellNames;
  }
): JSX.Element {
  const { missing, trans } = props;
  const { name, kind, relatedCellId } = missing;
  return (
    <li className="jp-Fresh-missing" data-fresh-missing={name}>
      <code>{name}</code>
      {kind === 'defined-below' ? (
        trans.__(', defined only below, in')
      ) : relatedCellId === null ? (
        trans.__(', defined by no cell above')
      ) : (
        <>
          {trans.__(', deleted with')} <code>del</code> {trans.__('in')}
        </>
      )}
      {relatedCellId !== null && (
        <>
          {' '}
          <CellLink {...props} cellId={relatedCellId} />
        </>
      )}
    </li>
  );
}

function TimelineView(props: IViewProps): JSX.Element {
  const { fresh, trans } = props;
  const entries = timelineEntries(
    fresh.records,
    fresh.cells(),
    fresh.kernelSession
  );
  if (entries.length === 0) {
    return <p className="jp-Fresh-empty">{trans.__('Nothing has run yet.')}</p>;
  }
  const { names } = cellLinks(props);
  return (
    <ol className="jp-Fresh-timeline">
      {entries.slice(0, LIST_LIMIT).map(entry => {
        const time = entry.record.finishedAt
          ? new Date(entry.record.finishedAt).toLocaleTimeString()
          : '';
        const state =
          entry.cellState === 'deleted'
            ? trans.__('cell deleted')
            : entry.cellState === 'edited'
              ? trans.__('edited since')
              : '';
        return (
          <li
            key={entry.seq}
            className={`jp-Fresh-execution jp-mod-${entry.record.status}${entry.live ? '' : ' jp-mod-history'}`}
            data-fresh-status={entry.record.status}
            data-fresh-cell-state={entry.cellState}
            data-fresh-cell={entry.record.cellId}
            title={
              entry.live
                ? undefined
                : trans.__('From an earlier kernel session')
            }
          >
            <span className="jp-Fresh-count">
              {entry.cellIndex === null
                ? `[${entry.record.executionCount ?? ' '}]`
                : cellName(entry.cellIndex, entry.record.executionCount, trans)}
            </span>
            <span className="jp-Fresh-time">{time}</span>
            <span className="jp-Fresh-status">{entry.record.status}</span>
            {' — '}
            {entry.shows === 'nothing' ? (
              <span
                className="jp-Fresh-source"
                title={trans.__(
                  'The notebook keeps the code of past runs only with the setting "Save the code of past executions in the notebook"'
                )}
              >
                {trans.__('code not saved')}
              </span>
            ) : entry.cellIndex === null ? (
              <code className="jp-Fresh-source">{entry.firstLine}</code>
            ) : (
              <button
                className="jp-Fresh-cellLink"
                title={trans.__('Go to %1', names.name(entry.cellIndex))}
                onClick={() =>
                  void props.commands.execute(CommandIDs.jumpToCell, {
                    cellId: entry.record.cellId
                  })
                }
              >
                {entry.shows === 'edited-cell' && (
                  // The code that ran is lost; the cell's code now stands in, said so.
                  <span className="jp-Fresh-source">
                    {trans.__('earlier code of')}{' '}
                  </span>
                )}
                <code>{entry.firstLine}</code>
              </button>
            )}
            {state && <span className="jp-Fresh-cellState">{state}</span>}
          </li>
        );
      })}
      <More hidden={entries.length - LIST_LIMIT} trans={trans} />
    </ol>
  );
}

namespace Private {
  export interface IContext {
    trans: TranslationBundle;
    commands: CommandRegistry;
  }

  /** One accordion section of the panel, rendering a view of the current notebook. */
  export class View extends ReactWidget {
    constructor(
      context: IContext,
      label: string,
      name: string,
      component: (props: IViewProps) => JSX.Element
    ) {
      super();
      this._context = context;
      this._component = component;
      this.title.label = label;
      this.addClass('jp-Fresh-view');
      this.node.dataset.freshView = name;
    }

    setNotebook(
      view: NotebookPanel | null,
      fresh: IFreshNotebook | null
    ): void {
      this._view = view;
      this._fresh = fresh;
      // A closed panel or a collapsed section renders when shown, not on every execution.
      if (this.isVisible) {
        this.update();
      } else {
        this._outdated = true;
      }
    }

    protected onAfterShow(msg: Message): void {
      super.onAfterShow(msg);
      if (this._outdated) {
        this._outdated = false;
        this.update();
      }
    }

    render(): JSX.Element {
      const { trans, commands } = this._context;
      if (!this._fresh || !this._view || this._view.isDisposed) {
        return (
          <p className="jp-Fresh-empty" data-fresh-state="no-notebook">
            {trans.__('Open a notebook to see what is fresh in it.')}
          </p>
        );
      }
      const Component = this._component;
      return (
        <Component
          fresh={this._fresh}
          view={this._view}
          trans={trans}
          commands={commands}
        />
      );
    }

    private _context: IContext;
    private _component: (props: IViewProps) => JSX.Element;
    private _fresh: IFreshNotebook | null = null;
    private _view: NotebookPanel | null = null;
    private _outdated = false;
  }
}
