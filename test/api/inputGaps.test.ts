import { checkCharacter } from '../../domain/idNumber';
import { startApiHarness, type ApiHarness } from '../support/apiHarness';
import { eventually } from '../support/eventually';
import { buildIntake, makeIdNumber } from '../support/factories';

/** Issue 11 item 7: smaller input gaps a probe found, each answered 4xx naming the field, nothing stored. */
describe('input gaps: future births, invisible names, impossible phones, fractions of a fen', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(() => api?.stop());

  const countCases = async () => (await api.db.selectFrom('cases').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
  const nextYear = new Date().getUTCFullYear() + 1;
  const bornNextYear = (() => {
    const first17 = `370725${nextYear}0101001`;
    return first17 + checkCharacter(first17);
  })();
  const applicant = (overrides: Record<string, unknown>) => ({ name: '张秀英', idNumber: makeIdNumber('19650312'), phone: '13805361234', ...overrides });

  test.each([
    ['an ID number born next year', 'applicant.idNumber', { applicant: applicant({ idNumber: bornNextYear }) }],
    ['a name with a right-to-left override (U+202E)', 'applicant.name', { applicant: applicant({ name: '张\u202e英秀' }) }],
    ['a name with a next-line control (U+0085)', 'applicant.name', { applicant: applicant({ name: '张秀\u0085英' }) }],
    ['a name with a noncharacter (U+FFFF)', 'applicant.name', { applicant: applicant({ name: '张秀英\uffff' }) }],
    ['a name of zero-width characters only', 'applicant.name', { applicant: applicant({ name: '\u200b\u200c\u200d\ufeff' }) }],
    ['a member’s name with a zero-width space', 'household.members.0.name', { household: { members: [{ name: '李\u200b明', idNumber: makeIdNumber('20100915'), relation: 'child' }] } }],
    ['the phone 00000000000', 'applicant.phone', { applicant: applicant({ phone: '00000000000' }) }],
    ['the phone 10000000000', 'applicant.phone', { applicant: applicant({ phone: '10000000000' }) }],
    ['a requested amount of 0.001 yuan', 'emergency.requestedAmountYuan', { needs: ['temporary_emergency'], emergency: { description: '房屋失火', requestedAmountYuan: 0.001 } }],
    ['a requested amount of 1e-7 yuan', 'emergency.requestedAmountYuan', { needs: ['temporary_emergency'], emergency: { description: '房屋失火', requestedAmountYuan: 1e-7 } }],
    ['a requested amount of 12.345 yuan', 'emergency.requestedAmountYuan', { needs: ['temporary_emergency'], emergency: { description: '房屋失火', requestedAmountYuan: 12.345 } }],
  ] as const)('when intake carries %s, then 400 names %s and no case is stored', async (_what, path, overrides) => {
    const before = await countCases();
    const res = await api.as('window').post('/api/v1/cases').send({ ...buildIntake(), ...overrides }).expect(400);
    expect([...new Set(res.body.error.details.map((d: { path: string }) => d.path))]).toEqual([path]);
    expect(await countCases()).toBe(before);
  });

  test('when amounts are to the fen, names carry a middle dot and phones are real, then intake accepts them', async () => {
    const res = await api
      .as('window')
      .post('/api/v1/cases')
      .send(buildIntake({ needs: ['temporary_emergency'], emergency: { description: '房屋失火', requestedAmountYuan: 1234.56 }, applicant: applicant({ name: '阿依古丽·买买提', phone: '0536-3221234' }) }))
      .expect(201);
    const { body } = await api.as('window').get(`/api/v1/cases/${res.body.caseNo}`).expect(200);
    expect(body.emergency.requestedAmountYuan).toBe(1234.56);
    expect(body.applicant.name).toBe('阿依古丽·买买提');
  });

  test('when first aid is 0.001 or 99.999 yuan, then 400 names amountYuan; 99.99 is given', async () => {
    const { body: opened } = await api.as('window').post('/api/v1/cases').send(buildIntake({ needs: ['temporary_emergency'], emergency: { description: '突发重病', requestedAmountYuan: 100 } })).expect(201);
    for (const amountYuan of [0.001, 1e-7, 99.999]) {
      const res = await api.as('window').post(`/api/v1/cases/${opened.caseNo}/emergency-aid`).send({ amountYuan, form: 'cash' }).expect(400);
      expect([...new Set(res.body.error.details.map((d: { path: string }) => d.path))]).toEqual(['amountYuan']);
    }
    const given = await eventually(() => api.as('window').post(`/api/v1/cases/${opened.caseNo}/emergency-aid`).send({ amountYuan: 99.99, form: 'cash' }).expect(200));
    expect(given.body.amountYuan).toBe(99.99);
  });
});
