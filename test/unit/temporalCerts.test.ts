import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

/** scripts/temporal-certs.sh, run for real; the certificates checked with openssl against the compose file. */

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts', 'temporal-certs.sh');
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string>; volumes?: string[] }>;
};

const dir = mkdtempSync(path.join(tmpdir(), 'one-door-certs-'));
const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8' });
/** Compose services that mount a directory of certificates, and the file names their environment expects there. */
const mounting = Object.entries(compose.services)
  .filter(([, service]) => (service.volumes ?? []).some((volume) => volume.endsWith(':/certs:ro')))
  .map(([name, service]) => ({ name, environment: service.environment ?? {} }));

beforeAll(() => {
  execFileSync('bash', [SCRIPT, dir], { stdio: 'pipe' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/temporal-certs.sh', () => {
  test('when it runs, then every compose service that mounts certificates gets a directory named after it', () => {
    expect(mounting.map((s) => s.name).sort()).toEqual(['api', 'temporal', 'temporal-admin', 'temporal-ui', 'worker']);
    for (const { name } of mounting) expect(statSync(path.join(dir, name, `${name}.pem`)).isFile()).toBe(true);
  });

  test.each(['api', 'worker', 'temporal-admin', 'temporal-ui', 'temporal'])('when %s presents its certificate, then openssl verifies it against the CA and its name is the service name', (name) => {
    const cert = path.join(dir, name, `${name}.pem`);
    expect(openssl('verify', '-CAfile', path.join(dir, 'ca.pem'), cert).trim()).toBe(`${cert}: OK`);
    expect(openssl('verify', '-CAfile', path.join(dir, name, 'ca.pem'), cert).trim()).toBe(`${cert}: OK`);
    expect(openssl('x509', '-in', cert, '-noout', '-subject')).toMatch(new RegExp(`CN ?= ?${name}$`, 'm'));
    expect(openssl('x509', '-in', cert, '-noout', '-ext', 'subjectAltName')).toMatch(new RegExp(`DNS:${name}$`, 'm'));
    const usage = openssl('x509', '-in', cert, '-noout', '-ext', 'extendedKeyUsage');
    expect(usage).toContain('TLS Web Client Authentication');
    expect(usage.includes('TLS Web Server Authentication')).toBe(name === 'temporal');
  });

  test('when a key is checked, then it belongs to its certificate', () => {
    for (const { name } of mounting) {
      const fromCert = openssl('x509', '-in', path.join(dir, name, `${name}.pem`), '-noout', '-pubkey');
      const fromKey = openssl('pkey', '-in', path.join(dir, name, `${name}.key`), '-pubout');
      expect({ name, matches: fromCert === fromKey }).toEqual({ name, matches: true });
    }
  });

  test('when the clients check the frontend, then its certificate carries the host name of their TEMPORAL_ADDRESS and TEMPORAL_TLS_SERVER_NAME', () => {
    const names = openssl('x509', '-in', path.join(dir, 'temporal', 'temporal.pem'), '-noout', '-ext', 'subjectAltName');
    for (const { name, environment } of mounting.filter((s) => s.name !== 'temporal')) {
      expect({ name, host: environment.TEMPORAL_ADDRESS.split(':')[0] }).toEqual({ name, host: 'temporal' });
      expect(names).toContain(`DNS:${environment.TEMPORAL_TLS_SERVER_NAME}`);
    }
  });

  test('when the CA key is written, then only its owner may read it, and no service directory holds it', () => {
    expect(statSync(path.join(dir, 'ca.key')).mode & 0o077).toBe(0);
    for (const { name } of mounting) expect(() => statSync(path.join(dir, name, 'ca.key'))).toThrow();
  });

  test('when certificates exist already, then it refuses to overwrite them', () => {
    const again = spawnSync('bash', [SCRIPT, dir], { encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('exists');
  });
});
