import { IJupyterLabPageFixture } from '@jupyterlab/galata';

/**
 * Runs a JupyterLab command in the page and waits for it. Commands may return objects that
 * cannot be serialised, so nothing comes back.
 */
export async function executeCommand(
  page: IJupyterLabPageFixture,
  id: string,
  args: Record<string, string> = {}
): Promise<void> {
  await page.evaluate(
    async ({ id, args }) => {
      await window.jupyterapp.commands.execute(id, args);
    },
    { id, args }
  );
}
