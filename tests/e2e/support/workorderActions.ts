/**
 * Performs one step from a work order's action panel (立案, 派遣, 反馈 …): opens its form, lets
 * `fill` complete it, submits, and fails with the app's own message when the step is refused.
 */
import type { Page } from 'playwright-core';

export async function act(page: Page, action: string, fill?: (form: ReturnType<Page['getByRole']>) => Promise<unknown>): Promise<void> {
  const actions = page.getByRole('region', { name: '可执行的操作' });
  await actions.getByRole('button', { name: action, exact: true }).click();
  const form = page.getByRole('form', { name: action });
  await fill?.(form);
  await form.getByRole('button', { name: action, exact: true }).click();
  const refused = form.getByRole('alert');
  const done = actions.getByRole('status').filter({ hasText: `已${action}。` });
  await done.or(refused).first().waitFor();
  if (await refused.isVisible()) throw new Error(`${action} refused: ${await refused.innerText()}`);
}
