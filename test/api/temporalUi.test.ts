import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal as proto } from '@temporalio/proto';
import { PayloadCipherCodec } from '../../temporal/payloadCodec';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { testPayloadKeys } from '../support/piiKeys';
import { eventually } from '../support/eventually';
import { buildIntake } from '../support/factories';

type Metadata = { currentDetails?: string };
// Summaries are payloads like any other: encrypted by the payload codec, read through it (as the Web UI does with
// its codec endpoint).
const codec = new PayloadCipherCodec(testPayloadKeys());
const summaryOf = async (e: proto.api.history.v1.IHistoryEvent): Promise<string | undefined> =>
  e.userMetadata?.summary ? defaultPayloadConverter.fromPayload<string>((await codec.decode([e.userMetadata.summary]))[0]) : undefined;

describe('the Temporal Web UI explains each workflow', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  test('when a case is opened, then its workflow and each referral carry a summary and details of codes and dates, and current details naming who it waits for', async () => {
    const intake = buildIntake({ needs: ['dibao', 'education'] });
    const { body: opened } = await api.as('window').post('/api/v1/cases').send(intake).expect(201);
    const handle = api.temporal.workflow.getHandle(`case-${opened.caseNo}`);

    const described = await handle.describe();
    expect(await described.staticSummary()).toBe(`Case ${opened.caseNo} · township 370725001 · dibao, education`);
    const details = (await described.staticDetails())!;
    expect(details).toContain('**Departments** civil_affairs, education');
    expect(details).toContain('- approval: 10 working days, warning 2 working days before');

    const current = await eventually(async () => {
      const { currentDetails } = await handle.query<Metadata>('__temporal_workflow_metadata');
      expect(currentDetails).toContain('**Next deadline** approval deadline');
      expect(currentDetails).toContain('**Waiting for** departments: civil_affairs, education');
      return currentDetails!;
    });
    expect(current).toMatch(/\| approval \| on_track \| \d{4}-\d{2}-\d{2} 24:00 \|/);

    // Every activity, timer and child the case has started so far says what it is for.
    const summaries = await eventually(async () => {
      const found = (await Promise.all((await handle.fetchHistory()).events!.map(summaryOf))).filter(Boolean);
      expect(found).toContain('stage → referral');
      expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^approval warning \d{4}-\d{2}-\d{2} 24:00 · deadline \d{4}-\d{2}-\d{2} 24:00, 10 working days$/)]));
      expect(found).toContain(`Referral of case ${opened.caseNo} to education · township 370725001`);
      return found;
    });

    const referral = api.temporal.workflow.getHandle(`case-${opened.caseNo}-education`);
    expect(await (await referral.describe()).staticSummary()).toBe(`Referral of case ${opened.caseNo} to education · township 370725001`);
    await eventually(async () => {
      const { currentDetails } = await referral.query<Metadata>('__temporal_workflow_metadata');
      expect(currentDetails).toContain('**Waiting for** department education: completion');
    });

    // Codes and dates only: nothing the applicant told the window.
    const everything = JSON.stringify([details, current, summaries]);
    for (const personal of [intake.applicant.name, intake.applicant.idNumber, intake.applicant.phone].filter(Boolean)) expect(everything).not.toContain(personal);
  });

  test('when a department completes its referral, then the referral’s current details say so and the case no longer waits for it', async () => {
    const { body: opened } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['dibao', 'medical'] })).expect(201);
    await eventually(() => api.asDepartment('medical').post(`/api/v1/referrals/${opened.caseNo}-medical/complete`).send({ outcome: 'granted' }).expect(200));
    await eventually(async () => {
      const { currentDetails } = await api.temporal.workflow.getHandle(`case-${opened.caseNo}`).query<Metadata>('__temporal_workflow_metadata');
      expect(currentDetails).toContain('**Waiting for** departments: civil_affairs');
    });
    const history = await api.temporal.workflow.getHandle(`case-${opened.caseNo}-medical`).fetchHistory();
    expect(await Promise.all(history.events!.map(summaryOf))).toContain('medical completed: granted');
    const { currentDetails } = await api.temporal.workflow.getHandle(`case-${opened.caseNo}-medical`).query<Metadata>('__temporal_workflow_metadata');
    expect(currentDetails).toContain('**Waiting for** nobody (completed)');
  });
});
