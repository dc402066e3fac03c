import { deploymentId } from '../db/repositories/workflowBinding';
import type { ApiDeps } from './deps';

/** The key, in the Temporal namespace's data, that names the deployment (database) the namespace serves. */
const KEY = 'one-door-deployment';

type Deps = Pick<ApiDeps, 'db' | 'temporal'>;

async function namespaceData({ temporal }: Deps): Promise<Record<string, string>> {
  const described = await temporal.workflowService.describeNamespace({ namespace: temporal.options.namespace });
  return (described.namespaceInfo?.data ?? {}) as Record<string, string>;
}

/**
 * At start-up: a namespace that serves no deployment yet is claimed for this database's deployment id.
 * One that serves another is left alone (readyz reports it).
 */
export async function claimNamespace(deps: Deps): Promise<void> {
  if ((await namespaceData(deps))[KEY]) return;
  await deps.temporal.workflowService.updateNamespace({ namespace: deps.temporal.options.namespace, updateInfo: { data: { [KEY]: await deploymentId(deps.db) } } });
}

/**
 * Whether the database and the Temporal namespace belong together: `mismatch` when the namespace serves
 * another deployment (a re-created or restored database, a namespace shared by two deployments), where case
 * numbers repeat and a new case could meet an old case's workflow.
 */
export async function deploymentBinding(deps: Deps): Promise<'match' | 'mismatch' | 'unclaimed'> {
  const claimed = (await namespaceData(deps))[KEY];
  if (!claimed) return 'unclaimed';
  return claimed === (await deploymentId(deps.db)) ? 'match' : 'mismatch';
}
