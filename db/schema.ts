import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CaseStage, ReferralOutcome, ReferralStatus } from '../domain/stages';
import type { DepartmentCode } from '../domain/departments';
import type { StaffRole } from '../domain/jurisdiction';
import type { NeedCode } from '../domain/needs';
import type { ClockUnit, Recipient, SlaState } from '../domain/clocks';
import type { EconomicKind } from '../domain/familyVerification';
import type { CaseFlagKind } from '../domain/duplicates';
import type { NotificationKind } from '../domain/notifications';

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
  /** The case's township, county and needs, set on insert by the database (for the work lists). */
  township_code: ColumnType<string, string | undefined, string>;
  county_code: ColumnType<string, string | undefined, string>;
  needs: ColumnType<NeedCode[], undefined, never>;
}

export interface NotificationTable {
  id: Generated<string>;
  /** What it is about: a case, or a lead (exactly one of the two). */
  case_no: string | null;
  lead_id: number | null;
  event_key: string;
  /** The clock that warned or escalated; null for the referral loop's and a case's end notifications. */
  clock: string | null;
  kind: NotificationKind;
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
  /** The village or community (村/社区), encrypted: with the name it points at one household. */
  village_cipher: Generated<string | null>;
  idempotency_key: string | null;
  request_hash: string;
  opened_at: CreatedAt;
  closed_at: Timestamp | null;
  decision: 'approve' | 'reject' | null;
  decision_reason_cipher: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decided_late: boolean | null;
  /** An approved monthly benefit's terms as decided (低保, 特困): the amount, the first month, why it differs from the proposal. */
  decided_amount_yuan: string | null;
  decided_start_month: string | null;
  decided_amount_reason_cipher: string | null;
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
  /** The case's township, county and needs, set on insert by the database (for the work lists). */
  township_code: ColumnType<string, string | undefined, string>;
  county_code: ColumnType<string, string | undefined, string>;
  needs: ColumnType<NeedCode[], undefined, never>;
  accepted_by: string | null;
  accepted_at: Timestamp | null;
  /** The department a referral was referred on to (status `referred_on`). */
  referred_to: DepartmentCode | null;
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

type Yuan = ColumnType<string, number | string, number | string>;

/** One township's reserve fund (临时救助备用金); `balance_yuan` is never below zero (a CHECK). */
export interface ReserveFundTable {
  township_code: string;
  balance_yuan: Yuan;
  updated_at: Timestamp;
}

/** The reserve fund's append-only ledger: signed amounts, and the balance after each entry. */
export interface ReserveFundEntryTable {
  id: Generated<string>;
  township_code: string;
  kind: 'opening' | 'replenishment' | 'payment';
  amount_yuan: Yuan;
  balance_after_yuan: Yuan;
  /** Unique per fund: `opening`, `aid:<caseNo>`, `replenishment:<key>`. */
  reference: string;
  case_no: string | null;
  actor: string;
  request_id: string | null;
  occurred_at: Timestamp;
}

export interface BenefitTable {
  case_no: string;
  township_code: string;
  household_id: number;
  monthly_amount_yuan: Yuan;
  /** `YYYY-MM` */
  start_month: string;
  end_month: string | null;
  bank_account_cipher: string;
  approved_by: string;
  created_at: CreatedAt;
  /** The amount proposed from a valid verification, when there was one. */
  proposed_amount_yuan: ColumnType<string | null, number | null | undefined, number | null>;
  /** Why the reviewer decided an amount other than the proposal (encrypted). */
  amount_reason_cipher: string | null;
}

/** One row per benefit and month, never two (unique): the payment ledger of 社会化发放. */
export interface BenefitPaymentTable {
  id: Generated<string>;
  case_no: string;
  month: string;
  amount_yuan: Yuan;
  bank_account_cipher: string;
  run_id: string;
  paid_at: Timestamp;
}


export interface VerificationBatchTable {
  batch_id: string;
  county_code: string;
  source: string;
  content_hash: string;
  record_count: number;
  received_by: string;
  received_at: Timestamp;
}

/** One fact about one person (by the ID-number blind index): monthly income or pension, deposits, a vehicle… */
export interface VerificationRecordTable {
  id: Generated<string>;
  batch_id: string;
  id_number_hash: string;
  kind: EconomicKind;
  amount_yuan: Yuan;
  period: string | null;
}

export interface VerificationTable {
  id: Generated<string>;
  case_no: string;
  provider: string;
  household_size: number;
  standard_yuan: Yuan;
  per_capita_income_yuan: Yuan;
  eligible: boolean;
  rules: Json<unknown>;
  findings: Json<unknown>;
  requested_by: string;
  run_key: string;
  verified_at: Timestamp;
  valid_until: Timestamp;
}

export interface VerificationEvidenceTable {
  verification_id: string;
  person_id: number;
  record_id: string | null;
  kind: EconomicKind;
  amount_yuan: Yuan;
  source: string;
}

/** The outbox of messages to applicants; the delivery worker sends each once. */
export interface ApplicantMessageTable {
  id: Generated<string>;
  case_no: string;
  event_key: string;
  template: string;
  phone_cipher: string;
  body: string;
  status: Generated<'pending' | 'sent'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  provider: string | null;
  provider_message_id: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

/** A home visit (入户调查) by at least two staff; the findings encrypted, photos as file references. */
export interface HomeInvestigationTable {
  id: Generated<string>;
  case_no: string;
  /** `YYYY-MM-DD` */
  visited_on: string;
  staff_ids: number[];
  neighbours_asked: number;
  findings_cipher: string;
  photos: Json<string[]>;
  recorded_by: string;
  recorded_at: Timestamp;
  /** The review round the visit was made for: 0 before any objection, n after the n-th objection (re-investigation). */
  review_round: Generated<number>;
}

/** A raise, reduction or stop of a monthly benefit from a month on (应退尽退). */
export interface BenefitChangeTable {
  id: Generated<string>;
  case_no: string;
  kind: 'change' | 'stop';
  monthly_amount_yuan: string | null;
  /** `YYYY-MM` */
  from_month: string;
  reason_cipher: string;
  actor: string;
  request_id: string | null;
  created_at: CreatedAt;
}

/** A proposed approval's public notice (公示), round by round: one that met an objection is followed by another. */
export interface PublicNoticeTable {
  id: Generated<string>;
  case_no: string;
  round: number;
  township_code: string;
  proposed_by: string;
  monthly_amount_yuan: string | null;
  opened_at: Timestamp;
  ends_at: Timestamp;
  status: Generated<'open' | 'passed' | 'objected' | 'cancelled'>;
  closed_at: Timestamp | null;
  objection_cipher: string | null;
  objected_by: string | null;
}

/** A fraud record (失信惩戒) against a person, found through the ID-number blind index. */
export interface BarredPersonTable {
  id: Generated<number>;
  county_code: string;
  id_number_hash: string;
  id_number_cipher: string;
  reason_cipher: string;
  amount_to_return_yuan: ColumnType<string, number | string, number | string>;
  barred_from: Timestamp;
  barred_until: Timestamp | null;
  recorded_by: string;
  recorded_at: Timestamp;
  lifted_by: string | null;
  lifted_at: Timestamp | null;
  lift_reason_cipher: string | null;
}

/** Append-only audit of changes that belong to no case (e.g. `barred_person:<id>`). */
export interface AuditEventTable {
  id: Generated<string>;
  subject: string;
  type: string;
  actor: string;
  request_id: string | null;
  detail: Json<Record<string, unknown>>;
  occurred_at: CreatedAt;
}

/** Something the reviewer should check: `path` names the person in the intake (`applicant`, `household.members.0`). */
export interface CaseFlagTable {
  case_no: string;
  kind: CaseFlagKind;
  path: string;
  other_case_no: string;
}

/** A lead (主动发现): someone in hardship reported by a reporter, for the township window to act on. */
export interface LeadTable {
  id: Generated<number>;
  township_code: string;
  reported_by: number;
  name_cipher: string;
  id_number_cipher: string | null;
  phone_cipher: string | null;
  hardship_cipher: string;
  urgency: 'normal' | 'emergency';
  status: 'open' | 'converted' | 'closed';
  reported_at: Timestamp;
  due_at: Timestamp;
  handled_by: string | null;
  handled_at: Timestamp | null;
  case_no: string | null;
  close_reason_cipher: string | null;
  /** Breached once the lead is overdue (its workflow, workflows/lead.ts); escalated once a day after. */
  sla_state: ColumnType<'on_track' | 'breached', 'on_track' | 'breached' | undefined, 'on_track' | 'breached'>;
  escalation_level: ColumnType<number, number | undefined, number>;
  workflow_started_at: Timestamp | null;
  /** A UUID, part of the lead's workflow ID (no personal data). */
  workflow_key: Generated<string>;
}

export interface NotificationReadTable {
  notification_id: string;
  staff_id: number;
  read_at: Timestamp;
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
  reserve_funds: ReserveFundTable;
  reserve_fund_entries: ReserveFundEntryTable;
  benefits: BenefitTable;
  benefit_payments: BenefitPaymentTable;
  verification_batches: VerificationBatchTable;
  verification_records: VerificationRecordTable;
  verifications: VerificationTable;
  verification_evidence: VerificationEvidenceTable;
  applicant_messages: ApplicantMessageTable;
  home_investigations: HomeInvestigationTable;
  barred_persons: BarredPersonTable;
  audit_events: AuditEventTable;
  case_flags: CaseFlagTable;
  notification_reads: NotificationReadTable;
  leads: LeadTable;
  public_notices: PublicNoticeTable;
  benefit_changes: BenefitChangeTable;
}

export type CaseRow = Selectable<CaseTable>;
export type ReferralRow = Selectable<ReferralTable>;
export type CaseEventRow = Selectable<CaseEventTable>;
export type SlaClockRow = Selectable<SlaClockTable>;
export type NewPerson = Insertable<PersonTable>;
export type StaffRow = Selectable<StaffTable>;
