import { mayOpenCaseIn, mayReadCase, mayReadInbox, mayReadReferral, mayReadReferralNote, seesFullIdNumber, type Staff } from '../../domain/jurisdiction';

const staff = (role: Staff['role'], extra: Partial<Staff> = {}): Staff => ({ id: 1, username: 'u', role, countyCode: '370725', townshipCode: null, departmentCode: null, ...extra });
const window = staff('window', { townshipCode: '370725001' });
const education = staff('department', { departmentCode: 'education' });
const reviewer = staff('reviewer');
const admin = staff('admin');
const reporter = staff('reporter', { townshipCode: '370725001' });

const here = { townshipCode: '370725001', countyCode: '370725', departments: ['civil_affairs', 'education'] };
const nextDoor = { ...here, townshipCode: '370725002' };
const elsewhere = { townshipCode: '370781001', countyCode: '370781', departments: ['education'] };

describe('jurisdiction rules', () => {
  test('when cases are read, then windows see their township’s, departments the ones referred to them in their county, reviewers and admins their county’s', () => {
    expect([window, education, reviewer, admin].map((s) => mayReadCase(s, here))).toEqual([true, true, true, true]);
    expect([window, education, reviewer, admin].map((s) => mayReadCase(s, nextDoor))).toEqual([false, true, true, true]);
    expect([window, education, reviewer, admin].map((s) => mayReadCase(s, elsewhere))).toEqual([false, false, false, false]);
    expect(mayReadCase(staff('department', { departmentCode: 'housing' }), here)).toBe(false);
  });

  test('when referrals are handled, then a department reaches its own only, in its county', () => {
    const referral = { townshipCode: '370725001', countyCode: '370725', department: 'education' };
    expect(mayReadReferral(education, referral)).toBe(true);
    expect(mayReadReferral(staff('department', { departmentCode: 'medical' }), referral)).toBe(false);
    expect(mayReadReferral(education, { ...referral, countyCode: '370781' })).toBe(false);
    expect(mayReadReferral(window, referral)).toBe(true);
    expect(mayReadReferral(window, { ...referral, townshipCode: '370725002' })).toBe(false);
  });

  test('when inboxes are read, then a department reads its own, reviewers and admins any, windows none', () => {
    expect(mayReadInbox(education, 'education')).toBe(true);
    expect(mayReadInbox(education, 'housing')).toBe(false);
    expect(mayReadInbox(reviewer, 'housing')).toBe(true);
    expect(mayReadInbox(admin, 'medical')).toBe(true);
    expect(mayReadInbox(window, 'education')).toBe(false);
  });

  test('when a case is opened, then only a window, for its own township', () => {
    expect(mayOpenCaseIn(window, '370725001')).toBe(true);
    expect(mayOpenCaseIn(window, '370725002')).toBe(false);
    expect(mayOpenCaseIn(reviewer, '370725001')).toBe(false);
  });

  test('when ID numbers are shown, then in full to the township’s window and the county’s reviewers only', () => {
    expect([window, education, reviewer, admin].map((s) => seesFullIdNumber(s, here))).toEqual([true, false, true, false]);
    expect(seesFullIdNumber(window, nextDoor)).toBe(false);
    expect(seesFullIdNumber(reviewer, elsewhere)).toBe(false);
  });

  test('when a department’s note is read, then by that department and civil affairs only (issue 11)', () => {
    const civilAffairs = staff('department', { departmentCode: 'civil_affairs' });
    expect([education, civilAffairs, window, reviewer, admin, reporter].map((s) => mayReadReferralNote(s, 'education'))).toEqual([true, true, true, true, false, false]);
    expect(mayReadReferralNote(education, 'medical')).toBe(false);
  });

  test('when a reporter asks, then no case, referral or inbox is theirs, even in their own township', () => {
    expect(mayReadCase(reporter, here)).toBe(false);
    expect(mayReadReferral(reporter, { townshipCode: '370725001', countyCode: '370725', department: 'education' })).toBe(false);
    expect(mayReadInbox(reporter, 'education')).toBe(false);
    expect(mayOpenCaseIn(reporter, '370725001')).toBe(false);
    expect(seesFullIdNumber(reporter, here)).toBe(false);
  });
});
