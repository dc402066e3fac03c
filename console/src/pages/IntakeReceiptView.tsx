import { useEffect } from 'preact/hooks';
import type { Receipt } from '../api';
import { formatTime, useT } from '../i18n';
import { clockLabel, departmentLabel, needLabel } from '../labels';
import { useTownshipName } from '../reference';
import { casePath } from '../route';

/**
 * After intake: the case number, and the two papers the applicant takes home — the one-time materials notice
 * (一次性告知书: everything still needed, said once) and the receipt (受理回执). Each prints on its own.
 */
export function IntakeReceiptView({ receipt, applicantName, onNext }: { receipt: Receipt; applicantName: string; onNext(): void }) {
  const t = useT();
  useEffect(() => {
    const clear = () => delete document.body.dataset.print;
    addEventListener('afterprint', clear);
    return () => removeEventListener('afterprint', clear);
  }, []);
  const print = (which: 'notice' | 'receipt') => {
    document.body.dataset.print = which;
    window.print();
  };
  const townshipName = useTownshipName()(receipt.township);

  return (
    <section aria-labelledby="receipt-title">
      <div class="no-print">
        <h1 id="receipt-title">
          {t(['已受理，案件编号', 'Case opened, number'])} <span class="case-no" data-testid="case-no">{receipt.caseNo}</span>
        </h1>
        <div class="actions">
          <button type="button" class="primary" onClick={() => print('notice')}>
            {t(['打印一次性告知书', 'Print the materials notice'])}
          </button>
          <button type="button" onClick={() => print('receipt')}>
            {t(['打印受理回执', 'Print the receipt'])}
          </button>
          <a class="button" href={`#${casePath(receipt.caseNo)}`}>
            {t(['查看案件', 'Open the case page'])}
          </a>
          <button type="button" onClick={onNext}>
            {t(['受理下一件', 'Next applicant'])}
          </button>
        </div>
      </div>

      <article class="paper doc-notice" aria-label={t(['一次性告知书', 'Materials notice'])}>
        <h2>{t(['社会救助申请一次性告知书', 'One-time notice of materials (social assistance)'])}</h2>
        <p>
          {applicantName}
          {t(['：您的申请已于 ', ': your application was accepted on '])}
          {formatTime(receipt.openedAt, t.lang)}
          {t([` 受理，案件编号 ${receipt.caseNo}。请补齐以下材料，此外不再要求您提供其他材料：`, `, case number ${receipt.caseNo}. Please bring the following; nothing else will be asked of you:`])}
        </p>
        <ol class="materials">
          {receipt.requiredMaterials.map((m) => (
            <li key={m.code}>{t([m.zh, m.en])}</li>
          ))}
        </ol>
        <p>{t(['以下信息由部门共享获取，无需您提供：', 'These come from other departments’ records; you need not bring them:'])}</p>
        <ul class="shared">
          {receipt.sharedData.map((m) => (
            <li key={m.code}>{t([m.zh, m.en])}</li>
          ))}
        </ul>
        <p class="sign">
          {townshipName} {t(['社会救助服务窗口', 'social assistance window'])}
        </p>
      </article>

      <article class="paper doc-receipt" aria-label={t(['受理回执', 'Receipt'])}>
        <h2>{t(['社会救助申请受理回执', 'Receipt of a social-assistance application'])}</h2>
        <dl class="facts">
          <dt>{t(['案件编号', 'Case number'])}</dt>
          <dd>{receipt.caseNo}</dd>
          <dt>{t(['申请人', 'Applicant'])}</dt>
          <dd>{applicantName}</dd>
          <dt>{t(['受理时间', 'Accepted'])}</dt>
          <dd>{formatTime(receipt.openedAt, t.lang)}</dd>
          <dt>{t(['受理窗口', 'Window'])}</dt>
          <dd>{townshipName}</dd>
          <dt>{t(['申请事项', 'Needs'])}</dt>
          <dd>{receipt.needs.map((n) => t(needLabel(n))).join('、')}</dd>
        </dl>
        <table>
          <caption>{t(['办理时限', 'Time limits'])}</caption>
          <thead>
            <tr>
              <th scope="col">{t(['事项', 'Step'])}</th>
              <th scope="col">{t(['办结期限', 'Due'])}</th>
            </tr>
          </thead>
          <tbody>
            {receipt.referrals.map((r) => (
              <tr key={r.id}>
                <td>{t(departmentLabel(r.department))}</td>
                <td>{formatTime(r.dueAt, t.lang)}</td>
              </tr>
            ))}
            {receipt.deadlines
              .filter((d) => !d.clock.startsWith('referral:'))
              .map((d) => (
                <tr key={d.clock}>
                  <td>{t(clockLabel(d.clock))}</td>
                  <td>{formatTime(d.dueAt, t.lang)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </article>
    </section>
  );
}
