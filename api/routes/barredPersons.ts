import { Router } from 'express';
import { barsOfCounty, liftBar, recordBar, type BarRow } from '../../db/repositories/barredPersons';
import type { PersonalDataCipher } from '../../db/personalData';
import { maskIdNumber } from '../../domain/idNumber';
import { actorOf } from '../../domain/jurisdiction';
import type { ApiDeps } from '../deps';
import { notFound, parse } from '../errors';
import { BarIdParam, BarRequest, ReasonRequest } from '../loopSchemas';
import { allow, staffOf } from '../policy';
import { iso } from '../present';

function presentBar(row: BarRow, pii: PersonalDataCipher) {
  return {
    id: row.id,
    idNumber: maskIdNumber(pii.decrypt(row.id_number_cipher)),
    reason: pii.decrypt(row.reason_cipher),
    amountToReturnYuan: Number(row.amount_to_return_yuan),
    from: row.barred_from.toISOString(),
    until: iso(row.barred_until),
    recordedAt: row.recorded_at.toISOString(),
    liftedAt: iso(row.lifted_at),
    liftReason: pii.decryptOptional(row.lift_reason_cipher),
  };
}

/** Fraud records of the county (失信惩戒): administrators record and lift them, reviewers read them. */
export function barredPersonRoutes({ db, pii }: ApiDeps): Router {
  const router = Router();

  router.post('/barred-persons', allow('admin'), async (req, res) => {
    const staff = staffOf(res);
    const body = parse(BarRequest, req.body);
    const row = await recordBar(db, pii, {
      county: staff.countyCode,
      idNumber: body.idNumber,
      reason: body.reason,
      amountToReturnYuan: body.amountToReturnYuan,
      from: body.from ? new Date(body.from) : new Date(),
      until: body.until ? new Date(body.until) : null,
      actor: actorOf(staff),
      requestId: String(req.id),
    });
    res.status(201).json(presentBar(row, pii));
  });

  router.get('/barred-persons', allow('admin', 'reviewer'), async (_req, res) => {
    const rows = await barsOfCounty(db, staffOf(res).countyCode);
    res.json({ items: rows.map((r) => presentBar(r, pii)) });
  });

  router.post('/barred-persons/:id/lift', allow('admin'), async (req, res) => {
    const staff = staffOf(res);
    const id = BarIdParam.safeParse(req.params.id);
    const body = parse(ReasonRequest, req.body);
    const row = id.success ? await liftBar(db, pii, { id: id.data, county: staff.countyCode, reason: body.reason, actor: actorOf(staff), requestId: String(req.id) }) : undefined;
    if (!row) throw notFound(`失信记录 ${String(req.params.id)}（或已解除）`);
    res.json(presentBar(row, pii));
  });

  return router;
}
