/** `npm run test:faults`: the fault tests (killed workers, a restarted Temporal server, a PostgreSQL outage). */
const base = require('./jest.config.js');
module.exports = { ...base, roots: ['<rootDir>/test/faults'], testMatch: ['**/*.fault.ts'], testTimeout: 900_000 };
