import { NEEDS, type NeedCode } from './needs';
import { officialLetter } from './officialText';

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


export function renderDecisionNotice(f: DecisionNoticeFacts): string {
  const approved = f.decision === 'approve';
  const programmes = f.needs.map((n) => NEEDS[n].zh).join('、');
  const body = approved
    ? `经审核审批，决定对你家庭给予${programmes}。${f.benefit ? `自${f.benefit.startMonth.replace('-', '年')}月起，每月发放救助金${f.benefit.monthlyAmountYuan.toFixed(2)}元，通过社会化发放打入你登记的银行账户。` : ''}理由：${f.reason}`
    : `经审核，你家庭申请的${programmes}不符合条件，决定不予救助。理由：${f.reason}`;
  return officialLetter({
    title: approved ? '社会救助审批决定书' : '不予救助告知书',
    caseNo: f.caseNo,
    name: f.applicantName,
    idNumber: f.idNumber,
    paragraphs: [`你于${f.townshipName}提出的社会救助申请，${body}`],
    countyName: f.countyName,
    at: f.decidedAt,
  });
}
