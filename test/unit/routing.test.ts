import { requiredMaterials } from '../../domain/materials';
import { needsFor, routeNeeds } from '../../domain/routing';

describe('routing needs to departments', () => {
  test('when basic-living and special needs are stated, then each department is referred once, civil affairs first', () => {
    expect(routeNeeds(['medical', 'dibao', 'temporary_expense', 'education'])).toEqual(['civil_affairs', 'education', 'medical']);
  });

  test('when only housing is needed, then only housing is referred', () => {
    expect(routeNeeds(['housing'])).toEqual(['housing']);
  });

  test('when a department looks at a case, then it sees only its own needs', () => {
    expect(needsFor('civil_affairs', ['dibao', 'medical', 'tekun'])).toEqual(['dibao', 'tekun']);
  });
});

describe('the one-time list of materials (一次性告知)', () => {
  test('when several needs share a document, then it is asked for once', () => {
    const { requiredMaterials: list } = requiredMaterials(['dibao', 'temporary_expense']);
    const codes = list.map((m) => m.code);
    expect(codes).toEqual(['application_form', 'verification_consent', 'income_statement', 'expense_receipts']);
  });

  test('when data sharing provides a record, then the applicant is not asked for it but told where it comes from', () => {
    const { requiredMaterials: list, sharedData } = requiredMaterials(['dibao', 'education']);
    const asked = list.map((m) => m.code);
    expect(asked).not.toContain('household_registration');
    expect(asked).not.toContain('student_status');
    expect(sharedData.map((m) => m.code)).toEqual(expect.arrayContaining(['household_registration', 'real_estate', 'student_status']));
  });

  test('when an item is listed, then it carries zh-CN and English names', () => {
    for (const item of requiredMaterials(['tekun', 'housing', 'employment', 'medical', 'temporary_emergency']).requiredMaterials) {
      expect(item.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(item.en).toMatch(/[a-z]/);
    }
  });
});
