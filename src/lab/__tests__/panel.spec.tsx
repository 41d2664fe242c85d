import { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';

import { FreshPanel } from '../panel';

describe('FreshPanel', () => {
  it('is a labelled region titled Fresh whose sections ask for a notebook when there is none', async () => {
    const panel = new FreshPanel({ commands: new CommandRegistry() });
    Widget.attach(panel, document.body);
    // Each section is a React root that renders asynchronously: wait until all have.
    for (let i = 0; i < 50; i++) {
      if (
        panel.node.querySelectorAll('[data-fresh-state="no-notebook"]')
          .length === 4
      ) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 20));
    }

    expect(panel.id).toBe('jp-Fresh-panel');
    expect(panel.node.getAttribute('role')).toBe('region');
    expect(panel.node.getAttribute('aria-label')).toBe(
      'Fresh: notebook freshness'
    );
    expect(panel.title.caption).toBe('Fresh');
    expect(panel.node.querySelector('.jp-Fresh-panelTitle')?.textContent).toBe(
      'Fresh'
    );
    const views = [
      ...Array.from(
        panel.node.querySelectorAll<HTMLElement>('[data-fresh-view]')
      )
    ];
    expect(views.map(view => view.dataset.freshView)).toEqual([
      'problems',
      'dependencies',
      'timeline',
      'settings'
    ]);
    for (const view of views) {
      expect(
        view.querySelector('[data-fresh-state="no-notebook"]')?.textContent
      ).toBe('Open a notebook to see what is fresh in it.');
    }
    expect(panel.fresh).toBeNull();
    expect(panel.node.dataset.freshProblems).toBe('0');
    panel.dispose();
  });
});
