import { Router } from 'express';
import { changeSettings, currentSettings, settingsHistory, settingsVersion, StaleSettingsVersion, type SettingsVersion } from '../../db/repositories/settings';
import { DEFAULT_POLICIES } from '../../domain/clocks';
import { actorOf } from '../../domain/jurisdiction';
import type { ApiDeps } from '../deps';
import { HttpError, notFound, parse } from '../errors';
import { allow, allowAnyRole, staffOf } from '../policy';
import { retimeOpenClocks } from '../policyRetiming';
import { iso } from '../present';
import { SettingsChangeRequest, VersionParam } from '../settingsSchemas';

const present = (county: string, s: SettingsVersion) => ({
  county,
  version: s.version,
  timeLimits: s.timeLimits,
  programme: s.programme,
  reason: s.reason,
  changedBy: s.changedBy,
  changedAt: iso(s.changedAt),
  retimeOpenClocks: s.retimeOpenClocks,
});

/**
 * A county's settings (issue 13): everyone reads those in force; reviewers and administrators read the history;
 * administrators change them, each change a new version that applies to cases accepted after it.
 */
export function settingsRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = Router();

  router.get('/settings', allowAnyRole(), async (_req, res) => {
    const county = staffOf(res).countyCode;
    res.json(present(county, await currentSettings(db, county)));
  });

  router.get('/settings/versions', allow('admin', 'reviewer'), async (_req, res) => {
    const rows = await settingsHistory(db, staffOf(res).countyCode);
    res.json({
      items: rows.map((r) => ({ version: r.version, reason: r.reason, changedBy: r.changed_by, changedAt: r.changed_at.toISOString(), requestId: r.request_id, retimeOpenClocks: r.retime_open_clocks })),
    });
  });

  router.get('/settings/versions/:version', allow('admin', 'reviewer'), async (req, res) => {
    const county = staffOf(res).countyCode;
    const version = VersionParam.safeParse(req.params.version);
    const found = version.success ? await settingsVersion(db, county, version.data) : undefined;
    if (!found) throw notFound(`设置版本 ${String(req.params.version)}`);
    res.json(present(county, found));
  });

  /** A change: applies to cases accepted from now on; open clocks keep their limits unless re-timing is asked for. */
  router.post('/settings/versions', allow('admin'), async (req, res) => {
    const staff = staffOf(res);
    const body = parse(SettingsChangeRequest, req.body);
    let written: SettingsVersion;
    try {
      written = await changeSettings(db, staff.countyCode, {
        timeLimits: body.timeLimits.map((t) => ({ ...t, escalateTo: t.escalateTo ?? DEFAULT_POLICIES[t.clock].escalateTo })),
        programme: body.programme,
        reason: body.reason,
        retimeOpenClocks: body.retimeOpenClocks,
        actor: actorOf(staff),
        requestId: String(req.id),
        baseVersion: body.baseVersion,
      });
    } catch (err) {
      if (!(err instanceof StaleSettingsVersion)) throw err;
      throw new HttpError(409, 'settings_changed', `设置已被修改，当前版本为 ${err.current} (the settings changed meanwhile: version ${err.current} is in force)`, [
        { path: 'baseVersion', message: `当前版本为 ${err.current} (version ${err.current} is in force)` },
      ]);
    }
    const retimedWorkflows = body.retimeOpenClocks ? await retimeOpenClocks(deps, staff.countyCode, body.timeLimits, written.version) : 0;
    res.status(201).location(`/api/v1/settings/versions/${written.version}`).json({ ...present(staff.countyCode, written), retimedWorkflows });
  });

  return router;
}
