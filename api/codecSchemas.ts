import { z } from 'zod';
import './schemas'; // extends zod with .openapi()

/** Base64 of bytes, as Temporal's JSON form of a payload carries them. */
const Base64 = z.string().max(1_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, '须为 Base64 (must be base64)');

/** A Temporal payload in its JSON form (what the Web UI sends to a codec server). */
export const CodecPayload = z
  .object({ metadata: z.record(z.string().min(1).max(100), Base64).default({}), data: Base64.default('') })
  .openapi('CodecPayload');

export const CodecRequest = z.strictObject({ payloads: z.array(CodecPayload).max(500) }).openapi('CodecRequest');
export const CodecResponse = z.object({ payloads: z.array(CodecPayload) }).openapi('CodecResponse');
