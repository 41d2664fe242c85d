import { TranslationBundle } from '@jupyterlab/translation';
import { IDisposable } from '@lumino/disposable';

import { cellTitle, ICellNames, Part, plainText } from './findings';

/** What a badge's popup shows: its flag words, then one line per reason. */
export interface IBadgeText {
  words: string;
  reasons: Part[][];
}

/** The popup's text as one string: the badge's accessible name. */
export function badgeLabel(
  { words, reasons }: IBadgeText,
  names: ICellNames
): string {
  return [words, ...reasons.map(reason => plainText(reason, names))].join('. ');
}

const POPUP_CLASS = 'jp-Fresh-tooltip';
/** Gap between the badge and its popup (px). */
const GAP = 4;
/** How long a popup the pointer left stays, to cross the gap to it and follow a link (ms). */
const HIDE_DELAY = 300;

/**
 * One popup for all the badges under `host`, made on the first hover or focus of a badge:
 * listeners sit on the host, so badges cost nothing until one is looked at.
 */
export class BadgeTooltip implements IDisposable {
  constructor(options: BadgeTooltip.IOptions) {
    this._host = options.host;
    this._selector = options.selector;
    this._describe = options.describe;
    this._names = options.names;
    this._onCell = options.onCell;
    this._trans = options.trans;
    this._host.addEventListener('mouseover', this._onEnter);
    this._host.addEventListener('focusin', this._onEnter);
    this._host.addEventListener('mouseout', this._onLeave);
    this._host.addEventListener('focusout', this._onLeave);
    this._host.addEventListener('keydown', this._onKey);
    // A scroll moves the badge away from a popup fixed in the viewport.
    this._host.addEventListener('scroll', this._onScroll, true);
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Redraws the popup when it shows `badge`, whose text changed. */
  refresh(badge: HTMLElement): void {
    if (this._badge === badge) {
      this._show(badge);
    }
  }

  hide = (): void => {
    this._cancelHide();
    this._badge = null;
    if (this._popup) {
      this._popup.hidden = true;
    }
  };

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._host.removeEventListener('mouseover', this._onEnter);
    this._host.removeEventListener('focusin', this._onEnter);
    this._host.removeEventListener('mouseout', this._onLeave);
    this._host.removeEventListener('focusout', this._onLeave);
    this._host.removeEventListener('keydown', this._onKey);
    this._host.removeEventListener('scroll', this._onScroll, true);
    this._cancelHide();
    this._popup?.remove();
    this._popup = null;
  }

  /** Hides the popup; focus inside it goes back to its badge rather than to a hidden link. */
  private _onScroll = (): void => {
    const badge = this._badge;
    const focused = this._inPopup(document.activeElement);
    this.hide();
    if (badge && focused) {
      this._closed = badge;
      badge.focus();
    }
  };

  private _badgeOf(target: EventTarget | null): HTMLElement | null {
    return target instanceof Element
      ? target.closest<HTMLElement>(this._selector)
      : null;
  }

  private _onEnter = (event: Event): void => {
    const badge = this._badgeOf(event.target);
    if (event.type === 'focusin' && badge && badge === this._closed) {
      // Focus came back after Escape closed the popup: it stays closed.
      this._closed = null;
      return;
    }
    if (badge === this._badge) {
      this._cancelHide();
    } else if (badge) {
      this._show(badge);
    }
  };

  private _onLeave = (event: MouseEvent | FocusEvent): void => {
    const badge = this._badgeOf(event.target);
    // Focus keeps the popup while the pointer leaves, and the reverse; the pointer may go
    // over the popup to follow a link.
    if (
      badge &&
      badge === this._badge &&
      this._badgeOf(event.relatedTarget) !== badge &&
      !this._inPopup(event.relatedTarget) &&
      !(event.type === 'mouseout' && document.activeElement === badge) &&
      !(event.type === 'focusout' && badge.matches(':hover'))
    ) {
      if (event.type === 'mouseout') {
        this._hideSoon();
      } else {
        this.hide();
      }
    }
  };

  private _hideSoon(): void {
    this._cancelHide();
    this._hideTimer = window.setTimeout(this.hide, HIDE_DELAY);
  }

  private _cancelHide(): void {
    if (this._hideTimer !== null) {
      window.clearTimeout(this._hideTimer);
      this._hideTimer = null;
    }
  }

  /**
   * From a badge, Enter or Space opens its popup and moves focus to its first link, as Tab
   * does when the popup is open; Escape closes it.
   */
  private _onKey = (event: KeyboardEvent): void => {
    const badge = this._badgeOf(event.target);
    if (event.key === 'Escape' && this._badge) {
      this.hide();
      return;
    }
    if (!badge || event.target !== badge) {
      return;
    }
    const open = event.key === 'Enter' || event.key === ' ';
    const tab =
      event.key === 'Tab' &&
      !event.shiftKey &&
      this._badge === badge &&
      !this._leaving;
    this._leaving = false;
    if (!open && !tab) {
      return;
    }
    if (this._badge !== badge) {
      this._show(badge);
    }
    const first = this._links()[0];
    if (first) {
      event.preventDefault();
      event.stopPropagation();
      first.focus();
    }
  };

  /** In the popup: Tab goes through its links then back to the badge; Escape closes it. */
  private _onPopupKey = (event: KeyboardEvent): void => {
    const badge = this._badge;
    if (!badge) {
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.hide();
      this._closed = badge;
      badge.focus();
    } else if (event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      const links = this._links();
      const at = links.indexOf(document.activeElement as HTMLElement);
      const next = at + (event.shiftKey ? -1 : 1);
      if (next >= 0 && next < links.length) {
        links[next].focus();
      } else {
        // The next Tab from the badge leaves it, instead of coming back in.
        this._leaving = true;
        badge.focus();
      }
    }
  };

  /** Focus that leaves the popup for anywhere but its badge closes it. */
  private _onPopupFocusOut = (event: FocusEvent): void => {
    if (
      this._badge &&
      !this._inPopup(event.relatedTarget) &&
      event.relatedTarget !== this._badge
    ) {
      this.hide();
    }
  };

  private _links(): HTMLElement[] {
    return this._popup
      ? Array.from(
          this._popup.querySelectorAll<HTMLElement>('[data-fresh-cell-index]')
        )
      : [];
  }

  /** Leaving the popup hides it, unless the pointer goes back to its badge. */
  private _onPopupLeave = (event: MouseEvent): void => {
    if (
      this._badge &&
      !this._inPopup(event.relatedTarget) &&
      this._badgeOf(event.relatedTarget) !== this._badge
    ) {
      this._hideSoon();
    }
  };

  private _onPopupClick = (event: MouseEvent): void => {
    const link =
      event.target instanceof Element
        ? event.target.closest<HTMLElement>('[data-fresh-cell-index]')
        : null;
    if (link) {
      this.hide();
      this._onCell(Number(link.dataset.freshCellIndex));
    }
  };

  private _inPopup(target: EventTarget | null): boolean {
    return (
      !!this._popup && target instanceof Node && this._popup.contains(target)
    );
  }

  private _show(badge: HTMLElement): void {
    const text = this._describe(badge);
    if (!text || this._isDisposed) {
      return;
    }
    const popup = this._popup ?? this._create();
    const names = this._names();
    const reasons = document.createElement('ul');
    for (const reason of text.reasons) {
      const item = document.createElement('li');
      item.append(...reason.map(part => this._render(part, names)));
      reasons.appendChild(item);
    }
    const words = document.createElement('div');
    words.className = 'jp-Fresh-tooltipWords';
    words.textContent = text.words;
    popup.replaceChildren(words, reasons);
    popup.setAttribute('aria-label', text.words);
    popup.hidden = false;
    this._badge = badge;
    // Beside the badge, over its own cell's code: below it, the popup would cover the badge
    // of the next cell.
    const anchor = badge.getBoundingClientRect();
    const size = popup.getBoundingClientRect();
    const top = Math.min(anchor.top, window.innerHeight - size.height);
    const left = Math.min(anchor.right + GAP, window.innerWidth - size.width);
    popup.style.top = `${Math.max(0, top)}px`;
    popup.style.left = `${Math.max(0, left)}px`;
  }

  /** Names as code, cells as links that jump to them. */
  private _render(part: Part, names: ICellNames): Node {
    if (typeof part === 'string') {
      return document.createTextNode(part);
    }
    if ('code' in part) {
      const code = document.createElement('code');
      code.textContent = part.code;
      return code;
    }
    const link = document.createElement('button');
    link.className = 'jp-Fresh-cellLink jp-Fresh-findingCell';
    link.dataset.freshCellIndex = String(part.cell);
    link.textContent = names.name(part.cell);
    link.title = cellTitle(part.cell, names, this._trans);
    return link;
  }

  private _create(): HTMLElement {
    const popup = document.createElement('div');
    popup.className = POPUP_CLASS;
    // Not a tooltip: it holds links that Enter or Tab moves focus to.
    popup.setAttribute('role', 'dialog');
    popup.addEventListener('mouseover', () => this._cancelHide());
    popup.addEventListener('mouseout', this._onPopupLeave);
    popup.addEventListener('click', this._onPopupClick);
    popup.addEventListener('keydown', this._onPopupKey);
    popup.addEventListener('focusout', this._onPopupFocusOut);
    document.body.appendChild(popup);
    this._popup = popup;
    return popup;
  }

  private _host: HTMLElement;
  private _selector: string;
  private _describe: (badge: HTMLElement) => IBadgeText | undefined;
  private _names: () => ICellNames;
  private _onCell: (index: number) => void;
  private _trans: TranslationBundle;
  /** Made on the first hover or focus of a badge. */
  private _popup: HTMLElement | null = null;
  private _badge: HTMLElement | null = null;
  private _hideTimer: number | null = null;
  /** A badge whose popup Escape closed, focused again: its focus does not reopen it. */
  private _closed: HTMLElement | null = null;
  /** Focus came back to the badge from the popup's last link: the next Tab leaves. */
  private _leaving = false;
  private _isDisposed = false;
}

export namespace BadgeTooltip {
  export interface IOptions {
    /** Where badges live; one popup serves them all. */
    host: HTMLElement;
    /** Selects a badge from an element inside it. */
    selector: string;
    /** The text of a badge's popup, or nothing for an element that is no longer a badge. */
    describe: (badge: HTMLElement) => IBadgeText | undefined;
    /** The names of the notebook's cells now (execution counts change as cells run). */
    names: () => ICellNames;
    /** Follows the link to a cell. */
    onCell: (index: number) => void;
    trans: TranslationBundle;
  }
}
