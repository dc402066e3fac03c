import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CaseStage, ReferralOutcome, ReferralStatus } from '../domain/stages';
import type { DepartmentCode } from '../domain/departments';
import type { StaffRole } from '../domain/jurisdiction';
import type { NeedCode } from '../domain/needs';
import type { ClockUnit, Recipient, SlaState } from '../domain/clocks';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface CountyTable {
  code: string;
  name_zh: string;
  name_en: string;
}

export interface TownshipTable {
  code: string;
  county_code: string;
  name_zh: string;
  name_en: string;
  population: number;
}

export interface DepartmentTable {
  code: DepartmentCode;
  name_zh: string;
  name_en: string;
}

export interface TimeLimitTable {
  county_code: string;
  clock: 'approval' | 'emergency_aid' | 'emergency_paperwork' | 'referral';
  /** A need code (approval), a department code (referral), or '*'. */
  programme: string;
  unit: ClockUnit;
  amount: number;
  warn_before: number;
  escalate_every_hours: number;
  /** Recipients by escalation level (the last repeats); null: the clock's default. */
  escalate_to: Recipient[] | null;
}

/** One version of a county's settings (append-only): the whole settings after a change, who, when and why. */
export interface SettingsVersionTable {
  county_code: string;
  version: number;
  time_limits: Json<unknown>;
  programme: Json<unknown>;
  reason: string;
  changed_by: string;
  changed_at: CreatedAt;
  request_id: string | null;
  retime_open_clocks: boolean;
}

export interface SlaClockTable {
  case_no: string;
  clock: string;
  /** The owning workflow's sequence number of this snapshot: an older snapshot never overwrites a newer one. */
  seq: number;
  started_at: Timestamp;
  due_at: Timestamp;
  warn_at: Timestamp;
  provisional: boolean;
  sla_state: SlaState;
  paused: boolean;
  escalation_level: number;
  budget_unit: ClockUnit;
  budget_amount: number;
  met_at: Timestamp | null;
  late: boolean;
  updated_at: Timestamp;
  /** The case's township and county, set on insert by the database (for the work lists). */
  township_code: ColumnType<string, string | undefined, string>;
  county_code: ColumnType<string, string | undefined, string>;
}

export interface NotificationTable {
  id: Generated<string>;
  case_no: string;
  event_key: string;
  clock: string;
  kind: 'warning' | 'breach' | 'escalation';
  level: number;
  /** `department:<code>`, `township:<code>` or `county:<code>`. */
  recipient: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface EmergencyAidTable {
  case_no: string;
  amount_yuan: ColumnType<string, number | string, number | string>;
  form: 'cash' | 'goods' | 'service';
  given_by: string;
  given_at: Timestamp;
  late: boolean;
  paperwork_completed_at: Timestamp | null;
}

export interface StaffTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: StaffRole;
  county_code: string;
  township_code: string | null;
  department_code: DepartmentCode | null;
  /** Set by `npm run staff -- disable`: no token of theirs works, and none is issued. */
  disabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** What was done to a staff account (append-only, like case_events). */
export interface StaffEventTable {
  id: Generated<string>;
  staff_id: number;
  type: string;
  actor: string;
  detail: ColumnType<Record<string, unknown>, Record<string, unknown> | string | undefined, never>;
  occurred_at: ColumnType<Date, Date | string | undefined, never>;
}

/** Bearer tokens of staff: only their SHA-256 is stored. */
export interface StaffTokenTable {
  id: Generated<number>;
  staff_id: number;
  token_hash: string;
  /** Where it came from: `cli`, `dev` (npm run dev's demo tokens), `test`. */
  label: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface HouseholdTable {
  id: Generated<number>;
  township_code: string;
  created_at: CreatedAt;
}

/** `*_cipher` columns hold AES-256-GCM ciphertext (db/personalData.ts); `id_number_hash` is the blind index. */
export interface PersonTable {
  id: Generated<number>;
  household_id: number;
  name_cipher: string;
  id_number_cipher: string;
  id_number_hash: string;
  phone_cipher: string | null;
  relation: string;
}

export interface CaseTable {
  case_no: string;
  township_code: string;
  household_id: number;
  applicant_id: number;
  needs: NeedCode[];
  stage: CaseStage;
  emergency: Json<{ descriptionCipher: string; requestedAmountYuan: number } | null> | null;
  narrative_cipher: string | null;
  idempotency_key: string | null;
  request_hash: string;
  opened_at: CreatedAt;
  closed_at: Timestamp | null;
  decision: 'approve' | 'reject' | null;
  decision_reason_cipher: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decided_late: boolean | null;
  /** The worst open clock ('met' when all are met) and the earliest open deadline: kept by the clock projection. */
  sla_state: ColumnType<SlaState, SlaState | undefined, SlaState>;
  due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The township's county, set on insert by the database (for the work lists). */
  county_code: ColumnType<string, string | undefined, string>;
  /** Which case a workflow belongs to (its memo `caseKey`); case numbers may repeat across databases. Null: opened before keys. */
  workflow_key: Generated<string | null>;
  /** When the case's workflow was known to run; null until then (the reconciler starts it). */
  workflow_started_at: Timestamp | null;
}

export interface ReferralTable {
  id: string;
  case_no: string;
  department_code: DepartmentCode;
  status: ReferralStatus;
  due_at: Timestamp;
  due_provisional: boolean;
  outcome: ReferralOutcome | null;
  measures: Json<string[]> | null;
  note_cipher: string | null;
  completed_by: string | null;
  completed_at: Timestamp | null;
  /** The referral's clock state, kept by the clock projection. */
  sla_state: ColumnType<SlaState, SlaState | undefined, SlaState>;
  /** The case's township and county, set on insert by the database (for the work lists). */
  township_code: ColumnType<string, string | undefined, string>;
  county_code: ColumnType<string, string | undefined, string>;
}

/** Append-only audit log. `event_key` makes a retried write a no-op. */
export interface CaseEventTable {
  id: Generated<string>;
  case_no: string;
  event_key: string;
  type: string;
  /** `staff:<id>` for a person's action, `system` for the workflows' own steps; never a name. */
  actor: string;
  detail: Json<Record<string, unknown>>;
  /** The X-Request-Id of the API request that caused it; null for the workflows' own steps. */
  request_id: string | null;
  occurred_at: CreatedAt;
}

export interface CalendarYearTable {
  year: number;
  provisional: boolean;
  source: string;
  loaded_at: CreatedAt;
}

export interface CalendarDayTable {
  date: string;
  year: number;
  kind: 'holiday' | 'workday';
  name: string;
}

/** One row: this deployment's identity, also kept in its Temporal namespace. */
export interface DeploymentTable {
  singleton: Generated<boolean>;
  id: Generated<string>;
  created_at: CreatedAt;
}

export interface Database {
  counties: CountyTable;
  townships: TownshipTable;
  departments: DepartmentTable;
  time_limits: TimeLimitTable;
  settings_versions: SettingsVersionTable;
  sla_clocks: SlaClockTable;
  notifications: NotificationTable;
  emergency_aid: EmergencyAidTable;
  staff: StaffTable;
  staff_tokens: StaffTokenTable;
  staff_events: StaffEventTable;
  households: HouseholdTable;
  persons: PersonTable;
  cases: CaseTable;
  deployment: DeploymentTable;
  referrals: ReferralTable;
  case_events: CaseEventTable;
  calendar_years: CalendarYearTable;
  calendar_days: CalendarDayTable;
}

export type CaseRow = Selectable<CaseTable>;
export type ReferralRow = Selectable<ReferralTable>;
export type CaseEventRow = Selectable<CaseEventTable>;
export type SlaClockRow = Selectable<SlaClockTable>;
export type NewPerson = Insertable<PersonTable>;
export type StaffRow = Selectable<StaffTable>;
