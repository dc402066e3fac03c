import type { RequestHandler } from 'express';

/**
 * `Cache-Control: no-store` on every answer: the API's answers carry personal data (names, ID numbers, notes) or
 * depend on who asks, and no browser, proxy or shared cache in a township office may keep a copy.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
