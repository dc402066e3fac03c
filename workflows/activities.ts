import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/** The workflows' view of the activities: types only, never their code. */
export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
