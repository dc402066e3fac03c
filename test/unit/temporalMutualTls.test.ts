import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../config';
import { TEST_PII_ENV } from '../support/piiKeys';

/**
 * The dev server speaks no TLS, so the mutual-TLS handshake of the API's and the worker's Temporal connections is
 * checked against a stand-in frontend: an HTTP/2 TLS server with the `temporal` certificate of
 * scripts/temporal-certs.sh that, like Temporal's frontend with TEMPORAL_TLS_REQUIRE_CLIENT_AUTH, requires a client
 * certificate of the stack's CA. It records who completed the handshake; the gRPC calls themselves then fail.
 */
const ROOT = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'one-door-mtls-'));
const file = (service: string, ext: string) => path.join(dir, service, `${service}.${ext}`);
let frontend: Http2SecureServer;
let address: string;
const handshakes: string[] = [];

beforeAll(async () => {
  execFileSync('bash', [path.join(ROOT, 'scripts', 'temporal-certs.sh'), dir], { stdio: 'pipe' });
  frontend = createSecureServer({
    cert: readFileSync(file('temporal', 'pem')),
    key: readFileSync(file('temporal', 'key')),
    ca: readFileSync(path.join(dir, 'ca.pem')),
    requestCert: true,
    rejectUnauthorized: true,
  });
  frontend.on('secureConnection', (socket: TLSSocket) => handshakes.push(socket.getPeerCertificate().subject.CN as string));
  frontend.on('stream', (stream) => stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' }, { endStream: true }));
  await new Promise<void>((resolve) => frontend.listen(0, '127.0.0.1', resolve));
  address = `127.0.0.1:${(frontend.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => frontend.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** The Temporal settings of a service as the compose file configures it (its own directory of certificates). */
const temporalFor = (service: string) =>
  loadConfig({
    ...TEST_PII_ENV,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TLS_CA: path.join(dir, service, 'ca.pem'),
    TEMPORAL_TLS_CERT: file(service, 'pem'),
    TEMPORAL_TLS_KEY: file(service, 'key'),
    TEMPORAL_TLS_SERVER_NAME: 'temporal',
  }).temporal;

describe('mutual TLS to the Temporal frontend', () => {
  test('when the API connects with its settings, then the frontend sees the api certificate', async () => {
    const { address: target, tls } = temporalFor('api');
    await Connection.connect({ address: target, tls, connectTimeout: 5000 }).then((c) => c.close(), () => undefined);
    expect(handshakes).toContain('api');
  });

  test('when the worker connects with its settings, then the frontend sees the worker certificate', async () => {
    const { address: target, tls } = temporalFor('worker');
    await NativeConnection.connect({ address: target, tls }).then((c) => c.close(), () => undefined);
    expect(handshakes).toContain('worker');
  });

  test('when a client has no certificate, then the frontend completes no handshake with it', async () => {
    const before = handshakes.length;
    await Connection.connect({ address, tls: { serverRootCACertificate: readFileSync(path.join(dir, 'ca.pem')), serverNameOverride: 'temporal' }, connectTimeout: 3000 }).then(
      (c) => c.close(),
      () => undefined,
    );
    expect(handshakes.length).toBe(before);
  });
});
