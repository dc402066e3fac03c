import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy, type SearchAttributePair } from '@temporalio/common';
import { routeNeeds } from '../domain/routing';
import { loopSettings } from '../db/repositories/loopSettings';
import { reviewPlanOf } from '../domain/review';
import { policiesForCase, type CasePolicies } from '../db/repositories/timeLimits';
import { createCase, findCase, findCaseByIdempotencyKey } from '../db/repositories/cases';
import { caseWorkflowKey, markWorkflowStarted } from '../db/repositories/workflowBinding';
import { DuplicateCase } from '../db/repositories/households';
import { duplicateCase, refuseBarredApplicant } from './intakeRules';
import type { caseWorkflow } from '../workflows/case';
import { caseWorkflowId, type CaseWorkflowInput } from '../workflows/messages';
import { caseStartMetadata } from '../workflows/summaries';
import { CaseNo, Emergency, PendingDepartments, SlaState, Stage, Township } from '../workflows/searchAttributes';
import { assertWorkflowOfCase } from './caseWorkflowBinding';
import { planDeadlines } from './deadlines';
import type { PersonalDataCipher } from '../db/personalData';
import type { ApiDeps } from './deps';
import { HttpError, invalid } from './errors';
import { withinWorkflowDeadline } from './workflowDeadline';
import type { IntakeRequest } from './schemas';

const UNIQUE_VIOLATION = '23505';

/** Keyed, so that the stored fingerprint of a body full of personal data cannot be confirmed by guessing. */
function requestHash(pii: PersonalDataCipher, body: IntakeRequest): string {
  return pii.fingerprint(JSON.stringify(body));
}

/**
 * What a case's workflow starts with, from what intake stored: codes, dates and time limits only. `policies` are
 * the time limits intake has just read for the case (so that one intake reads them once); without them (a retried
 * intake, the reconciler) they are read again.
 */
export async function caseWorkflowStart(db: ApiDeps['db'], caseNo: string, policies?: CasePolicies) {
  const found = await findCase(db, caseNo);
  if (!found) throw new Error(`case ${caseNo} vanished`);
  const emergency = found.emergency !== null;
  // Only the time limits: the deadlines themselves are the workflow's clocks' to compute (no calendar load here).
  const departments = routeNeeds(found.needs);
  policies ??= await policiesForCase(db, found.township_code, found.needs, departments, emergency);
  const caseKey = await caseWorkflowKey(db, caseNo);
  const { acceptClock, programme } = await loopSettings(db, found.county_code);
  const review = policies.case.approval && reviewPlanOf(found.needs, programme);
  const input: CaseWorkflowInput = {
    caseNo,
    ...(caseKey ? { caseKey } : {}),
    township: found.township_code,
    needs: found.needs,
    acceptedAt: found.opened_at.toISOString(),
    clocks: policies.case,
    referrals: departments.map((department) => ({ department, policy: policies.referrals[department]!, acceptPolicy: acceptClock })),
    ...(review ? { review } : {}),
  };
  const searchAttributes: SearchAttributePair[] = [
    { key: CaseNo, value: caseNo },
    { key: Township, value: found.township_code },
    { key: Stage, value: found.stage },
    { key: SlaState, value: 'on_track' },
    { key: Emergency, value: emergency },
    { key: PendingDepartments, value: departments },
  ];
  return { input, searchAttributes };
}

/**
 * Starts the case's workflow, carrying the case's key in its memo. A workflow that already runs is not an error
 * when it is this case's (a retried intake, the reconciler); one of another case with the same number is (503).
 */
export async function ensureCaseWorkflow(deps: Pick<ApiDeps, 'db' | 'temporal' | 'taskQueue' | 'logger' | 'workflowAnswerMs'>, caseNo: string, policies?: CasePolicies): Promise<void> {
  const { db, temporal, taskQueue, workflowAnswerMs } = deps;
  const { input, searchAttributes } = await caseWorkflowStart(db, caseNo, policies);
  const workflowId = caseWorkflowId(caseNo);
  try {
    await withinWorkflowDeadline(temporal, workflowAnswerMs, () =>
      temporal.workflow.start<typeof caseWorkflow>('caseWorkflow', {
        workflowId,
        taskQueue,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [input],
        typedSearchAttributes: searchAttributes,
        ...(input.caseKey ? { memo: { caseKey: input.caseKey } } : {}),
        ...caseStartMetadata(input), // what the Temporal Web UI shows: codes and dates only
      }),
    );
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
      throw new HttpError(503, 'workflow_unavailable', `案件 ${caseNo} 已保存，但流程暂未启动，请使用相同的 Idempotency-Key 重试 (case saved; retry with the same Idempotency-Key to start its workflow)`);
    }
    if (input.caseKey) await assertWorkflowOfCase(deps, workflowId, input.caseKey);
  }
  // Should this fail (the database just went down), the reconciler finds the workflow running and marks it.
  await markWorkflowStarted(db, caseNo).catch((err: unknown) => deps.logger.warn({ caseNo, err: String(err) }, 'workflow started, not yet marked'));
}

/**
 * An Idempotency-Key belongs to the staff member who sent it: another window (or county) using the same key
 * neither finds nor learns of their case.
 */
const scopedKey = (actor: string, key: string | undefined) => (key === undefined ? undefined : `${actor}:${key}`);

/**
 * Opens a case: stores everything the applicant submitted, then starts its workflow. With an idempotency key,
 * a retried request by the same staff member finds the case it already opened (and starts its workflow if that
 * failed the first time).
 */
export async function openCase(
  deps: ApiDeps,
  body: IntakeRequest,
  idempotencyKey: string | undefined,
  audit: { actor: string; requestId: string },
): Promise<{ caseNo: string; replayed: boolean }> {
  const { db } = deps;
  const hash = requestHash(deps.pii, body);
  const key = scopedKey(audit.actor, idempotencyKey);
  const replay = async (): Promise<{ caseNo: string; replayed: boolean } | undefined> => {
    const existing = key ? await findCaseByIdempotencyKey(db, key) : undefined;
    if (!existing) return undefined;
    if (existing.request_hash !== hash) {
      throw new HttpError(409, 'idempotency_key_reused', '该 Idempotency-Key 已用于另一份申请 (this Idempotency-Key was used for a different request)');
    }
    await ensureCaseWorkflow(deps, existing.case_no);
    return { caseNo: existing.case_no, replayed: true };
  };

  const earlier = await replay();
  if (earlier) return earlier;

  const township = await db.selectFrom('townships').select(['code', 'county_code']).where('code', '=', body.township).executeTakeFirst();
  if (!township) throw invalid([{ path: 'township', message: '未知的乡镇（街道）代码 (unknown township code)' }]);
  await refuseBarredApplicant(deps, township.county_code, body.applicant.idNumber);

  const openedAt = new Date();
  const { referrals, policies } = await planDeadlines(db, { township: body.township, needs: body.needs, emergency: body.emergency !== undefined, acceptedAt: openedAt });
  let caseNo: string;
  try {
    caseNo = await createCase(db, deps.pii, {
      township: body.township,
      applicant: { ...body.applicant, relation: 'self' },
      members: body.household.members,
      needs: body.needs,
      emergency: body.emergency ?? null,
      narrative: body.narrative ?? null,
      village: body.household.village ?? null,
      idempotencyKey: key ?? null,
      requestHash: hash,
      referrals,
      actor: audit.actor,
      requestId: audit.requestId,
      openedAt,
    });
  } catch (err) {
    if (err instanceof DuplicateCase) throw duplicateCase(err.caseNo);
    // A concurrent request with the same key won the race: answer with its case.
    if ((err as { code?: string }).code === UNIQUE_VIOLATION && key) {
      const raced = await replay();
      if (raced) return raced;
    }
    throw err;
  }
  await ensureCaseWorkflow(deps, caseNo, policies);
  return { caseNo, replayed: false };
}
