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

/** Tokens minted for the Temporal Web UI's codec calls, carried in a cookie: valid there and nowhere else. */
export const CODEC_TOKEN_LABEL = 'temporal-ui-codec';

/** Where a token was presented: the Authorization header, or the codec cookie (api/codecSession.ts). */
export type TokenCarrier = 'bearer' | 'codec_cookie';

const REFUSED = '访问令牌无效、已过期或已撤销 (the bearer token is invalid, expired or revoked)';

/**
 * The staff member a token belongs to, when it is known, unrevoked and unexpired, and presented where it may be:
 * a codec token only as the codec cookie, any other token only as a bearer token.
 */
export async function principalOfToken(db: ApiDeps['db'], token: string, carrier: TokenCarrier): Promise<{ staff: Staff; tokenId: number } | undefined> {
  if (!isTokenShaped(token)) return undefined;
  const found = await staffByTokenHash(db, hashToken(token));
  if (!found || (found.label === CODEC_TOKEN_LABEL) !== (carrier === 'codec_cookie')) return undefined;
  await touchStaffToken(db, found.token_id);
  const staff: Staff = {
    id: found.id,
    username: found.username,
    role: found.role,
    countyCode: found.county_code,
    townshipCode: found.township_code,
    departmentCode: found.department_code,
  };
  return { staff, tokenId: found.token_id };
}

/**
 * Every /api/v1 call carries `Authorization: Bearer <token>`: a token that is known, unrevoked and unexpired.
 * Anything else is 401 with the same answer (no hint whether a token exists, expired or was revoked). The codec
 * routes may instead have admitted the caller by their cookie already.
 */
export function authenticate({ db }: Pick<ApiDeps, 'db'>): RequestHandler {
  return async (req, res, next) => {
    if (res.locals.principal) return next();
    const header = req.get('authorization');
    if (!header) throw unauthenticated();
    const [scheme, token, ...rest] = header.trim().split(/\s+/);
    const principal = scheme?.toLowerCase() === 'bearer' && token && rest.length === 0 ? await principalOfToken(db, token, 'bearer') : undefined;
    if (!principal) throw unauthenticated(REFUSED);
    res.locals.principal = principal.staff;
    next();
  };
}
