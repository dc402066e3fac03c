import { Migrator, type Kysely, type Migration } from 'kysely';
import * as foundation from './migrations/2026-11-23T10-00_foundation';
import * as staffSecurity from './migrations/2026-11-23T12-00_staff_security';
import * as timeLimits from './migrations/2026-11-23T14-00_time_limits';
import * as staffDisable from './migrations/2026-11-25T02-00_staff_disable';
import * as settingsAndWorkLists from './migrations/2026-11-25T04-00_settings_and_work_lists';
import * as workflowBinding from './migrations/2026-11-25T01-00_workflow_binding';
import * as payments from './migrations/2026-11-25T08-00_payments';
import * as verification from './migrations/2026-11-25T08-00_verification';
import * as outbox from './migrations/2026-11-25T08-00_outbox';
import * as visits from './migrations/2026-11-25T08-00_visits';
import * as amountReason from './migrations/2026-11-25T08-00_with_amount_reason';
import * as intakeRulesReferralLoop from './migrations/2026-11-25T07-00_intake_rules_referral_loop';
import * as workListsByNeed from './migrations/2026-11-25T09-00_work_lists_by_need';
import * as leadClocks from './migrations/2026-11-25T09-30_lead_clocks';
import * as monthlyReport from './migrations/2026-11-25T10-00_monthly_report';
import * as reviewAndNotice from './migrations/2026-11-26T06-00_review_and_notice';
import * as benefitChanges from './migrations/2026-11-26T07-00_benefit_changes';

/** Every migration, by its timestamped name. Listed statically so the same code runs from ts and compiled js. */
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-23T10-00_foundation': foundation,
  '2026-11-23T12-00_staff_security': staffSecurity,
  '2026-11-23T14-00_time_limits': timeLimits,
  '2026-11-25T02-00_staff_disable': staffDisable,
  '2026-11-25T04-00_settings_and_work_lists': settingsAndWorkLists,
  '2026-11-25T01-00_workflow_binding': workflowBinding,
  '2026-11-25T08-00_payments': payments,
  '2026-11-25T08-00_verification': verification,
  '2026-11-25T08-00_outbox': outbox,
  '2026-11-25T08-00_visits': visits,
  '2026-11-25T08-00_with_amount_reason': amountReason,
  '2026-11-25T07-00_intake_rules_referral_loop': intakeRulesReferralLoop,
  '2026-11-25T09-00_work_lists_by_need': workListsByNeed,
  '2026-11-25T09-30_lead_clocks': leadClocks,
  '2026-11-25T10-00_monthly_report': monthlyReport,
  '2026-11-26T06-00_review_and_notice': reviewAndNotice,
  '2026-11-26T07-00_benefit_changes': benefitChanges,
};

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}
