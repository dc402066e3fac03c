import type { ClockView } from '../../domain/clocks';
import { activitySummary, beijing, caseWaitingFor, timerSummary } from '../../workflows/summaries';

const clock = (over: Partial<ClockView> = {}): ClockView => ({
  id: 'referral:education',
  sla: 'on_track',
  startedAt: '2026-11-24T02:00:00.000Z',
  warnAt: '2026-11-30T16:00:00.000Z',
  dueAt: '2026-12-01T16:00:00.000Z',
  provisional: false,
  paused: false,
  escalationLevel: 0,
  budget: { unit: 'working_days', amount: 5 },
  late: false,
  ...over,
});

describe('what the Temporal Web UI says about timers, activities and stages', () => {
  test('when a deadline falls on Beijing midnight, then it reads as 24:00 of the last working day, whatever the server’s zone', () => {
    expect(beijing('2026-12-01T16:00:00.000Z')).toBe('2026-12-01 24:00');
    expect(beijing('2026-11-24T02:30:00.000Z')).toBe('2026-11-24 10:30');
  });

  test('when a timer fires at a clock’s warning point, deadline or later, then its summary names the clock and the step', () => {
    const views = [clock(), clock({ id: 'approval', warnAt: '2026-12-03T16:00:00.000Z', dueAt: '2026-12-07T16:00:00.000Z', budget: { unit: 'working_days', amount: 10 } })];
    expect(timerSummary(Date.parse('2026-11-30T16:00:00.000Z'), views)).toBe('education referral warning 2026-11-30 24:00 · deadline 2026-12-01 24:00, 5 working days');
    expect(timerSummary(Date.parse('2026-12-07T16:00:00.000Z'), views)).toBe('approval deadline 2026-12-07 24:00, 10 working days');
    const breached = [clock({ sla: 'breached', escalationLevel: 1 })];
    expect(timerSummary(Date.parse('2026-12-02T16:00:00.000Z'), breached)).toBe('education referral escalation 2026-12-02 24:00 · overdue since 2026-12-01 24:00');
    expect(timerSummary(Date.parse('2026-12-02T16:00:00.000Z'), [clock({ sla: 'met', metAt: '2026-11-25T01:00:00.000Z' })])).toBeUndefined();
  });

  test('when an activity is scheduled, then its summary carries codes and outcomes only, never the encrypted note', () => {
    const summary = activitySummary('recordReferralCompleted', [{ caseNo: '20261125-000001', department: 'education', completion: { outcome: 'granted', noteCipher: 'k1.secret', actor: 'staff:7' } }]);
    expect(summary).toBe('education completed: granted');
    expect(activitySummary('recordClock', [{ clock: clock(), event: { type: 'clock_warning' } }])).toBe('warning: education referral deadline 2026-12-01 24:00, 5 working days');
    expect(activitySummary('somethingNew', [{}])).toBe('somethingNew');
  });

  test('when a case moves through its stages, then it says whom it waits for', () => {
    expect(caseWaitingFor('referral', ['medical', 'education'])).toBe('departments: medical, education');
    expect(caseWaitingFor('approval', [])).toBe('the approving reviewer (township or county): approval decision');
    expect(caseWaitingFor('notice', [])).toBe('the public notice (公示) to end without objection');
    expect(caseWaitingFor('closed', [])).toBe('nobody (closed)');
  });
});
