import { Widget } from '@lumino/widgets';

import { FreshPanel } from '../panel';

describe('FreshPanel', () => {
  it('is a labelled region titled Fresh that asks for a notebook when there is none', async () => {
    const panel = new FreshPanel();
    Widget.attach(panel, document.body);
    // ReactWidget renders on the next update request; wait for the text to appear.
    await new Promise(resolve => requestAnimationFrame(resolve));
    await new Promise(resolve => setTimeout(resolve, 0));

    expect(panel.id).toBe('jp-Fresh-panel');
    expect(panel.node.getAttribute('role')).toBe('region');
    expect(panel.node.getAttribute('aria-label')).toBe(
      'Fresh: notebook freshness'
    );
    expect(panel.title.caption).toBe('Fresh');
    expect(panel.node.querySelector('.jp-Fresh-panelTitle')?.textContent).toBe(
      'Fresh'
    );
    expect(
      panel.node.querySelector('[data-fresh-state="no-notebook"]')?.textContent
    ).toBe('Open a notebook to see what is fresh in it.');
    expect(panel.notebook).toBeNull();
    panel.dispose();
  });
});
