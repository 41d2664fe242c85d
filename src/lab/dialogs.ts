import { Dialog, showDialog } from '@jupyterlab/apputils';

/**
 * A question before something that loses data (a file, the kernel's state), whose safe answer,
 * Cancel, is the default; true when the user goes ahead.
 */
export async function askBeforeActing(
  title: string,
  body: string,
  goAhead: string
): Promise<boolean> {
  const result = await showDialog({
    title,
    body,
    buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: goAhead })],
    defaultButton: 0
  });
  return result.button.accept;
}
