import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { PersonalDataCipher } from '../db/personalData';
import { deliverDueMessages } from '../db/repositories/applicantMessages';
import type { Database } from '../db/schema';
import { maskPhone } from '../domain/messageTemplates';

/**
 * An SMS gateway. `messageId` is the outbox row's id: a gateway that deduplicates on it makes a resend after a
 * crash (sent, but not yet marked sent) harmless.
 */
export interface SmsGateway {
  readonly name: string;
  send(message: { messageId: string; phone: string; text: string }): Promise<{ providerMessageId: string }>;
}

/** The default driver: no SMS leaves the building; each message is logged, phone masked, and stays in the outbox. */
export function loggingSmsGateway(logger: Pick<Logger, 'info'>): SmsGateway {
  return {
    name: 'log',
    async send({ messageId, phone, text }) {
      logger.info({ messageId, to: maskPhone(phone), text }, 'sms');
      return { providerMessageId: `log-${messageId}` };
    },
  };
}

const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 3600_000;

/** One pass over the outbox: every due message sent once, or given its next attempt (30 s, doubling, at most an hour). */
export async function deliverOnce(db: Kysely<Database>, pii: PersonalDataCipher, gateway: SmsGateway, { limit = 50, now = new Date() } = {}) {
  return deliverDueMessages(db, now, limit, async (m) => {
    try {
      const { providerMessageId } = await gateway.send({ messageId: m.id, phone: pii.decrypt(m.phoneCipher), text: m.body });
      return { ok: true, provider: gateway.name, providerMessageId };
    } catch (err) {
      const delay = Math.min(RETRY_BASE_MS * 2 ** m.attempts, RETRY_MAX_MS);
      return { ok: false, error: err instanceof Error ? err.message : String(err), retryAt: new Date(now.getTime() + delay) };
    }
  });
}

/** The delivery worker: a pass every `intervalMs` until stopped. */
export function startMessageDelivery(deps: { db: Kysely<Database>; pii: PersonalDataCipher; gateway: SmsGateway; logger: Pick<Logger, 'error'> }, intervalMs = 2000) {
  let stopped = false;
  let wake: () => void = () => {};
  const loop = (async () => {
    while (!stopped) {
      try {
        // A full batch: there may be more waiting, go on at once.
        const { sent, failed } = await deliverOnce(deps.db, deps.pii, deps.gateway);
        if (sent + failed >= 50) continue;
      } catch (err) {
        deps.logger.error({ err }, 'message delivery pass failed');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}
