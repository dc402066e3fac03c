import { parse as parseCsv } from 'csv-parse/sync';
import express, { Router, type Request } from 'express';
import { saveVerificationBatch, verificationOfCase } from '../../db/repositories/verificationData';
import { verificationActivities } from '../../activities/verification';
import { actorOf } from '../../domain/jurisdiction';
import type { ApiDeps } from '../deps';
import { HttpError, invalid, notFound, parse } from '../errors';
import { caseInJurisdiction } from '../jurisdiction';
import { allow, staffOf } from '../policy';
import { EmptyRequest } from '../schemas';
import { VerificationBatchRequest, VerificationCsvQuery } from '../verificationSchemas';

/** A CSV batch as the JSON one: `?batchId=&source=`, header `idNumber,kind,amountYuan,period`; record i is line i + 2. */
function csvBatch(req: Request): unknown {
  const query = parse(VerificationCsvQuery, req.query, 'query');
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(String(req.body ?? ''), { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw invalid([{ path: 'body', message: `CSV 格式错误 (malformed CSV): ${(err as Error).message.slice(0, 200)}` }]);
  }
  const records = rows.map(({ amountYuan, period, ...rest }) => ({ ...rest, amountYuan: amountYuan === undefined || amountYuan === '' ? undefined : Number(amountYuan), ...(period ? { period } : {}) }));
  return { ...query, records };
}

/** Family economic verification: data delivered by the departments, and each case's result. */
export function verificationRoutes({ db, pii }: ApiDeps): Router {
  const router = Router();
  const { verifyFamilyEconomy } = verificationActivities(db);

  router.post('/verification-data', allow('admin'), express.text({ type: 'text/csv', limit: '1mb' }), async (req, res) => {
    const staff = staffOf(res);
    const body = parse(VerificationBatchRequest, req.is('text/csv') ? csvBatch(req) : req.body);
    const records = body.records.map((r) => ({ idNumberHash: pii.idNumberHash(r.idNumber), kind: r.kind, amountYuan: r.amountYuan, period: r.period ?? null }));
    const contentHash = pii.fingerprint(JSON.stringify([body.source, records]));
    const saved = await saveVerificationBatch(db, { batchId: body.batchId, countyCode: staff.countyCode, source: body.source, contentHash, receivedBy: actorOf(staff), records });
    if (saved.replayed && (saved.stored.content_hash !== contentHash || saved.stored.county_code !== staff.countyCode)) {
      throw new HttpError(409, 'batch_reused', '该批次号已用于另一批数据 (this batch id was used for other data)', [{ path: 'batchId', message: '批次号重复 (batch id already used)' }]);
    }
    res.status(saved.replayed ? 200 : 201).json({ batchId: body.batchId, records: records.length, people: saved.people, matchedPeople: saved.matchedPeople, replayed: saved.replayed });
  });

  router.post('/cases/:caseNo/verification', allow('window', 'township_reviewer', 'reviewer'), async (req, res) => {
    const staff = staffOf(res);
    parse(EmptyRequest, req.body ?? {});
    const { caseNo } = await caseInJurisdiction(db, staff, String(req.params.caseNo));
    const done = await verifyFamilyEconomy({ caseNo, runKey: `request:${String(req.id)}`, act: { actor: actorOf(staff), requestId: String(req.id) }, at: new Date().toISOString() });
    res.status(201).json(present(caseNo, await verificationOfCase(db, caseNo, done.verificationId)));
  });

  router.get('/cases/:caseNo/verification', allow('window', 'township_reviewer', 'reviewer', 'admin'), async (req, res) => {
    const { caseNo } = await caseInJurisdiction(db, staffOf(res), String(req.params.caseNo));
    res.json(present(caseNo, await verificationOfCase(db, caseNo)));
  });

  return router;
}

function present(caseNo: string, v: Awaited<ReturnType<typeof verificationOfCase>>) {
  if (!v) throw notFound(`案件 ${caseNo} 的家庭经济状况核对`);
  return {
    caseNo,
    provider: v.provider,
    verifiedAt: v.verified_at.toISOString(),
    validUntil: v.valid_until.toISOString(),
    valid: v.valid_until.getTime() > Date.now(),
    householdSize: v.household_size,
    standardYuan: Number(v.standard_yuan),
    perCapitaIncomeYuan: Number(v.per_capita_income_yuan),
    eligible: v.eligible,
    rules: v.rules,
    findings: v.findings,
    evidence: v.evidence.map((e) => ({ personId: e.person_id, kind: e.kind, amountYuan: Number(e.amount_yuan), source: e.source })),
  };
}
