import type { RequestHandler } from 'express';
import { staffByTokenHash, touchStaffToken } from '../db/repositories/staffTokens';
import type { Staff } from '../domain/jurisdiction';
import type { ApiDeps } from './deps';
import { unauthenticated } from './errors';
import { hashToken, isTokenShaped } from './tokens';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Who the bearer token belongs to (set by `authenticate`). */
      principal?: Staff;
      /** The same, once a route's policy (`allow`) has admitted them. */
      staff?: Staff;
    }
  }
}

/**
 * Every /api/v1 call carries `Authorization: Bearer <token>`: a token that is known, unrevoked and unexpired.
 * Anything else is 401 with the same answer (no hint whether a token exists, expired or was revoked).
 */
export function authenticate({ db }: Pick<ApiDeps, 'db'>): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (!header) throw unauthenticated();
    const [scheme, token, ...rest] = header.trim().split(/\s+/);
    if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0 || !isTokenShaped(token)) {
      throw unauthenticated('访问令牌无效、已过期或已撤销 (the bearer token is invalid, expired or revoked)');
    }
    const found = await staffByTokenHash(db, hashToken(token));
    if (!found) throw unauthenticated('访问令牌无效、已过期或已撤销 (the bearer token is invalid, expired or revoked)');
    await touchStaffToken(db, found.token_id);
    res.locals.principal = {
      id: found.id,
      username: found.username,
      role: found.role,
      countyCode: found.county_code,
      townshipCode: found.township_code,
      departmentCode: found.department_code,
    };
    next();
  };
}
