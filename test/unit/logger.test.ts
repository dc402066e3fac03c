import { createLogger, requestSerializer, scrub } from '../../api/logger';

describe('logs keep personal data out', () => {
  test('when a URL carries an ID number, a phone or encoded text, then it is scrubbed and the case number stays', () => {
    expect(scrub('/api/v1/cases/20261123-000001?id=11010519491231002X&tel=13805361234&n=%E5%BC%A0%E4%B8%89')).toBe(
      '/api/v1/cases/20261123-000001?id=[redacted]&tel=[redacted]&n=[redacted]',
    );
    expect(scrub('/api/v1/referrals/20261123-000001-education/complete')).toBe('/api/v1/referrals/20261123-000001-education/complete');
  });

  test('when a URL carries a token, as a parameter or anywhere, then it is scrubbed', () => {
    const token = `odt_${'aB3_-'.repeat(8)}xyz`;
    expect(scrub(`/api/v1/me?access_token=${token}&status=open`)).toBe('/api/v1/me?access_token=[redacted]&status=open');
    expect(scrub(`/api/v1/me?TOKEN=abc#x`)).toBe('/api/v1/me?TOKEN=[redacted]#x');
    expect(scrub(`/api/v1/${token}/x`)).toBe('/api/v1/[redacted]/x');
  });

  test('when a request is logged, then only allow-listed headers appear (never Authorization or cookies)', () => {
    const serialized = requestSerializer({
      id: 'r1',
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: 'Bearer odt_secret', cookie: 'a=b', 'content-type': 'application/json', 'x-request-id': 'r1' },
    });
    expect(serialized.headers).toEqual({ 'content-type': 'application/json', 'x-request-id': 'r1' });
  });

  test('when a log call carries personal fields, then redaction censors them', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    logger.info({ applicant: { name: '张三' }, person: { name: '李四', idNumber: '11010519491231002X', phone: '13805361234' }, caseNo: '20261123-000001' }, 'x');
    logger.info({ name: '王五', note: '电话13805361234' }, 'y');
    const text = lines.join('');
    for (const secret of ['张三', '李四', '王五', '11010519491231002X', '13805361234']) expect(text).not.toContain(secret);
    expect(text).toContain('20261123-000001');
  });
});
