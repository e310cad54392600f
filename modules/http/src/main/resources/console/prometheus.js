// Reads the Prometheus text format (0.0.4) that GET /metrics answers, and turns two scrapes
// of the request histogram into rates and p99 latencies, as rate() and histogram_quantile()
// would over the interval between them.

export const REQUEST_METRIC = 'dynakv_requests_seconds';
export const OPERATIONS = ['get', 'put', 'delete'];

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g;

/** Every sample line of a scrape as {name, labels, value}; comments and junk are skipped. */
export function parseSamples(text) {
  const samples = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) continue;
    const labels = {};
    if (m[2]) {
      for (const l of m[2].matchAll(LABEL)) {
        labels[l[1]] = l[2].replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
      }
    }
    samples.push({ name: m[1], labels, value: parseValue(m[3]) });
  }
  return samples;
}

function parseValue(s) {
  if (s === '+Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  return Number(s);
}

/**
 * The request histogram of one scrape, per operation summed over outcomes:
 * {get: {count, buckets: [[le, cumulative], ...] by le}, ...}. Null when the scrape has no
 * request metric at all (metrics served, but not this family).
 */
export function requestSnapshot(samples) {
  const ops = {};
  let seen = false;
  for (const s of samples) {
    const op = s.labels.operation;
    if (!op) continue;
    if (s.name === REQUEST_METRIC + '_count') {
      seen = true;
      entry(ops, op).count += s.value;
    } else if (s.name === REQUEST_METRIC + '_bucket') {
      seen = true;
      const le = parseValue(s.labels.le);
      const buckets = entry(ops, op).buckets;
      buckets.set(le, (buckets.get(le) || 0) + s.value);
    }
  }
  if (!seen) return null;
  const snapshot = {};
  for (const [op, e] of Object.entries(ops)) {
    snapshot[op] = { count: e.count, buckets: [...e.buckets.entries()].sort((a, b) => a[0] - b[0]) };
  }
  return snapshot;
}

function entry(ops, op) {
  if (!ops[op]) ops[op] = { count: 0, buckets: new Map() };
  return ops[op];
}

/**
 * Per operation, requests per second and the p99 in milliseconds between two snapshots
 * taken `seconds` apart: {get: {rate, p99Ms}, ...}. p99Ms is null without requests in the
 * interval; an operation whose count went down (the node restarted) has rate null too.
 */
export function requestRates(before, after, seconds) {
  const result = {};
  for (const op of OPERATIONS) {
    const a = after && after[op];
    const b = (before && before[op]) || { count: 0, buckets: [] };
    if (!a || seconds <= 0) {
      result[op] = { rate: a ? null : 0, p99Ms: null };
      continue;
    }
    const requests = a.count - b.count;
    if (requests < 0) {
      result[op] = { rate: null, p99Ms: null };
      continue;
    }
    const earlier = new Map(b.buckets);
    const delta = a.buckets.map(([le, c]) => [le, c - (earlier.get(le) || 0)]);
    const p99 = requests > 0 ? quantile(0.99, delta) : null;
    result[op] = { rate: requests / seconds, p99Ms: p99 === null ? null : p99 * 1000 };
  }
  return result;
}

/**
 * The q-quantile of cumulative buckets [[le, count], ...] sorted by le, interpolated
 * linearly inside the bucket it falls in (as Prometheus' histogram_quantile does); a rank in
 * the +Inf bucket answers the highest finite bound.
 */
export function quantile(q, buckets) {
  if (buckets.length === 0) return null;
  const total = buckets[buckets.length - 1][1];
  if (!(total > 0)) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [le, count] of buckets) {
    if (count >= rank) {
      if (le === Infinity) return lowerBound;
      const inBucket = count - lowerCount;
      return inBucket <= 0 ? le : lowerBound + (le - lowerBound) * ((rank - lowerCount) / inBucket);
    }
    if (le !== Infinity) lowerBound = le;
    lowerCount = count;
  }
  return lowerBound;
}
