import { NEEDS, type NeedCode } from './needs';
import { chineseDate, escapeHtml as escape } from './officialText';

/**
 * The decision in writing: 决定书 for an approval, 不予救助告知书 for a rejection, as one printable HTML page
 * in Chinese. Pure: the facts in, the page out; every value is escaped.
 */
export interface DecisionNoticeFacts {
  caseNo: string;
  countyName: string;
  townshipName: string;
  applicantName: string;
  idNumber: string;
  needs: NeedCode[];
  decision: 'approve' | 'reject';
  reason: string;
  decidedAt: Date;
  benefit: { monthlyAmountYuan: number; startMonth: string } | null;
}


const APPEAL = '如对本决定不服，可以自收到本文书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。';

export function renderDecisionNotice(f: DecisionNoticeFacts): string {
  const approved = f.decision === 'approve';
  const title = approved ? '社会救助审批决定书' : '不予救助告知书';
  const programmes = f.needs.map((n) => NEEDS[n].zh).join('、');
  const body = approved
    ? `经审核审批，决定对你家庭给予${programmes}。${f.benefit ? `自${f.benefit.startMonth.replace('-', '年')}月起，每月发放救助金${f.benefit.monthlyAmountYuan.toFixed(2)}元，通过社会化发放打入你登记的银行账户。` : ''}理由：${f.reason}`
    : `经审核，你家庭申请的${programmes}不符合条件，决定不予救助。理由：${f.reason}`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(title)} ${escape(f.caseNo)}</title>
<style>
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; max-width: 42em; margin: 3em auto; line-height: 2; }
  h1 { text-align: center; font-size: 1.6em; letter-spacing: 0.2em; }
  .no { text-align: right; } .sign { text-align: right; margin-top: 4em; }
  @media print { body { margin: 0 auto; } }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p class="no">案件号：${escape(f.caseNo)}</p>
<p>${escape(f.applicantName)}（身份证号：${escape(f.idNumber)}）：</p>
<p>你于${escape(f.townshipName)}提出的社会救助申请，${escape(body)}</p>
<p>${APPEAL}</p>
<p class="sign">${escape(f.countyName)}民政局<br>${chineseDate(f.decidedAt)}</p>
</body>
</html>
`;
}
