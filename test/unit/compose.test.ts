import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SEARCH_ATTRIBUTES } from '../../workflows/searchAttributes';

/** The compose stack, read as YAML only (no Docker engine needed): services, wiring and entry points. */

const ROOT = path.resolve(__dirname, '../..');

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: (string | { published?: string | number; target?: number })[];
  healthcheck?: { test?: string | string[] };
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

describe('docker-compose.yml', () => {
  test('when the stack is read, then it has the database, Temporal, its UI, the search-attribute set-up, migrations, API and worker', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'temporal', 'temporal-search-attributes', 'temporal-ui', 'migrate', 'api', 'worker']),
    );
    expect(services.postgres.image).toMatch(/^postgres:16/);
    expect(services.temporal.image).toMatch(/^temporalio\/auto-setup:1\.2\d\.\d+$/);
    expect(services['temporal-ui'].image).toMatch(/^temporalio\/ui:2\.\d+\.\d+$/);
  });

  test('when Temporal starts, then it persists to the PostgreSQL service', () => {
    const temporal = env(services.temporal);
    expect(temporal.DB).toBe('postgres12');
    expect(temporal.POSTGRES_SEEDS).toBe('postgres');
    expect(temporal.DB_PORT).toBe('5432');
    expect(dependencies(services.temporal).postgres).toBe('service_healthy');
  });

  test('when the search attributes are registered, then they are exactly those of the workflows, with the same types', () => {
    const setUp = services['temporal-search-attributes'];
    const registered = env(setUp).SEARCH_ATTRIBUTES.split(/\s+/).filter(Boolean).sort();
    const inCode = SEARCH_ATTRIBUTES.map((key) => `${key.name}=${CLI_TYPE[key.type]}`).sort();
    expect(registered).toEqual(inCode);
    expect(setUp.image).toMatch(/^temporalio\/admin-tools:/);
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
    expect(deps['temporal-search-attributes']).toBe('service_completed_successfully');
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
