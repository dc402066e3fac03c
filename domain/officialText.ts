/** What printable official pages (决定书, 公示) share: escaping every value, and dates as official documents write them. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A date as written on official documents, Beijing time: 2026年11月24日. */
export function chineseDate(at: Date): string {
  const [y, m, d] = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The right of appeal every written decision states. */
export const APPEAL = '如对本决定不服，可以自收到本文书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。';

/**
 * A written decision to a household as one printable page in Chinese: title, case number, the addressee (name and
 * ID number), the paragraphs, the right of appeal, the county bureau and the date. Every value is escaped.
 */
export function officialLetter(l: { title: string; caseNo: string; name: string; idNumber: string; paragraphs: string[]; countyName: string; at: Date }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(l.title)} ${escapeHtml(l.caseNo)}</title>
<style>
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; max-width: 42em; margin: 3em auto; line-height: 2; }
  h1 { text-align: center; font-size: 1.6em; letter-spacing: 0.2em; }
  .no { text-align: right; } .sign { text-align: right; margin-top: 4em; }
  @media print { body { margin: 0 auto; } }
</style>
</head>
<body>
<h1>${escapeHtml(l.title)}</h1>
<p class="no">案件号：${escapeHtml(l.caseNo)}</p>
<p>${escapeHtml(l.name)}（身份证号：${escapeHtml(l.idNumber)}）：</p>
${l.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p>${APPEAL}</p>
<p class="sign">${escapeHtml(l.countyName)}民政局<br>${chineseDate(l.at)}</p>
</body>
</html>
`;
}
