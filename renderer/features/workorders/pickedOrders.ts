/**
 * A set of orders picked on another screen (a number on 统计: the 12 overdue orders of a
 * village last month) opened as the inbox: `#/workorders/picked/<token>` lists exactly them.
 * The ids stay in sessionStorage under the token, so the address stays short and the browser's
 * back button returns to the number that was clicked.
 */
export interface PickedOrders {
  /** What the set is, for the banner: "超期件数 · 甲村 · 2026-10-01 至 2026-10-31". */
  label: string;
  ids: string[];
}

const PREFIX = 'gridlink.picked.';

export function pickOrders(picked: PickedOrders): string {
  const token = `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
  try {
    sessionStorage.setItem(PREFIX + token, JSON.stringify(picked));
  } catch {
    // Storage full or refused: the inbox says the set is gone rather than showing another one.
  }
  return `#/workorders/picked/${token}`;
}

export function pickedOrders(token: string): PickedOrders | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + token);
    const value = raw ? (JSON.parse(raw) as Partial<PickedOrders>) : null;
    return value && typeof value.label === 'string' && Array.isArray(value.ids) ? { label: value.label, ids: value.ids.filter((id) => typeof id === 'string') } : null;
  } catch {
    return null;
  }
}
