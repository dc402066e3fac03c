import { sql } from 'kysely';
import { personsByIdNumber } from '../../db/repositories/cases';
import { reencryptPersonalData, valuesPerKey } from '../../db/repositories/personalDataKeys';
import type { DepartmentCode } from '../../domain/departments';
import { caseWorkflowId, referralWorkflowId } from '../../workflows/messages';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake, makeIdNumber } from '../support/factories';
import { testCipher } from '../support/piiKeys';
import { capturedWorkerLogs } from '../support/quietRuntime';
import { ENCRYPTED_ENCODING } from '../../temporal/payloadCodec';

interface JsonPayload {
  metadata?: Record<string, unknown>;
  data?: unknown;
}
type Found = { path: string; payload: JsonPayload };

/** Every payload in a history, with where it is; search attributes apart (they never pass through codecs). */
function payloadsIn(value: unknown, path = '', out: { payloads: Found[]; searchAttributes: Found[] } = { payloads: [], searchAttributes: [] }) {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return out;
  const node = value as Record<string, unknown>;
  if ('metadata' in node && 'data' in node) {
    (/searchAttributes/.test(path) ? out.searchAttributes : out.payloads).push({ path, payload: node as JsonPayload });
    return out;
  }
  for (const [key, child] of Object.entries(node)) payloadsIn(child, `${path}.${key}`, out);
  return out;
}

const encodingOf = (p: JsonPayload) => Buffer.from((p.metadata?.encoding as Uint8Array | undefined) ?? new Uint8Array()).toString('utf8');
const asBase64 = (p: JsonPayload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v as Uint8Array).toString('base64')])),
  data: Buffer.from((p.data as Uint8Array | undefined) ?? new Uint8Array()).toString('base64'),
});

/** An applicant and household whose every personal value is distinctive, so that any trace of it is found. */
function distinctiveHousehold() {
  const applicant = { name: '欧阳秀兰', idNumber: makeIdNumber('19580214', '370725'), phone: '13905367788' };
  const members = [
    { name: '司马建军', idNumber: makeIdNumber('19560903', '370725'), relation: 'spouse' as const },
    { name: '欧阳小燕', idNumber: makeIdNumber('20110517', '370725'), relation: 'child' as const },
  ];
  const secrets = [applicant.name, applicant.idNumber, applicant.phone, ...members.flatMap((m) => [m.name, m.idNumber])];
  return { applicant, members, secrets };
}

/** Every text in a value: strings, and byte arrays (Temporal payloads) decoded as UTF-8. */
function textsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'));
  else if (Array.isArray(value)) value.forEach((v) => textsIn(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => textsIn(v, out));
  return out;
}

/** The forms a secret may take in text: as is, JSON-escaped (\uXXXX) and percent-encoded. */
const formsOf = (secret: string) => [secret, JSON.stringify(secret).slice(1, -1), secret.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), encodeURIComponent(secret)];

function expectNoSecrets(text: string, secrets: string[]): void {
  for (const secret of secrets) for (const form of formsOf(secret)) expect({ secret, found: text.includes(form) }).toEqual({ secret, found: false });
}

describe('personal data: encrypted at rest, masked in answers, absent from logs and workflow histories', () => {
  let api: ApiHarness;
  const logLines: string[] = [];
  beforeAll(async () => {
    api = await startApiHarness({ logLines });
  });
  afterAll(() => api?.stop());

  test('when a case is opened, then names, ID numbers, phones and the narrative are stored only as ciphertext, with a blind index', async () => {
    const { applicant, members, secrets } = distinctiveHousehold();
    const narrative = `${applicant.name}的丈夫${members[0].name}因病失去劳动能力。`;
    const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake({ applicant, household: { members }, narrative })).expect(201);

    const dump = await sql<{ row: string }>`
      select row_to_json(t)::text as row from (
        select p.* from persons p join cases c on c.household_id = p.household_id where c.case_no = ${body.caseNo}) t
      union all select row_to_json(c)::text from cases c where c.case_no = ${body.caseNo}
      union all select row_to_json(r)::text from referrals r where r.case_no = ${body.caseNo}
      union all select row_to_json(e)::text from case_events e where e.case_no = ${body.caseNo}`.execute(api.db);
    expect(dump.rows.length).toBeGreaterThan(5);
    expectNoSecrets(dump.rows.map((r) => r.row).join('\n'), [...secrets, narrative]);

    const persons = await api.db
      .selectFrom('persons')
      .innerJoin('cases', 'cases.household_id', 'persons.household_id')
      .select(['persons.name_cipher', 'persons.id_number_cipher', 'persons.id_number_hash', 'persons.phone_cipher', 'cases.narrative_cipher'])
      .where('cases.case_no', '=', body.caseNo)
      .orderBy('persons.id')
      .execute();
    expect(persons).toHaveLength(3);
    expect(persons[0].name_cipher).toMatch(/^k1\.[A-Za-z0-9_-]+$/);
    expect(api.pii.decrypt(persons[0].id_number_cipher)).toBe(applicant.idNumber);
    expect(api.pii.decrypt(persons[0].phone_cipher!)).toBe(applicant.phone);
    expect(api.pii.decrypt(persons[0].narrative_cipher!)).toBe(narrative);
    expect(persons[0].id_number_hash).toBe(api.pii.idNumberHash(applicant.idNumber));
    // The same value encrypts differently each time (random nonce): ciphertext reveals no equality.
    expect(api.pii.encrypt(applicant.name)).not.toBe(persons[0].name_cipher);

    const found = await personsByIdNumber(api.db, api.pii, members[1].idNumber);
    expect(found).toEqual([expect.objectContaining({ name: members[1].name, relation: 'child', caseNo: body.caseNo })]);
    expect(await personsByIdNumber(api.db, api.pii, makeIdNumber('19000101'))).toEqual([]);
  });

  test.each([
    ['the township window', 'full', 'window'],
    ['a county reviewer', 'full', 'reviewer'],
    ['the administrator', 'masked', 'admin'],
    ['a department the case was referred to', 'masked', 'education'],
  ] as const)('when %s reads a case, then the applicant’s ID number is shown %s', async (_who, shown, role) => {
    const { applicant } = distinctiveHousehold();
    const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake({ applicant, needs: ['dibao', 'education'] })).expect(201);
    const agent = role === 'education' ? api.asDepartment(role) : api.as(role);
    const { body: detail } = await agent.get(`/api/v1/cases/${body.caseNo}`).expect(200);
    expect(detail.applicant.name).toBe(applicant.name);
    const masked = `${applicant.idNumber.slice(0, 6)}********${applicant.idNumber.slice(14)}`;
    expect(detail.applicant.idNumber).toBe(shown === 'full' ? applicant.idNumber : masked);
  });

  test('when the active key changes, then rotation re-encrypts every value, the API still reads them, and rotating back restores k1', async () => {
    const { applicant } = distinctiveHousehold();
    const { body } = await api.as('window').post('/api/v1/cases').send(buildIntake({ applicant, narrative: '需要复核' })).expect(201);
    const k2 = testCipher('k2');
    try {
      const report = await reencryptPersonalData(api.db, k2, { batchSize: 7 });
      expect(report.persons).toBeGreaterThanOrEqual(3);
      expect(Object.keys(await valuesPerKey(api.db, k2))).toEqual(['k2']);
      expect(await reencryptPersonalData(api.db, k2)).toEqual({ persons: 0, narratives: 0, notes: 0 });
      const { body: detail } = await api.as('reviewer').get(`/api/v1/cases/${body.caseNo}`).expect(200);
      expect(detail.applicant).toEqual({ name: applicant.name, idNumber: applicant.idNumber });
    } finally {
      await reencryptPersonalData(api.db, testCipher('k1'));
    }
    expect(Object.keys(await valuesPerKey(api.db, api.pii))).toEqual(['k1']);
  });

  test('when a full case runs from intake to closure, then its histories hold only ciphertext payloads, which the codec endpoint decodes for a reviewer, and neither they nor the logs contain a name, ID number or phone', async () => {
    const { applicant, members, secrets } = distinctiveHousehold();
    const needs = ['temporary_expense', 'education', 'medical'] as const;
    logLines.length = 0;
    const { body: opened } = await api
      .as('window')
      .post('/api/v1/cases')
      .set('Idempotency-Key', `pii-test-${Date.now()}`)
      .send(buildIntake({ applicant, household: { members }, needs: [...needs], narrative: `${applicant.name}，电话${applicant.phone}` }))
      .expect(201);
    const departments = opened.referrals.map((r: { department: DepartmentCode }) => r.department) as DepartmentCode[];
    expect(departments).toEqual(['civil_affairs', 'education', 'medical']);
    for (const department of departments) {
      await api.asDepartment(department).get(`/api/v1/departments/${department}/referrals`).expect(200);
      await eventually(() =>
        api
          .asDepartment(department)
          .post(`/api/v1/referrals/${opened.caseNo}-${department}/complete`)
          .send({ outcome: 'granted', measures: ['other'], note: `已电话联系${applicant.name}（${applicant.phone}），身份证${applicant.idNumber}` })
          .expect(200),
      );
    }
    await api.as('township_reviewer').post(`/api/v1/cases/${opened.caseNo}/decision`).send({ decision: 'approve', reason: `${applicant.name}家庭符合条件` }).expect(200);
    const closed = await eventually(async () => {
      const { body } = await api.as('window').get(`/api/v1/cases/${opened.caseNo}`).expect(200);
      expect(body.stage).toBe('closed');
      return body;
    });
    // The people who may see them do see them (so the checks below test something real).
    expect(closed.applicant).toEqual({ name: applicant.name, idNumber: applicant.idNumber });
    const { body: referral } = await api.asDepartment('education').get('/api/v1/departments/education/referrals?status=completed&limit=200').expect(200);
    expect(referral.items.find((i: { caseNo: string }) => i.caseNo === opened.caseNo).note).toContain(applicant.name);

    const handles = [caseWorkflowId(opened.caseNo), ...departments.map((d) => referralWorkflowId(opened.caseNo, d))].map((id) => api.temporal.workflow.getHandle(id));
    const histories = await Promise.all(handles.map((h) => h.fetchHistory()));
    // What Temporal stores (and its Web UI shows): every payload is ciphertext; not even the case number is readable.
    const { payloads, searchAttributes } = payloadsIn(histories);
    expect(payloads.length).toBeGreaterThan(20);
    // Patch markers (`patched()`) are written by the SDK's core, not through the data converter: they hold the
    // patch's name, a constant of our code, and nothing else.
    const patchMarker = (p: Found) => p.path.includes('markerRecordedEventAttributes.details.patch-data');
    expect(payloads.filter((p) => !patchMarker(p) && encodingOf(p.payload) !== ENCRYPTED_ENCODING).map((p) => p.path)).toEqual([]);
    const patchNames = payloads.filter(patchMarker).map((p) => JSON.parse(Buffer.from(p.payload.data as Uint8Array).toString('utf8')) as { id: string });
    for (const { id } of patchNames) expect(id).toMatch(/^[a-z0-9-]+$/);
    const storedPayloads = payloads.map((p) => Buffer.from(p.payload.data as Uint8Array).toString('utf8')).join('\n');
    expect(storedPayloads).not.toContain(opened.caseNo);
    expect(storedPayloads).not.toContain('outcome');
    expectNoSecrets(histories.map((h) => textsIn(h).join('\n')).join('\n'), secrets);
    for (const h of histories) expectNoSecrets(JSON.stringify(h), secrets);
    // Search attributes stay plain codes, so that the UI's queries keep working.
    expect(searchAttributes.map((p) => encodingOf(p.payload))).not.toContain(ENCRYPTED_ENCODING);
    const listed = await eventually(async () => {
      const ids: string[] = [];
      for await (const w of api.temporal.workflow.list({ query: `CaseNo="${opened.caseNo}"` })) ids.push(w.workflowId);
      expect(ids).toHaveLength(handles.length);
      return ids;
    });
    expect(listed.sort()).toEqual(handles.map((h) => h.workflowId).sort());

    // The codec endpoint (the Web UI's) decodes them for a reviewer: the case number and the outcome are in there.
    const { body: decoded } = await api
      .as('reviewer')
      .post('/api/v1/temporal-codec/decode')
      .send({ payloads: payloads.map((p) => asBase64(p.payload)) })
      .expect(200);
    const historyText = decoded.payloads.map((p: { data: string }) => Buffer.from(p.data, 'base64').toString('utf8')).join('\n');
    expect(historyText).toContain(`"caseNo":"${opened.caseNo}"`);
    expect(historyText).toContain('"outcome":"granted"');
    expect(historyText).toContain('noteCipher');
    expectNoSecrets(historyText, secrets);

    const apiLog = logLines.join('');
    expect(apiLog).toContain(`/api/v1/cases/${opened.caseNo}`);
    expect(apiLog).toContain('"staff":');
    expect(apiLog).not.toContain(api.tokens.window);
    expectNoSecrets(apiLog, secrets);

    const workerLog = JSON.stringify(capturedWorkerLogs().map((e) => ({ ...e, meta: e.meta })), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(workerLog).toContain(opened.caseNo);
    expectNoSecrets(workerLog, secrets);
  });
});
