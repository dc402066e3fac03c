import pino, { type Logger } from 'pino';

/** Structured logs with personal data redacted wherever it might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', '*.name', '*.idNumber', '*.id_number', '*.phone', '*.applicant', '*.members'],
      censor: '[redacted]',
    },
  });
}
