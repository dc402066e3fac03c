import type { Payload } from '@temporalio/common';
import { Router } from 'express';
import { CodecRequest } from '../codecSchemas';
import type { ApiDeps } from '../deps';
import { invalid, parse } from '../errors';
import { CODEC_COOKIE, CODEC_SESSION_HOURS, codecCookieOptions } from '../codecSession';
import { revokeStaffToken, revokeStaffTokens } from '../../db/repositories/staffTokens';
import { CODEC_TOKEN_LABEL } from '../auth';
import { issueToken } from '../tokens';
import { allow, staffOf } from '../policy';

const toPayload = (p: { metadata: Record<string, string>; data: string }): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/**
 * The codec server of the Temporal Web UI (its "codec endpoint"): decodes the payloads of a history so that an
 * administrator or reviewer sees them in the clear. Decode only: the UI is read-only, and an encode endpoint
 * would let a browser mint payloads the workers accept.
 */
export function temporalCodecRoutes({ db, payloadCodec }: ApiDeps): Router {
  const router = Router();
  // A codec session for the Web UI (api/codecSession.ts): asked for with the staff token, ended by the cookie or the token.
  router.post('/temporal-codec/session', allow('admin', 'reviewer'), async (req, res) => {
    const issued = await issueToken(db, staffOf(res).id, { lifetimeDays: CODEC_SESSION_HOURS / 24, label: CODEC_TOKEN_LABEL });
    res.cookie(CODEC_COOKIE, issued.token, { ...codecCookieOptions(req), expires: issued.expiresAt });
    res.status(201).json({ expiresAt: issued.expiresAt.toISOString() });
  });
  router.delete('/temporal-codec/session', allow('admin', 'reviewer'), async (req, res) => {
    const tokenId = res.locals.codecTokenId;
    if (tokenId !== undefined) await revokeStaffToken(db, tokenId);
    else await revokeStaffTokens(db, staffOf(res).id, CODEC_TOKEN_LABEL);
    res.clearCookie(CODEC_COOKIE, codecCookieOptions(req));
    res.status(204).end();
  });
  router.post('/temporal-codec/decode', allow('admin', 'reviewer'), async (req, res) => {
    const { payloads } = parse(CodecRequest, req.body);
    const decoded = await Promise.all(
      payloads.map(async (p, i) => {
        try {
          const [plain] = await payloadCodec.decode([toPayload(p)]);
          return toJson(plain);
        } catch {
          throw invalid([{ path: `payloads.${i}`, message: '无法解密：密钥未知或内容被篡改 (cannot decrypt: unknown key or tampered payload)' }]);
        }
      }),
    );
    res.json({ payloads: decoded });
  });
  return router;
}
