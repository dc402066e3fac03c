import { beijingDate } from '../../domain/calendar';
import type { Decision } from '../../domain/acts';
import type { ApiHarness } from './apiHarness';
import { testCipher } from './piiKeys';

/** A home investigation (入户调查) of the case by the window and the township's reviewer, today. */
export async function recordVisit(api: ApiHarness, caseNo: string, findings = '家中无大件家电，邻里反映情况属实'): Promise<void> {
  const staff = await api.db.selectFrom('staff').select('id').where('username', 'in', ['window.baocheng', 'reviewer.baocheng']).execute();
  await api
    .as('window')
    .post(`/api/v1/cases/${caseNo}/investigations`)
    .send({ visitedOn: beijingDate(new Date()), staffIds: staff.map((s) => s.id), neighboursAsked: 2, findings, photos: [] })
    .expect(201);
}

/** The township's reviewer decides (the seed's default approver), after the home investigation 低保 and 特困 need. */
export async function decideAtTownship(api: ApiHarness, caseNo: string, decision: 'approve' | 'reject', reason: string) {
  if ((await api.db.selectFrom('home_investigations').select('id').where('case_no', '=', caseNo).execute()).length === 0) await recordVisit(api, caseNo);
  return api.as('township_reviewer').post(`/api/v1/cases/${caseNo}/decision`).send({ decision, reason });
}

/** A decision as the township's reviewer sends it to a case's workflow, after the first home investigation. */
export const townshipDecision = (decision: 'approve' | 'reject', reason: string): Decision => ({
  decision,
  reasonCipher: testCipher().encrypt(reason),
  by: 'township',
  investigatedInRound: 0,
  actor: 'reviewer:test',
});
