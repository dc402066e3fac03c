import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { TEST_PII_ENV } from '../support/piiKeys';

/** TEMPORAL_TLS_* in the environment → the TLS options of the API's and the worker's Temporal connections. */

const dir = mkdtempSync(path.join(tmpdir(), 'one-door-tls-'));
const file = (name: string, content: string) => {
  writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
};
const ca = file('ca.pem', 'CA PEM');
const cert = file('api.pem', 'CERT PEM');
const key = file('api.key', 'KEY PEM');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const temporalOf = (env: Record<string, string>) => loadConfig({ ...TEST_PII_ENV, ...env }).temporal;

describe('Temporal TLS settings', () => {
  test('when no TEMPORAL_TLS_* is set, then the connection is plain (the dev server)', () => {
    expect(temporalOf({}).tls).toBeUndefined();
  });

  test('when the CA, a certificate and its key are set, then the connection is mutual TLS with their contents', () => {
    const tls = temporalOf({ TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_SERVER_NAME: 'temporal' }).tls!;
    expect(Buffer.from(tls.serverRootCACertificate!).toString()).toBe('CA PEM');
    expect(Buffer.from(tls.clientCertPair!.crt).toString()).toBe('CERT PEM');
    expect(Buffer.from(tls.clientCertPair!.key).toString()).toBe('KEY PEM');
    expect(tls.serverNameOverride).toBe('temporal');
  });

  test('when only a CA is set, then the connection is TLS that checks the server, without a client certificate', () => {
    const tls = temporalOf({ TEMPORAL_TLS_CA: ca }).tls!;
    expect(Buffer.from(tls.serverRootCACertificate!).toString()).toBe('CA PEM');
    expect(tls.clientCertPair).toBeUndefined();
    expect(tls.serverNameOverride).toBeUndefined();
  });

  test.each([
    ['a certificate without its key', { TEMPORAL_TLS_CERT: 'x.pem' }, /TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY/],
    ['a key without its certificate', { TEMPORAL_TLS_KEY: 'x.key' }, /TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY/],
    ['a CA file that does not exist', { TEMPORAL_TLS_CA: path.join(dir, 'missing.pem') }, /TEMPORAL_TLS_CA: cannot read .*missing\.pem \(ENOENT\)/],
    ['a key file that does not exist', { TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: path.join(dir, 'missing.key') }, /TEMPORAL_TLS_KEY: cannot read/],
  ])('when %s is given, then loading the configuration fails naming the variable', (_what, env, message) => {
    expect(() => temporalOf(env)).toThrow(message);
  });
});
