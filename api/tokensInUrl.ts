import type { RequestHandler } from 'express';
import { HttpError } from './errors';

/** A token parameter, or anything shaped like a staff token, anywhere in a URL. */
export const TOKEN_IN_URL = /[?&](?:access_token|token|api_key|apikey|bearer|authorization)=|odt_[A-Za-z0-9_-]{16,}/i;

/**
 * Tokens travel in the Authorization header only. A URL ends up in logs, browser history and proxies' logs, so
 * a request with a token in it is refused (and its URL is logged scrubbed, api/logger.ts), whether or not the
 * token is valid.
 */
export const refuseTokensInUrl: RequestHandler = (req, _res, next) => {
  if (TOKEN_IN_URL.test(req.originalUrl)) {
    throw new HttpError(400, 'token_in_url', '访问令牌不得放在网址中，请使用 Authorization: Bearer 请求头 (never put a token in the URL; send it as Authorization: Bearer)');
  }
  next();
};
