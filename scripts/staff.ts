import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { userInfo } from 'node:os';
import { issueToken, StaffDisabledError } from '../api/tokens';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { countyOfTownship, createStaff, disableStaff, findStaffByUsername, listStaff } from '../db/repositories/staff';
import { revokeStaffToken, revokeStaffTokens, tokensOfStaff } from '../db/repositories/staffTokens';
import type { Database } from '../db/schema';
import { DEPARTMENT_CODES, type DepartmentCode } from '../domain/departments';
import { STAFF_ROLES, type StaffRole } from '../domain/jurisdiction';
import { scopeOf } from './demoTokens';

const USAGE = `npm run staff -- <command> [options]

  create  --username U --role window|township_reviewer|department|reviewer|admin|reporter --name "显示名"
          [--township CODE] (window: required)  [--department CODE] (department: required)
          [--county CODE] (default: the township's county, or the only county)  [--days N]
          creates a staff member and prints their first token (shown once)
  token   --username U [--days N]       issues another token (shown once)
  revoke  --username U | --token-id N   revokes all of a staff member's tokens, or one
  disable --username U                   disables a staff member for good: revokes their live tokens and
                                         refuses new ones (audited in staff_events)
  list                                   staff and their tokens (never the tokens themselves)`;

class UsageError extends Error {}

async function resolveCounty(db: Kysely<Database>, township: string | undefined, county: string | undefined): Promise<string> {
  if (township) {
    const found = await countyOfTownship(db, township);
    if (!found) throw new UsageError(`unknown township ${township}`);
    if (county && county !== found) throw new UsageError(`township ${township} is in county ${found}, not ${county}`);
    return found;
  }
  if (county) return county;
  const counties = await db.selectFrom('counties').select('code').execute();
  if (counties.length !== 1) throw new UsageError('--county is required (there is not exactly one county)');
  return counties[0].code;
}

function printToken(username: string, issued: { token: string; tokenId: number; expiresAt: Date }): void {
  console.log(`token for ${username} (id ${issued.tokenId}, expires ${issued.expiresAt.toISOString()}), shown this once:\n\n  ${issued.token}\n`);
}

/** The staff command line; returns the process exit code. */
export async function staffCli(argv: string[], db: Kysely<Database>, lifetimeDays: number): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      township: { type: 'string' },
      department: { type: 'string' },
      county: { type: 'string' },
      days: { type: 'string' },
      'token-id': { type: 'string' },
    },
  });
  const days = values.days === undefined ? lifetimeDays : Number(values.days);
  if (!(days > 0 && days <= 366)) throw new UsageError('--days must be a number of days between 1 and 366');
  const staffNamed = async () => {
    if (!values.username) throw new UsageError('--username is required');
    const staff = await findStaffByUsername(db, values.username);
    if (!staff) throw new UsageError(`no staff member ${values.username}`);
    return staff;
  };

  switch (positionals[0]) {
    case 'create': {
      const { username, name } = values;
      const role = values.role as StaffRole;
      if (!username || !name) throw new UsageError('--username and --name are required');
      if (!STAFF_ROLES.includes(role)) throw new UsageError(`--role must be one of ${STAFF_ROLES.join(', ')}`);
      const local = role === 'window' || role === 'reporter' || role === 'township_reviewer';
      if (local && !values.township) throw new UsageError(`${role} staff need --township`);
      if (!local && values.township) throw new UsageError('only window staff, township reviewers and reporters belong to a township');
      const department = values.department as DepartmentCode | undefined;
      if (role === 'department' && !department) throw new UsageError('department staff need --department');
      if (department && !DEPARTMENT_CODES.includes(department)) throw new UsageError(`--department must be one of ${DEPARTMENT_CODES.join(', ')}`);
      if (await findStaffByUsername(db, username)) throw new UsageError(`staff member ${username} exists already (use: token --username ${username})`);
      const countyCode = await resolveCounty(db, values.township, values.county);
      const staff = await createStaff(db, { username, displayName: name, role, countyCode, townshipCode: values.township ?? null, departmentCode: department ?? null });
      console.log(`created staff ${staff.id} ${staff.username} (${staff.role}, ${scopeOf(staff)})`);
      printToken(staff.username, await issueToken(db, staff.id, { lifetimeDays: days, label: 'cli' }));
      return 0;
    }
    case 'token': {
      const staff = await staffNamed();
      printToken(staff.username, await issueToken(db, staff.id, { lifetimeDays: days, label: 'cli' }));
      return 0;
    }
    case 'revoke': {
      if (values['token-id']) {
        const revoked = await revokeStaffToken(db, Number(values['token-id']));
        console.log(revoked ? `revoked token ${values['token-id']}` : `no live token ${values['token-id']}`);
        return revoked ? 0 : 1;
      }
      const staff = await staffNamed();
      console.log(`revoked ${await revokeStaffTokens(db, staff.id)} token(s) of ${staff.username}`);
      return 0;
    }
    case 'disable': {
      const staff = await staffNamed();
      const done = await disableStaff(db, staff.id, `cli:${userInfo().username}`);
      console.log(done ? `disabled ${staff.username}; revoked ${done.revokedTokens} token(s)` : `${staff.username} was disabled already`);
      return 0;
    }
    case 'list': {
      for (const staff of await listStaff(db)) {
        const live = (await tokensOfStaff(db, staff.id)).filter((t) => !t.revoked_at && t.expires_at > new Date());
        if (staff.disabled_at) {
          console.log(`${String(staff.id).padStart(4)}  ${staff.username.padEnd(24)} ${staff.role.padEnd(10)} ${scopeOf(staff).padEnd(34)} disabled ${staff.disabled_at.toISOString().slice(0, 10)}`);
          continue;
        }
        console.log(`${String(staff.id).padStart(4)}  ${staff.username.padEnd(24)} ${staff.role.padEnd(10)} ${scopeOf(staff).padEnd(34)} live tokens: ${live.map((t) => `${t.id} (${t.label}, until ${t.expires_at.toISOString().slice(0, 10)})`).join(', ') || 'none'}`);
      }
      return 0;
    }
    default:
      throw new UsageError(positionals[0] ? `unknown command ${positionals[0]}` : 'a command is required');
  }
}

if (require.main === module) {
  const config = loadConfig();
  const db = connectDatabase(config.databaseUrl, 1);
  staffCli(process.argv.slice(2), db, config.tokenLifetimeDays)
    .catch((err) => {
      if (!(err instanceof UsageError) && !(err instanceof StaffDisabledError) && (err as { code?: string }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw err;
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    })
    .then(
      async (code) => {
        await db.destroy();
        process.exit(code);
      },
      async (err) => {
        console.error(err);
        await db.destroy();
        process.exit(1);
      },
    );
}
