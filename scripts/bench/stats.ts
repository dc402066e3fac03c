/** Latency figures of a sample, in milliseconds. */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function latency(samples: number[]): Latency | null {
  if (samples.length === 0) return null;
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x);
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)), max: r(s[s.length - 1]) };
}

export const showLatency = (l: Latency | null): string => (l ? `p50 ${l.p50} ms  p95 ${l.p95} ms  p99 ${l.p99} ms  max ${l.max} ms  (n=${l.n})` : 'no sample');
