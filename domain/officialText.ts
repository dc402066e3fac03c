/** What printable official pages (决定书, 公示) share: escaping every value, and dates as official documents write them. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A date as written on official documents, Beijing time: 2026年11月24日. */
export function chineseDate(at: Date): string {
  const [y, m, d] = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
