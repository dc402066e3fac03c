import { sql, type Kysely } from 'kysely';
import { DEFAULT_POLICIES, type Recipient } from '../../domain/clocks';
import { programmeSettingsOf, type ProgrammeSettings } from '../../domain/settings';
import type { Database, TimeLimitTable } from '../schema';

/**
 * A county's settings: its time limits (the `time_limits` rows, what clocks start with) and its programme settings
 * (domain/settings.ts), versioned. Each change writes a new `settings_versions` row holding the whole settings
 * after it, who made it, when and why; old versions stay readable, and the table is append-only.
 * Version 0 is the seeded state before any change.
 *
 * To read a programme setting in force: `(await programmeSettings(db, county)).noticePeriodDays`.
 */

export interface TimeLimitSetting {
  clock: TimeLimitTable['clock'];
  programme: string;
  unit: TimeLimitTable['unit'];
  amount: number;
  warnBefore: number;
  escalateEveryHours: number;
  escalateTo: Recipient[];
}

export interface SettingsChange {
  timeLimits: TimeLimitSetting[];
  programme: Partial<ProgrammeSettings>;
  reason: string;
  retimeOpenClocks: boolean;
  actor: string;
  requestId: string | null;
  /** The version the change was made against; another version in force refuses it. */
  baseVersion?: number;
}

export interface SettingsVersion {
  version: number;
  timeLimits: TimeLimitSetting[];
  programme: ProgrammeSettings;
  reason: string | null;
  changedBy: string | null;
  changedAt: Date | null;
  retimeOpenClocks: boolean;
}

export class StaleSettingsVersion extends Error {
  constructor(readonly current: number) {
    super(`settings are at version ${current}`);
  }
}

type Reader = Pick<Kysely<Database>, 'selectFrom'>;

function timeLimitOf(row: Pick<TimeLimitTable, 'clock' | 'programme' | 'unit' | 'amount' | 'warn_before' | 'escalate_every_hours' | 'escalate_to'>): TimeLimitSetting {
  return {
    clock: row.clock,
    programme: row.programme,
    unit: row.unit,
    amount: row.amount,
    warnBefore: row.warn_before,
    escalateEveryHours: row.escalate_every_hours,
    escalateTo: row.escalate_to ?? DEFAULT_POLICIES[row.clock].escalateTo,
  };
}

async function timeLimitsOf(db: Reader, county: string): Promise<TimeLimitSetting[]> {
  const rows = await db.selectFrom('time_limits').selectAll().where('county_code', '=', county).orderBy('clock').orderBy('programme').execute();
  return rows.map(timeLimitOf);
}

async function latestVersion(db: Reader, county: string) {
  return db.selectFrom('settings_versions').selectAll().where('county_code', '=', county).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** The programme settings in force in a county (defaults for what was never changed). */
export async function programmeSettings(db: Kysely<Database>, county: string): Promise<ProgrammeSettings> {
  return programmeSettingsOf((await latestVersion(db, county))?.programme);
}

/** The settings in force: the latest version's programme settings, the time limits as clocks start with them. */
export async function currentSettings(db: Kysely<Database>, county: string): Promise<SettingsVersion> {
  const [latest, timeLimits] = await Promise.all([latestVersion(db, county), timeLimitsOf(db, county)]);
  return {
    version: latest?.version ?? 0,
    timeLimits,
    programme: programmeSettingsOf(latest?.programme),
    reason: latest?.reason ?? null,
    changedBy: latest?.changed_by ?? null,
    changedAt: latest?.changed_at ?? null,
    retimeOpenClocks: latest?.retime_open_clocks ?? false,
  };
}

/** Every version of a county's settings, newest first, without their contents. */
export async function settingsHistory(db: Kysely<Database>, county: string) {
  return db
    .selectFrom('settings_versions')
    .select(['version', 'reason', 'changed_by', 'changed_at', 'request_id', 'retime_open_clocks'])
    .where('county_code', '=', county)
    .orderBy('version', 'desc')
    .execute();
}

/** One version as it was written. */
export async function settingsVersion(db: Kysely<Database>, county: string, version: number): Promise<SettingsVersion | undefined> {
  const row = await db.selectFrom('settings_versions').selectAll().where('county_code', '=', county).where('version', '=', version).executeTakeFirst();
  return (
    row && {
      version: row.version,
      timeLimits: row.time_limits as TimeLimitSetting[],
      programme: programmeSettingsOf(row.programme),
      reason: row.reason,
      changedBy: row.changed_by,
      changedAt: row.changed_at,
      retimeOpenClocks: row.retime_open_clocks,
    }
  );
}

/**
 * Applies a change as one unit: the county's time limits, and a new version with the whole settings after it.
 * Changes of one county are serialised (the county row is locked), so versions never fork.
 */
export async function changeSettings(db: Kysely<Database>, county: string, change: SettingsChange): Promise<SettingsVersion> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('counties').select('code').where('code', '=', county).forUpdate().executeTakeFirstOrThrow();
    const latest = await latestVersion(trx, county);
    const base = latest?.version ?? 0;
    if (change.baseVersion !== undefined && change.baseVersion !== base) throw new StaleSettingsVersion(base);
    for (const t of change.timeLimits) {
      const values = { unit: t.unit, amount: t.amount, warn_before: t.warnBefore, escalate_every_hours: t.escalateEveryHours, escalate_to: t.escalateTo };
      await trx
        .insertInto('time_limits')
        .values({ county_code: county, clock: t.clock, programme: t.programme, ...values })
        .onConflict((oc) => oc.columns(['county_code', 'clock', 'programme']).doUpdateSet(values))
        .execute();
    }
    const programme = { ...programmeSettingsOf(latest?.programme), ...change.programme };
    const timeLimits = await timeLimitsOf(trx, county);
    const written = await trx
      .insertInto('settings_versions')
      .values({
        county_code: county,
        version: base + 1,
        time_limits: JSON.stringify(timeLimits),
        programme: JSON.stringify(programme),
        reason: change.reason,
        changed_by: change.actor,
        request_id: change.requestId,
        retime_open_clocks: change.retimeOpenClocks,
      })
      .returning(['version', 'changed_at'])
      .executeTakeFirstOrThrow();
    return { version: written.version, timeLimits, programme, reason: change.reason, changedBy: change.actor, changedAt: written.changed_at, retimeOpenClocks: change.retimeOpenClocks };
  });
}

/**
 * The open clocks of a county that a change of these time limits concerns, with what it takes to compute their
 * new policy: an approval clock when the case has the programme's need, a referral clock of the department, the
 * emergency clocks.
 */
export async function openClocksUnder(db: Kysely<Database>, county: string, limits: ReadonlyArray<Pick<TimeLimitSetting, 'clock' | 'programme'>>) {
  const approvalNeeds = limits.filter((l) => l.clock === 'approval').map((l) => l.programme);
  const clockIds = limits.filter((l) => l.clock !== 'approval').map((l) => (l.clock === 'referral' ? `referral:${l.programme}` : l.clock));
  if (approvalNeeds.length === 0 && clockIds.length === 0) return [];
  return db
    .selectFrom('sla_clocks')
    .innerJoin('cases', 'cases.case_no', 'sla_clocks.case_no')
    .innerJoin('townships', 'townships.code', 'cases.township_code')
    .select(['sla_clocks.case_no', 'sla_clocks.clock', 'cases.township_code', 'cases.needs', sql<boolean>`cases.emergency is not null`.as('emergency')])
    .where('townships.county_code', '=', county)
    .where('sla_clocks.met_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(clockIds.length > 0 ? [eb('sla_clocks.clock', 'in', clockIds)] : []),
        ...(approvalNeeds.length > 0 ? [eb.and([eb('sla_clocks.clock', '=', 'approval'), sql<boolean>`cases.needs && ${sql.val(approvalNeeds)}::text[]`])] : []),
      ]),
    )
    .orderBy('sla_clocks.case_no')
    .execute();
}
