import { officialLetter } from './officialText';

/** What the written notice of a changed or stopped benefit says (应退尽退). */
export interface BenefitChangeNoticeFacts {
  caseNo: string;
  countyName: string;
  applicantName: string;
  idNumber: string;
  kind: 'change' | 'stop';
  fromMonth: string;
  monthlyAmountYuan: number | null;
  reason: string;
  decidedAt: Date;
}

/** 救助金额变更告知书 / 停发告知书, one printable page in Chinese. */
export function renderBenefitChangeNotice(f: BenefitChangeNoticeFacts): string {
  const from = `${f.fromMonth.replace('-', '年')}月`;
  return officialLetter({
    title: f.kind === 'stop' ? '停发社会救助金告知书' : '社会救助金额变更告知书',
    caseNo: f.caseNo,
    name: f.applicantName,
    idNumber: f.idNumber,
    paragraphs: [
      f.kind === 'stop'
        ? `经复核，决定自${from}起停发你家庭的社会救助金。理由：${f.reason}`
        : `经复核，决定自${from}起将你家庭的每月社会救助金调整为${f.monthlyAmountYuan!.toFixed(2)}元。理由：${f.reason}`,
    ],
    countyName: f.countyName,
    at: f.decidedAt,
  });
}
