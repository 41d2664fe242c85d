import { Cell } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { IDisposable } from '@lumino/disposable';
import { Signal } from '@lumino/signaling';

import { Reason, reasonCells } from '../core/findings';
import { CellFlag } from '../core/types';
import { IFreshNotebook } from '../tokens';
import { cellNames, ICellNames, jumpToCell, reasonParts } from './findings';
import { BadgeTooltip, IBadgeText, badgeLabel } from './tooltip';

/** Short words for badges; the reasons in the tooltip say the rest. */
export function flagLabel(flag: CellFlag, trans: TranslationBundle): string {
  switch (flag) {
    case 'stale':
      return trans.__('stale');
    case 'out-of-order':
      return trans.__('out of order');
    case 'deleted-code':
      return trans.__('deleted code');
    case 'edited':
      return trans.__('edited');
    case 'never-run':
      return trans.__('not run');
    case 'error':
      return trans.__('error');
    case 'opaque':
      return trans.__('opaque');
  }
}

/** Flags that change what Run All would output; the others only inform. */
const PROBLEMS: ReadonlySet<CellFlag> = new Set<CellFlag>([
  'stale',
  'out-of-order',
  'deleted-code',
  'edited',
  'error'
]);

/**
 * Puts a badge beside the prompt of every flagged code cell of one notebook view, and a
 * `jp-Fresh-<flag>` class on the cell node. Cells without a flag are left untouched.
 * Only cells whose verdict changed are touched, and those far from the active cell when the
 * browser is idle, so an update costs little in long notebooks.
 */
export class CellBadges implements IDisposable {
  constructor(options: CellBadges.IOptions) {
    this._panel = options.panel;
    this._fresh = options.fresh;
    this._trans = options.trans;
    this._tooltip = new BadgeTooltip({
      host: this._panel.content.node,
      selector: `.${Private.BADGE_CLASS}`,
      describe: badge => this._texts.get(badge),
      names: () => this._names(),
      onCell: index => void jumpToCell(this._panel.content, index),
      trans: this._trans
    });
    this._fresh.changed.connect(this.update, this);
    this._panel.content.model?.cells.changed.connect(this.update, this);
    this.update();
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  update(): void {
    if (this._isDisposed) {
      return;
    }
    // Badges, and which kinds, are settings (global, or this notebook's).
    const { badges, badgeKinds, notInKernelBadge } =
      this._fresh.settings.values;
    const { widgets, activeCellIndex } = this._panel.content;
    // A prompt column wide enough for a badge on one line (style/base.css).
    this._panel.content.toggleClass(Private.WITH_BADGES_CLASS, badges);
    const names = this._names();
    this._pending.clear();
    widgets.forEach((cell, index) => {
      const status = badges ? this._fresh.statusOf(cell.model.id) : undefined;
      const flags =
        status?.flags.filter(flag => badgeKinds.includes(flag)) ?? [];
      const next = Private.shown(
        flags,
        status?.reasons ?? [],
        names,
        status?.notInKernel === true,
        notInKernelBadge
      );
      if ((this._shown.get(cell)?.key ?? '') === next.key) {
        return;
      }
      if (Math.abs(index - activeCellIndex) <= NEAR_ACTIVE) {
        this._apply(cell, next);
      } else {
        this._pending.set(cell, next);
      }
    });
    if (this._pending.size > 0 && this._idle === null) {
      this._idle = requestIdleCallback(this._drain, { timeout: IDLE_TIMEOUT });
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    if (this._idle !== null) {
      cancelIdleCallback(this._idle);
    }
    for (const cell of this._panel.content.widgets) {
      if (this._shown.has(cell)) {
        this._apply(cell, Private.shown([], [], this._names(), false, false));
      }
    }
    this._panel.content.removeClass(Private.WITH_BADGES_CLASS);
    this._tooltip.dispose();
    Signal.clearData(this);
  }

  private _names(): ICellNames {
    return cellNames(this._panel.content.model, this._trans);
  }

  private _apply(cell: Cell, next: Private.IShown): void {
    const text = Private.text(next, this._trans);
    const badge = Private.apply(
      cell,
      this._shown.get(cell),
      next,
      text,
      this._names(),
      this._trans
    );
    this._shown.set(cell, next);
    if (badge) {
      this._texts.set(badge, text);
      this._tooltip.refresh(badge);
    }
  }

  /** Applies pending badges while the browser is idle, a few cells at a time. */
  private _drain = (deadline: IdleDeadline): void => {
    this._idle = null;
    let done = 0;
    for (const [cell, next] of this._pending) {
      // Past the timeout there is no idle time: a bounded part, then wait again.
      if (
        deadline.didTimeout ? done >= NEAR_ACTIVE : deadline.timeRemaining() < 1
      ) {
        break;
      }
      done++;
      this._pending.delete(cell);
      if (!cell.isDisposed) {
        this._apply(cell, next);
      }
    }
    if (this._pending.size > 0 && !this._isDisposed) {
      this._idle = requestIdleCallback(this._drain, { timeout: IDLE_TIMEOUT });
    }
  };

  private _panel: NotebookPanel;
  private _fresh: IFreshNotebook;
  private _trans: TranslationBundle;
  private _tooltip: BadgeTooltip;
  /** The popup text of each badge, read when it is hovered or focused. */
  private _texts = new WeakMap<HTMLElement, IBadgeText>();
  /** What each cell shows now, so that an update touches only what changed. */
  private _shown = new WeakMap<Cell, Private.IShown>();
  /** Changes to cells far from the active one, applied when the browser is idle. */
  private _pending = new Map<Cell, Private.IShown>();
  private _idle: number | null = null;
  private _isDisposed = false;
}

/**
 * Cells this close to the active cell (by index) get their badge in the same frame; the
 * others when the browser is idle, so that a change of every badge in a long notebook does
 * not make one long frame.
 */
const NEAR_ACTIVE = 50;
/** The longest a pending badge waits for an idle moment (ms). */
const IDLE_TIMEOUT = 500;

export namespace CellBadges {
  export interface IOptions {
    panel: NotebookPanel;
    fresh: IFreshNotebook;
    trans: TranslationBundle;
  }
}

namespace Private {
  export const BADGE_CLASS = 'jp-Fresh-badge';
  export const WITH_BADGES_CLASS = 'jp-Fresh-withBadges';

  /** The badge of a cell whose only news is that it ran in another kernel (a setting). */
  const NOT_IN_KERNEL = 'not-in-kernel';

  /**
   * What a cell shows: its badge's flags and reasons, whether its prompt is dimmed (it ran,
   * but not in this kernel) and whether that quiet state gets a badge (`key` says all, with
   * the names of the cells the reasons cite, which change when those cells run).
   */
  export interface IShown {
    key: string;
    flags: CellFlag[];
    reasons: Reason[];
    quiet: boolean;
    quietBadge: boolean;
  }

  export function shown(
    flags: CellFlag[],
    reasons: Reason[],
    names: ICellNames,
    quiet: boolean,
    badgeQuiet: boolean
  ): IShown {
    const quietBadge = quiet && badgeQuiet && flags.length === 0;
    const marks = `${quiet ? 'quiet' : ''}${quietBadge ? ' badge' : ''}`;
    if (flags.length === 0) {
      return { key: marks, flags, reasons, quiet, quietBadge };
    }
    const cited = reasons.flatMap(reasonCells).map(index => names.name(index));
    return {
      key: `${marks}\n${flags.join(' ')}\n${JSON.stringify(reasons)}\n${cited.join(' ')}`,
      flags,
      reasons,
      quiet,
      quietBadge
    };
  }

  export function text(
    { flags, reasons, quietBadge }: IShown,
    trans: TranslationBundle
  ): IBadgeText {
    if (quietBadge) {
      return {
        words: trans.__('not in this kernel'),
        reasons: [
          [
            trans.__(
              'it ran in an earlier kernel; what it shows is what Restart and Run All would show'
            )
          ]
        ]
      };
    }
    return {
      words: flags.map(flag => flagLabel(flag, trans)).join(', '),
      reasons: reasons.map(reason => reasonParts(reason, trans))
    };
  }

  /**
   * Changes a cell from showing `before` to showing `next`, and returns its badge, if any.
   * Every badge of a long notebook can change in one frame, so only the classes and
   * attributes that differ are written.
   */
  export function apply(
    cell: Cell,
    before: IShown | undefined,
    next: IShown,
    text: IBadgeText,
    names: ICellNames,
    trans: TranslationBundle
  ): HTMLElement | null {
    const old = before?.flags ?? [];
    const { flags } = next;
    for (const flag of old) {
      if (!flags.includes(flag)) {
        cell.removeClass(`jp-Fresh-${flag}`);
      }
    }
    for (const flag of flags) {
      if (!old.includes(flag)) {
        cell.addClass(`jp-Fresh-${flag}`);
      }
    }
    if (old.length === 0 || flags.length === 0) {
      cell.toggleClass('jp-Fresh-flagged', flags.length > 0);
    }
    if ((before?.quiet ?? false) !== next.quiet) {
      cell.toggleClass('jp-Fresh-notInKernel', next.quiet);
    }
    let badge = cell.node.querySelector<HTMLElement>(
      `:scope > .${BADGE_CLASS}`
    );
    if (flags.length === 0 && !next.quietBadge) {
      badge?.remove();
      return null;
    }
    if (!badge) {
      badge = document.createElement('div');
      badge.className = BADGE_CLASS;
      badge.setAttribute('role', 'status');
      // Focusable, so that the popup of reasons is reachable from the keyboard.
      badge.tabIndex = 0;
      cell.node.insertBefore(badge, cell.node.firstChild);
    }
    const kinds = next.quietBadge ? NOT_IN_KERNEL : flags.join(' ');
    if (badge.dataset.freshFlags !== kinds) {
      const first = next.quietBadge ? text.words : flagLabel(flags[0], trans);
      const more = flags.length - 1;
      // In `_n`, %1 is the count.
      badge.textContent =
        more > 0
          ? trans._n('%2 · %1 more', '%2 · %1 more', more, first)
          : first;
      badge.dataset.freshFlag = next.quietBadge ? NOT_IN_KERNEL : flags[0];
      badge.dataset.freshFlags = kinds;
      badge.dataset.freshSeverity =
        !next.quietBadge && PROBLEMS.has(flags[0]) ? 'problem' : 'info';
    }
    badge.setAttribute('aria-label', badgeLabel(text, names));
    return badge;
  }
}
