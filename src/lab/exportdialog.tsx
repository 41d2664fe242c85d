import { Dialog, Notification, showErrorMessage } from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import { Contents } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import { HTMLSelect, LabIcon, ReactWidget } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { Message } from '@lumino/messaging';
import * as React from 'react';

import exportSvgstr from '../../style/icons/export.svg';
import { IExportProblem } from '../core/check';
import { ExportFormat, exportNotebook, IExportResult } from '../core/export';
import { MAGICS_MODES, MagicsMode } from '../core/export/magics';
import { firstLine } from '../core/timeline';
import { IFreshNotebook } from '../tokens';
import { flagLabel } from './badges';
import {
  cellNames,
  exportProblemParts,
  exportWarningParts,
  FindingText
} from './findings';
import { askBeforeActing } from './dialogs';
import {
  downloadText,
  errorText,
  readExisting,
  writeText
} from './exportfiles';
import {
  blockingProblems,
  cellsToWarnAbout,
  dialogFormats,
  existingKind,
  exportOptions,
  ExportOption,
  FileNameProblem,
  fileNameAfterFormatChange,
  fileNameProblem,
  FORMAT_OPTIONS,
  IChosenCell,
  IExportChoice,
  initialChoice,
  siblingPath,
  upToDateCommand
} from './exportpolicy';

export const exportIcon = new LabIcon({
  name: 'jupyterlab-fresh:export',
  svgstr: exportSvgstr
});

/**
 * The export dialog of one notebook: format, options, live preview, the cells whose outputs
 * the export would not reproduce, and the file name. Save writes next to the notebook (asking
 * before replacing a file that Fresh did not write); Download hands the text to the browser.
 * Whenever saving does not happen (a name to change, a refused overwrite, an error), the
 * dialog opens again with everything as the person left it.
 */
export async function showExportDialog(
  options: ExportDialog.IOptions
): Promise<void> {
  const { fresh, cell, trans } = options;
  fresh.refresh();
  const notebookPath = fresh.context.path;
  let choice = initialChoice(
    fresh.settings.values,
    notebookPath,
    cell,
    options.forCell
  );
  for (;;) {
    const body = new ExportBody({ ...options, choice });
    const dialog = new Dialog({
      title: trans.__('Export %1 as Python', PathExt.basename(notebookPath)),
      body,
      buttons: [
        Dialog.cancelButton(),
        Dialog.cancelButton({
          label: trans.__('Download'),
          caption: trans.__('Download the file through the browser'),
          actions: [DOWNLOAD]
        }),
        Dialog.okButton({
          label: trans.__('Save'),
          caption: trans.__('Save the file next to the notebook')
        })
      ],
      defaultButton: 2,
      focusNodeSelector: '.jp-Fresh-exportFormat select'
    });
    dialog.addClass('jp-Fresh-exportDialog');
    const result = await dialog.launch();
    choice = body.choice;
    const download = result.button.actions.includes(DOWNLOAD);
    if (!result.button.accept && !download) {
      return;
    }
    if (fileNameProblem(choice.fileName) !== null) {
      continue;
    }
    const { text } = body.exportResult();
    if (download) {
      downloadText(choice.fileName, text);
      return;
    }
    const problems = body.problems();
    if (
      problems.length > 0 &&
      !(await Private.confirmBlocking(problems.length, trans))
    ) {
      continue;
    }
    const path = siblingPath(notebookPath, choice.fileName);
    if (await Private.save(path, text, options)) {
      return;
    }
  }
}

export namespace ExportDialog {
  export interface IOptions {
    fresh: IFreshNotebook;
    /** The code cell for "code for one cell" (the active one), if any. */
    cell: IChosenCell | null;
    /** Opened for that cell: start with "code for one cell". */
    forCell: boolean;
    contents: Contents.IManager;
    commands: CommandRegistry;
    trans: TranslationBundle;
  }
}

/**
 * The body of the dialog. It holds the person's choices, re-renders the preview when they
 * change and when the notebook's analysis does (cells run from "Bring Up to Date First").
 */
export class ExportBody extends ReactWidget {
  constructor(options: ExportDialog.IOptions & { choice: IExportChoice }) {
    super();
    this._options = options;
    this._choice = options.choice;
    this.addClass('jp-Fresh-export');
  }

  /** What the person chose (also after the dialog closed). */
  get choice(): IExportChoice {
    return this._choice;
  }

  /** The export as the choice and the notebook are now. */
  exportResult(): IExportResult {
    const { fresh, cell } = this._options;
    const options = exportOptions(
      this._choice,
      fresh.settings.values,
      fresh.context.path,
      cell
    );
    const cells = fresh.cells();
    const key = JSON.stringify([options, cells, fresh.records.length]);
    if (this._cache?.key !== key) {
      const result = exportNotebook(cells, options, {
        executions: [...fresh.records],
        kernelSession: fresh.kernelSession ?? undefined
      });
      this._cache = {
        key,
        result,
        problems: blockingProblems(
          result,
          cells,
          fresh.settings.values,
          fresh.language
        )
      };
    }
    return this._cache.result;
  }

  /** What would stop the exported file with `NameError`, for the export as it is now. */
  problems(): IExportProblem[] {
    this.exportResult();
    return this._cache?.problems ?? [];
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._options.fresh.changed.connect(this.update, this);
  }

  protected onBeforeDetach(msg: Message): void {
    this._options.fresh.changed.disconnect(this.update, this);
    super.onBeforeDetach(msg);
  }

  render(): JSX.Element {
    return (
      <ExportView
        {...this._options}
        choice={this._choice}
        result={this.exportResult()}
        problems={this.problems()}
        running={this._running}
        onChange={this._change}
        onBringUpToDate={this._bringUpToDate}
      />
    );
  }

  private _change = (change: Partial<IExportChoice>): void => {
    const { fresh, cell } = this._options;
    const next = { ...this._choice, ...change };
    if (change.format !== undefined && change.fileName === undefined) {
      next.fileName = fileNameAfterFormatChange(
        fresh.context.path,
        this._choice,
        change.format,
        cell
      );
    }
    this._choice = next;
    this.update();
  };

  private _bringUpToDate = async (): Promise<void> => {
    const { fresh, cell, commands } = this._options;
    const command = upToDateCommand(this._choice.format, cell);
    this._running = true;
    this.update();
    try {
      await commands.execute(command.id, command.args);
    } finally {
      this._running = false;
      fresh.refresh();
      this.update();
    }
  };

  private _options: ExportDialog.IOptions;
  private _choice: IExportChoice;
  private _running = false;
  private _cache: {
    key: string;
    result: IExportResult;
    problems: IExportProblem[];
  } | null = null;
}

interface IExportViewProps extends ExportDialog.IOptions {
  choice: IExportChoice;
  result: IExportResult;
  problems: IExportProblem[];
  running: boolean;
  onChange(change: Partial<IExportChoice>): void;
  onBringUpToDate(): void;
}

function ExportView(props: IExportViewProps): JSX.Element {
  const { cell, choice, result, trans, onChange } = props;
  const shown = new Set(FORMAT_OPTIONS[choice.format]);
  const problem = fileNameProblem(choice.fileName);
  const root = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    // The dialog checks `.jp-mod-error` on input events, before React has rendered the
    // class: ask it again once the class is there, so that Save follows the file name.
    root.current?.dispatchEvent(new Event('input', { bubbles: true }));
  }, [problem]);
  const formats = dialogFormats(cell !== null);
  const lines = result.text.split('\n').length - 1;
  const names = cellNames(props.fresh.context.model, trans);
  const chosen = cell ? names.name(cell.index) : '';

  return (
    <div ref={root} className="jp-Fresh-exportBody">
      <BlockingProblems {...props} />
      <StaleCells {...props} />
      <div className="jp-Fresh-exportColumns">
        <div className="jp-Fresh-exportControls">
          <Choice
            className="jp-Fresh-exportFormat"
            label={trans.__('Format')}
            value={choice.format}
            choices={formats}
            labelOf={format => Private.formatLabel(format, chosen, trans)}
            onChange={format => onChange({ format })}
          />
          <p className="jp-Fresh-exportDescription">
            {Private.formatDescription(choice.format, chosen, trans)}
          </p>
          <FileName {...props} problem={problem} />
          <fieldset className="jp-Fresh-exportOptions">
            <legend>{trans.__('Options')}</legend>
            {shown.has('markdown') && (
              <Checkbox
                {...props}
                option="markdown"
                label={trans.__('Markdown cells as comments')}
              />
            )}
            {shown.has('hoistImports') && (
              <Checkbox
                {...props}
                option="hoistImports"
                label={trans.__('Move imports to the top')}
              />
            )}
            {shown.has('dropDisplayOnly') && (
              <Checkbox
                {...props}
                option="dropDisplayOnly"
                label={trans.__('Leave out cells that only display a value')}
              />
            )}
            {shown.has('magics') && (
              <Choice
                className="jp-Fresh-exportMagics"
                label={trans.__('Magics and shell commands')}
                value={choice.magics}
                choices={MAGICS_MODES}
                labelOf={mode => Private.magicsLabel(mode, trans)}
                onChange={magics => onChange({ magics })}
              />
            )}
          </fieldset>
        </div>
        <div className="jp-Fresh-exportPreviewArea">
          <div className="jp-Fresh-exportPreviewTitle">
            {trans.__('Preview')}{' '}
            <span className="jp-Fresh-exportLineCount">
              {trans._n('%1 line', '%1 lines', lines)}
            </span>
          </div>
          <pre
            className="jp-Fresh-exportPreview"
            tabIndex={0}
            aria-label={trans.__('Preview of the exported file')}
            data-fresh-format={choice.format}
          >
            {result.text}
          </pre>
          {result.warnings.length > 0 && (
            <ul
              className="jp-Fresh-exportNotes"
              aria-label={trans.__('Notes on the export')}
            >
              {result.warnings.map((warning, i) => (
                <li key={i}>
                  <FindingText
                    parts={exportWarningParts(warning, trans)}
                    names={names}
                    trans={trans}
                  />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}

function FileName(
  props: IExportViewProps & { problem: FileNameProblem | null }
): JSX.Element {
  const { fresh, choice, trans, problem, onChange } = props;
  const folder = Private.folderOf(fresh.context.localPath);
  return (
    <>
      <label className="jp-Fresh-exportFileName">
        <span>{trans.__('File name')}</span>
        <input
          className={`jp-mod-styled${problem ? ' jp-mod-error' : ''}`}
          value={choice.fileName}
          spellCheck={false}
          aria-invalid={problem !== null}
          aria-describedby="jp-Fresh-exportFileHint"
          onChange={event => onChange({ fileName: event.currentTarget.value })}
        />
      </label>
      <p
        id="jp-Fresh-exportFileHint"
        className={`jp-Fresh-exportFileHint${problem ? ' jp-mod-error' : ''}`}
      >
        {problem
          ? Private.fileNameMessage(problem, trans)
          : folder
            ? trans.__('Saved in %1, next to the notebook.', folder)
            : trans.__('Saved next to the notebook.')}
      </p>
    </>
  );
}

function Checkbox(
  props: IExportViewProps & {
    option: Exclude<ExportOption, 'magics'>;
    label: string;
  }
): JSX.Element {
  const { choice, option, label, onChange } = props;
  return (
    <label className="jp-Fresh-exportOption" data-fresh-option={option}>
      <input
        type="checkbox"
        checked={choice[option]}
        onChange={event => onChange({ [option]: event.currentTarget.checked })}
      />
      {label}
    </label>
  );
}

/** A labelled drop-down over a fixed list of choices. */
function Choice<T extends string>(props: {
  className: string;
  label: string;
  value: T;
  choices: readonly T[];
  labelOf: (choice: T) => string;
  onChange: (choice: T) => void;
}): JSX.Element {
  const { className, label, value, choices, labelOf, onChange } = props;
  return (
    <label className={className}>
      <span>{label}</span>
      <HTMLSelect
        value={value}
        options={choices.map(choice => ({
          value: choice,
          label: labelOf(choice)
        }))}
        onChange={event => {
          const picked = choices.find(
            choice => choice === event.currentTarget.value
          );
          if (picked !== undefined) {
            onChange(picked);
          }
        }}
      />
    </label>
  );
}

/** What would stop the exported file with `NameError`, where, and from which cell. */
function BlockingProblems(props: IExportViewProps): JSX.Element | null {
  const { problems, trans } = props;
  if (problems.length === 0) {
    return null;
  }
  const names = cellNames(props.fresh.context.model, trans);
  return (
    <div
      className="jp-Fresh-exportBlocking jp-Fresh-warning"
      role="alert"
      data-fresh-blocking={problems.map(problem => problem.name).join(' ')}
    >
      <p>
        {trans._n(
          'The exported file would stop with an error:',
          'The exported file would stop with errors:',
          problems.length
        )}
      </p>
      <ul>
        {problems.map(problem => (
          <li
            key={`${problem.line} ${problem.name}`}
            data-fresh-line={problem.line}
            data-fresh-cell={problem.cellId ?? ''}
          >
            <FindingText
              parts={exportProblemParts(problem, trans)}
              names={names}
              trans={trans}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The cells whose outputs the export would not reproduce, and the way to fix that. */
function StaleCells(props: IExportViewProps): JSX.Element | null {
  const { fresh, cell, choice, trans, running, onBringUpToDate } = props;
  const relevant =
    choice.format === 'gather' && cell
      ? new Set([cell.cellId, ...fresh.planFor(cell.cellId)])
      : null;
  const warnings = cellsToWarnAbout(choice.format, fresh.result, relevant);
  if (warnings.length === 0) {
    return null;
  }
  const cells = fresh.cells();
  const names = cellNames(fresh.context.model, trans);
  return (
    <div
      className="jp-Fresh-exportStale"
      role="status"
      data-fresh-stale={warnings.map(warning => warning.cellId).join(' ')}
    >
      <div className="jp-Fresh-exportStaleText">
        <p>
          {trans._n(
            '%1 cell shows an output that does not come from the code exported:',
            '%1 cells show outputs that do not come from the code exported:',
            warnings.length
          )}
        </p>
        <ul>
          {warnings.map(warning => (
            <li key={warning.cellId} data-fresh-cell={warning.cellId}>
              <span className="jp-Fresh-cellNumber">
                {names.name(warning.index)}
              </span>{' '}
              <code>{firstLine(cells[warning.index]?.source ?? '', 50)}</code>{' '}
              <span className="jp-Fresh-exportFlags">
                {warning.flags.map(flag => flagLabel(flag, trans)).join(', ')}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <button
        className="jp-mod-styled jp-mod-accept jp-Fresh-exportUpToDate"
        disabled={running}
        onClick={onBringUpToDate}
      >
        {running ? trans.__('Running…') : trans.__('Bring Up to Date First')}
      </button>
    </div>
  );
}

const DOWNLOAD = 'jupyterlab-fresh:download';

namespace Private {
  /**
   * Writes the export unless a file Fresh did not write is in the way and the person does
   * not want it replaced. True when done; false to open the dialog again.
   */
  export async function save(
    path: string,
    text: string,
    options: ExportDialog.IOptions
  ): Promise<boolean> {
    const { contents, commands, trans } = options;
    const title = trans.__('Export Failed');
    try {
      const kind = existingKind(await readExisting(contents, path));
      if (kind === 'folder') {
        await showErrorMessage(
          title,
          trans.__('%1 is a folder. Choose another file name.', path)
        );
        return false;
      }
      if (kind === 'foreign' && !(await confirmOverwrite(path, trans))) {
        return false;
      }
      await writeText(contents, path, text);
    } catch (error) {
      await showErrorMessage(
        title,
        trans.__('Fresh could not save %1: %2', path, errorText(error))
      );
      return false;
    }
    Notification.success(trans.__('Exported %1', path), {
      autoClose: 5000,
      actions: [
        {
          label: trans.__('Open'),
          caption: trans.__('Open the exported file'),
          callback: () => void commands.execute('docmanager:open', { path })
        }
      ]
    });
    return true;
  }

  export async function confirmBlocking(
    count: number,
    trans: TranslationBundle
  ): Promise<boolean> {
    return askBeforeActing(
      trans.__('Save a File That Fails?'),
      trans._n(
        'The exported file reads %1 name that it never defines before use: run, it stops with NameError. Save it anyway?',
        'The exported file reads %1 names that it never defines before use: run, it stops with NameError. Save it anyway?',
        count
      ),
      trans.__('Save Anyway')
    );
  }

  export async function confirmOverwrite(
    path: string,
    trans: TranslationBundle
  ): Promise<boolean> {
    return askBeforeActing(
      trans.__('Overwrite File?'),
      trans.__(
        '%1 already exists and Fresh did not write it. Overwrite it with the export? What it holds now will be lost.',
        path
      ),
      trans.__('Overwrite')
    );
  }

  /** `cell` is the name of the chosen cell (`[31]`, `cell 24`). */
  export function formatLabel(
    format: ExportFormat,
    cell: string,
    trans: TranslationBundle
  ): string {
    switch (format) {
      case 'script':
        return trans.__('Clean Script');
      case 'gather':
        return trans.__('Code for %1', cell);
      case 'as-run':
        return trans.__('Code as Run');
      case 'module':
        return trans.__('Module with main()');
      case 'percent':
        return trans.__('All Cells (Percent Format)');
    }
  }

  export function formatDescription(
    format: ExportFormat,
    cell: string,
    trans: TranslationBundle
  ): string {
    switch (format) {
      case 'script':
        return trans.__(
          'The current code of every cell, in an order that runs from top to bottom.'
        );
      case 'gather':
        return trans.__(
          'Only the cells that %1 needs, then the cell itself.',
          cell
        );
      case 'as-run':
        return trans.__(
          'The code that produced what the notebook shows now, in the order it ran, including cells edited or deleted since.'
        );
      case 'module':
        return trans.__(
          'One function per markdown section, a main() that calls them, and command-line options from a cell tagged parameters.'
        );
      case 'percent':
        return trans.__(
          'Every cell in notebook order, with # %% markers (VS Code, PyCharm, Spyder, Jupytext).'
        );
    }
  }

  export function magicsLabel(
    mode: MagicsMode,
    trans: TranslationBundle
  ): string {
    switch (mode) {
      case 'comment':
        return trans.__('Comment out');
      case 'ipython':
        return trans.__('Keep as get_ipython() calls');
      case 'drop':
        return trans.__('Leave out');
    }
  }

  export function fileNameMessage(
    problem: FileNameProblem,
    trans: TranslationBundle
  ): string {
    switch (problem) {
      case 'empty':
        return trans.__('Enter a file name.');
      case 'folder':
        return trans.__(
          'Enter a file name without folders: the file goes next to the notebook.'
        );
      case 'characters':
        return trans.__(
          'The file name cannot contain control characters or :.'
        );
      case 'extension':
        return trans.__('The file name must end in .py.');
      case 'hidden':
        return trans.__('The file name cannot start with a dot.');
    }
  }

  /** `a/b/c.ipynb` → `a/b`, `c.ipynb` → ''. */
  export function folderOf(path: string): string {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '' : path.slice(0, slash);
  }
}
