import { Router, type Response } from 'express';
import { findLead, handleLead, listLeads, recordLead, type LeadRow } from '../../db/repositories/leads';
import type { PersonalDataCipher } from '../../db/personalData';
import { actorOf, type Staff } from '../../domain/jurisdiction';
import type { ApiDeps } from '../deps';
import { HttpError, notFound, parse } from '../errors';
import { openCase } from '../intake';
import { leadWorkflowInput, startLeadWorkflow, tellLeadHandled } from '../leadWorkflows';
import { LeadIdParam, LeadQuery, LeadRequest, ReasonRequest } from '../loopSchemas';
import { allow, staffOf } from '../policy';
import { iso } from '../present';
import { IdempotencyKey, IntakeRequest } from '../schemas';

function presentLead(row: LeadRow, pii: PersonalDataCipher) {
  return {
    id: row.id,
    township: row.township_code,
    name: pii.decrypt(row.name_cipher),
    idNumber: pii.decryptOptional(row.id_number_cipher),
    phone: pii.decryptOptional(row.phone_cipher),
    hardship: pii.decrypt(row.hardship_cipher),
    urgency: row.urgency,
    status: row.status,
    reportedAt: row.reported_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    overdue: row.status === 'open' && row.due_at.getTime() <= Date.now(),
    sla: row.sla_state,
    escalationLevel: row.escalation_level,
    caseNo: row.case_no,
    closeReason: pii.decryptOptional(row.close_reason_cipher),
    handledAt: iso(row.handled_at),
  };
}

/** A lead of the caller's township (window), or the caller's own (reporter); else 404. */
function mayReadLead(staff: Staff, row: LeadRow | undefined): row is LeadRow {
  if (!row || row.township_code !== staff.townshipCode) return false;
  return staff.role === 'window' || row.reported_by === staff.id;
}

/** Proactive discovery (主动发现): reporters submit leads, the township window converts or closes them. */
export function leadRoutes(deps: ApiDeps): Router {
  const { db, pii } = deps;
  const router = Router();
  const leadOf = async (res: Response, id: string) => {
    const parsed = LeadIdParam.safeParse(id);
    const row = parsed.success ? await findLead(db, parsed.data) : undefined;
    if (!mayReadLead(staffOf(res), row)) throw notFound(`线索 ${id}`);
    if (row.status !== 'open') throw new HttpError(409, 'lead_already_handled', `该线索已处理（${row.status}）(this lead was already ${row.status})`);
    return row;
  };

  router.post('/leads', allow('reporter'), async (req, res) => {
    const staff = staffOf(res);
    const body = parse(LeadRequest, req.body);
    const row = await recordLead(db, pii, { ...body, township: staff.townshipCode!, county: staff.countyCode, reportedBy: staff.id });
    await startLeadWorkflow(deps, leadWorkflowInput(row));
    res.status(201).json(presentLead(row, pii));
  });

  router.get('/leads', allow('window', 'reporter'), async (req, res) => {
    const staff = staffOf(res);
    const { status } = parse(LeadQuery, req.query, 'query');
    const rows = await listLeads(db, { township: staff.townshipCode!, reportedBy: staff.role === 'reporter' ? staff.id : undefined, status });
    res.json({ items: rows.map((r) => presentLead(r, pii)) });
  });

  /** The window opens the case from the lead: the intake (prefilled from the lead by the client), under every rule of the door. */
  router.post('/leads/:id/convert', allow('window'), async (req, res) => {
    const staff = staffOf(res);
    const body = parse(IntakeRequest, req.body);
    const key = req.get('Idempotency-Key');
    if (key !== undefined) parse(IdempotencyKey, key, 'Idempotency-Key');
    const lead = await leadOf(res, String(req.params.id));
    if (body.township !== lead.township_code) throw new HttpError(400, 'invalid_request', '请求参数无效 (invalid request)', [{ path: 'township', message: '须为线索所在乡镇（街道）(must be the lead’s township)' }]);
    const { caseNo } = await openCase(deps, body, key, { actor: actorOf(staff), requestId: String(req.id) });
    const row = await handleLead(db, lead.id, { status: 'converted', caseNo, actor: actorOf(staff) });
    if (!row) throw new HttpError(409, 'lead_already_handled', '该线索已处理 (this lead was already handled)');
    await tellLeadHandled(deps, { leadId: lead.id, workflowKey: lead.workflow_key });
    res.status(201).json(presentLead(row, pii));
  });

  router.post('/leads/:id/close', allow('window'), async (req, res) => {
    const staff = staffOf(res);
    const { reason } = parse(ReasonRequest, req.body);
    const lead = await leadOf(res, String(req.params.id));
    const row = await handleLead(db, lead.id, { status: 'closed', reasonCipher: pii.encrypt(reason), actor: actorOf(staff) });
    if (!row) throw new HttpError(409, 'lead_already_handled', '该线索已处理 (this lead was already handled)');
    await tellLeadHandled(deps, { leadId: lead.id, workflowKey: lead.workflow_key });
    res.json(presentLead(row, pii));
  });

  return router;
}
