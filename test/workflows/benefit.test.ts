import { Context } from '@temporalio/activity';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { saveBenefit } from '../../db/repositories/benefits';
import { monthOf, nextMonth } from '../../domain/months';
import { benefitWorkflow } from '../../workflows/benefit';
import { benefitWorkflowId } from '../../workflows/messages';
import { eventually } from '../support/eventually';
import { makeTownship, storeCaseIn } from '../support/payments';
import { encryptingDataConverter } from '../../temporal/payloadCodec';
import { testCipher, testPayloadKeys } from '../support/piiKeys';
import { createTestWorker, useTimeSkipping } from '../support/workflowEnv';

/** The monthly benefit workflow on the time-skipping server, with the real activities and PostgreSQL. */
describe('benefitWorkflow', () => {
  const time = useTimeSkipping();
  let township: string;

  beforeAll(async () => {
    township = await makeTownship(time.db, 1000);
  });

  /** An approved case with a benefit of 600 yuan a month for `months` months, from next month (server time) or this one. */
  const approvedBenefit = async (months: number, from: 'this_month' | 'next_month' = 'next_month') => {
    const caseNo = await storeCaseIn(time.db, township, ['dibao']);
    const thisMonth = monthOf(new Date(await time.env.currentTimeMs()));
    const startMonth = from === 'this_month' ? thisMonth : nextMonth(thisMonth);
    let endMonth = startMonth;
    for (let i = 1; i < months; i += 1) endMonth = nextMonth(endMonth);
    await saveBenefit(time.db, { caseNo, monthlyAmountYuan: 600, startMonth, endMonth, bankAccountCipher: testCipher().encrypt('6222020200112233445'), approvedBy: 'staff:2' });
    return { caseNo, startMonth, endMonth, input: { caseNo, month: startMonth, endMonth } };
  };
  const payments = (caseNo: string) => time.db.selectFrom('benefit_payments').select(['month', 'amount_yuan', 'run_id', 'bank_account_cipher']).where('case_no', '=', caseNo).orderBy('month').execute();

  test('when a benefit runs for three months, then each month is paid once, each by its own run (continue-as-new), into the encrypted account', async () => {
    const { caseNo, startMonth, endMonth, input } = await approvedBenefit(3);
    const { worker, taskQueue } = await createTestWorker(time.env, time.db);

    const result = await worker.runUntil(time.env.client.workflow.execute(benefitWorkflow, { workflowId: benefitWorkflowId(caseNo), taskQueue, args: [input] }));

    expect(result).toEqual({ caseNo, lastMonth: endMonth });
    const rows = await payments(caseNo);
    expect(rows.map((r) => [r.month, r.amount_yuan])).toEqual([
      [startMonth, '600.00'],
      [nextMonth(startMonth), '600.00'],
      [endMonth, '600.00'],
    ]);
    expect(new Set(rows.map((r) => r.run_id)).size).toBe(3);
    expect(rows[0].bank_account_cipher).not.toContain('6222');
    expect(testCipher().decrypt(rows[0].bank_account_cipher)).toBe('6222020200112233445');
    const events = await time.db.selectFrom('case_events').select('type').where('case_no', '=', caseNo).where('type', '=', 'benefit_paid').execute();
    expect(events).toHaveLength(3);
  });

  test('when the payment activity fails after its write and is retried, then the month is still paid once', async () => {
    const { caseNo, input } = await approvedBenefit(2);
    const real = createActivities({ db: time.db });
    const worker = await Worker.create({
      connection: time.env.nativeConnection,
      taskQueue: `benefit-retry-${caseNo}`,
      workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
      dataConverter: encryptingDataConverter(testPayloadKeys()),
      activities: {
        ...real,
        // The write commits, then the attempt is lost (as when the answer never reaches the server).
        async payBenefitMonth(args: Parameters<typeof real.payBenefitMonth>[0]) {
          const paid = await real.payBenefitMonth(args);
          if (Context.current().info.attempt === 1) throw new Error('connection lost after the payment was written');
          return paid;
        },
      },
    });

    await worker.runUntil(time.env.client.workflow.execute(benefitWorkflow, { workflowId: benefitWorkflowId(caseNo), taskQueue: `benefit-retry-${caseNo}`, args: [input] }));

    expect((await payments(caseNo)).map((r) => r.month)).toEqual([input.month, input.endMonth]);
  });

  test('when the worker dies in the middle of a payment and another takes over, then each month is written once', async () => {
    // This month has begun: the first run pays at once, while the first worker is still alive.
    const { caseNo, input } = await approvedBenefit(2, 'this_month');
    const real = createActivities({ db: time.db });
    const first = await Worker.create({
      connection: time.env.nativeConnection,
      taskQueue: `benefit-kill-${caseNo}`,
      workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
      dataConverter: encryptingDataConverter(testPayloadKeys()),
      maxCachedWorkflows: 0,
      shutdownGraceTime: '100ms',
      activities: {
        ...real,
        // The payment is written, then the worker dies before it can report the activity done.
        async payBenefitMonth(args: Parameters<typeof real.payBenefitMonth>[0]) {
          await real.payBenefitMonth(args);
          await Context.current().cancelled;
          throw new Error('unreachable');
        },
      },
    });
    const handle = await first.runUntil(async () => {
      const h = await time.env.client.workflow.start(benefitWorkflow, { workflowId: benefitWorkflowId(caseNo), taskQueue: `benefit-kill-${caseNo}`, args: [input] });
      await eventually(async () => expect(await payments(caseNo)).toHaveLength(1), 60_000);
      return h;
    });

    const { worker: second } = await createTestWorker(time.env, time.db, { taskQueue: `benefit-kill-${caseNo}`, cache: false });
    await second.runUntil(handle.result());

    const rows = await payments(caseNo);
    expect(rows.map((r) => r.month)).toEqual([input.month, input.endMonth]);
    const events = await time.db.selectFrom('case_events').select('type').where('case_no', '=', caseNo).where('type', '=', 'benefit_paid').execute();
    expect(events).toHaveLength(2);
  });
});
