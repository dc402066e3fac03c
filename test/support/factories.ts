import { checkCharacter } from '../../domain/idNumber';
import type { IntakeRequest } from '../../api/schemas';

let serial = 0;
/**
 * Test files share one database and each loads this module afresh: numbers are drawn from a range that starts
 * at this file's start time (ms), so that files do not hand out the same person (a duplicate case, issue 7).
 */
const FILE_BASE = Date.now() % 10_000_000;

/** A valid resident ID number, different on every call (across the run's test files) unless `region` and `seq` are given. */
export function makeIdNumber(birth = '19800101', region?: string, seq?: number): string {
  serial += 1;
  const unique = (FILE_BASE + serial) % 10_000_000;
  const place = region ?? `37${String(Math.floor(unique / 1000)).padStart(4, '0')}`;
  const first17 = `${place}${birth}${String((seq ?? (region ? serial : unique)) % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

type IntakeOverrides = Partial<Omit<IntakeRequest, 'household'>> & { household?: IntakeRequest['household'] };

/** An intake body a township window would send: valid unless overridden. */
export function buildIntake(overrides: IntakeOverrides = {}): IntakeRequest {
  return {
    township: '370725001',
    applicant: { name: '张秀英', idNumber: makeIdNumber('19650312'), phone: '13805361234' },
    household: {
      members: [
        { name: '李建国', idNumber: makeIdNumber('19630704'), relation: 'spouse' },
        { name: '李小明', idNumber: makeIdNumber('20100915'), relation: 'child' },
      ],
    },
    needs: ['dibao', 'education', 'medical'],
    narrative: '丈夫因病失去劳动能力，孩子在读初中。',
    ...overrides,
  };
}
