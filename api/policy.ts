import type { RequestHandler, Response } from 'express';
import { STAFF_ROLES, type Staff, type StaffRole } from '../domain/jurisdiction';
import { forbidden } from './errors';

/**
 * A route's policy, declared next to it: `router.post('/cases/:caseNo/decision', allow('reviewer'), …)`.
 * A role not listed gets 403 (the route exists, but never for them); jurisdiction over the specific case or
 * referral is checked inside the handler (api/jurisdiction.ts) and answers 404, so existence does not leak.
 */
export function allow(...roles: StaffRole[]): RequestHandler {
  return (_req, res, next) => {
    const principal = res.locals.principal;
    if (!principal) throw new Error('allow() is for routes behind authenticate() (the /api/v1 router)');
    if (!roles.includes(principal.role)) throw forbidden();
    res.locals.staff = principal;
    next();
  };
}

/** Every authenticated role (reference data, "who am I"). */
export const allowAnyRole = (): RequestHandler => allow(...STAFF_ROLES);

/** The caller, admitted by the route's `allow(…)`. A route without a policy cannot get at its caller: it fails loudly. */
export function staffOf(res: Response): Staff {
  const staff = res.locals.staff;
  if (!staff) throw new Error('this route declares no policy: add allow(…) before its handler');
  return staff;
}
