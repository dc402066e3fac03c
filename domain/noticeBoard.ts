import { NEEDS, type NeedCode } from './needs';
import { chineseDate, escapeHtml } from './officialText';

/**
 * The township's public notice board (民主评议、公示, 004 #1): each proposed approval with the applicant's name
 * masked, the village, the programme, the proposed monthly amount and the day the notice ends — never an ID number.
 */
export interface NoticeBoardEntry {
  caseNo: string;
  maskedName: string;
  village: string | null;
  needs: NeedCode[];
  monthlyAmountYuan: number | null;
  endsAt: Date;
}

/** 张三英 → 张*英, 张三 → 张*: the family name and the last character stay, as notice boards print names. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** The board as one printable page in Chinese, every value escaped. */
export function renderNoticeBoard(townshipName: string, entries: NoticeBoardEntry[], printedAt: Date): string {
  const rows = entries
    .map((e) => {
      const programmes = e.needs.filter((n) => n === 'dibao' || n === 'tekun').map((n) => NEEDS[n].zh).join('、');
      const amount = e.monthlyAmountYuan === null ? '—' : `${e.monthlyAmountYuan.toFixed(2)}元/月`;
      return `<tr><td>${escapeHtml(e.caseNo)}</td><td>${escapeHtml(e.maskedName)}</td><td>${escapeHtml(e.village ?? '—')}</td><td>${escapeHtml(programmes)}</td><td>${escapeHtml(amount)}</td><td>${chineseDate(e.endsAt)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(townshipName)}社会救助公示</title>
<style>
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; max-width: 48em; margin: 3em auto; line-height: 1.8; }
  h1 { text-align: center; font-size: 1.6em; letter-spacing: 0.2em; }
  table { width: 100%; border-collapse: collapse; } th, td { border: 1px solid #000; padding: 0.3em 0.6em; text-align: center; }
  .sign { text-align: right; margin-top: 3em; }
</style>
</head>
<body>
<h1>${escapeHtml(townshipName)}社会救助公示</h1>
<p>下列家庭拟纳入社会救助，现予公示。如有异议，请于公示期内向乡镇（街道）社会救助服务窗口反映。</p>
<table>
<thead><tr><th>案件号</th><th>申请人</th><th>村（社区）</th><th>救助项目</th><th>拟救助金额</th><th>公示截止</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="sign">${escapeHtml(townshipName)}<br>${chineseDate(printedAt)}</p>
</body>
</html>
`;
}
