import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import { parse as parseCookies } from 'cookie';
import { principalOfToken } from './auth';
import type { ApiDeps } from './deps';
import { unauthenticated } from './errors';

/**
 * The Temporal Web UI's way into the codec endpoint. The UI calls the endpoint from the browser and can send no
 * staff token of ours, only cookies ("include cross-origin credentials"). A reviewer or administrator signed in to
 * the console asks for a codec session: a token of its own (label `temporal-ui-codec`, hours long, revocable like
 * any other, refused as a bearer token) in an HttpOnly, SameSite=Strict cookie scoped to the codec path. The
 * browser then sends it with the UI's decode calls (same site: the UI and the API on one host name) and never
 * to another site; scripts cannot read it. See docs/payload-codec.md.
 */
export const CODEC_COOKIE = 'one_door_codec';
export const CODEC_PATH = '/api/v1/temporal-codec';
export const CODEC_SESSION_HOURS = 8;

export const codecCookieOptions = (req: Request): CookieOptions => ({ httpOnly: true, sameSite: 'strict', secure: req.secure, path: CODEC_PATH });

/** The codec cookie's token, when the request carries one. */
export function codecCookie(req: Request): string | undefined {
  const header = req.get('cookie');
  return header ? parseCookies(header)[CODEC_COOKIE] : undefined;
}

/**
 * On the codec routes, a request without an Authorization header but with the codec cookie is admitted as the
 * cookie's staff member (their role still decides, by the route's policy); a cookie that is no longer valid is
 * 401 and is cleared.
 */
export function codecCookieAuthentication({ db }: Pick<ApiDeps, 'db'>): RequestHandler {
  return async (req, res: Response, next) => {
    const token = codecCookie(req);
    if (req.get('authorization') || token === undefined) return next();
    const principal = await principalOfToken(db, token, 'codec_cookie');
    if (!principal) {
      res.clearCookie(CODEC_COOKIE, codecCookieOptions(req));
      throw unauthenticated('解码会话无效或已过期，请在工作台重新开启 (the codec session is invalid or expired; open it again from the console)');
    }
    res.locals.principal = principal.staff;
    res.locals.codecTokenId = principal.tokenId;
    next();
  };
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The codec session's token, when the caller came in by the codec cookie. */
      codecTokenId?: number;
    }
  }
}
