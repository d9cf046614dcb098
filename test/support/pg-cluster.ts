/**
 * A throwaway PostgreSQL server for the adapter's tests and benchmarks: `initdb` into a
 * temporary directory, `pg_ctl start` listening on a Unix socket only, stopped and removed
 * afterwards. Runs the server as the `postgres` user when started as root (initdb refuses root).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where a test server listens. */
export interface PgServer {
  /** The directory holding the Unix socket. */
  readonly socketDir: string;
  /** The port, which names the socket file. */
  readonly port: number;
  /** The superuser. */
  readonly user: string;
  /** The database. */
  readonly database: string;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
}

/** The directory of PostgreSQL's programs, or `null` when none is installed. */
export function findPgBin(): string | null {
  if (process.env['PG_BIN'] && existsSync(join(process.env['PG_BIN'], 'initdb'))) return process.env['PG_BIN'];
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (existsSync(join(root, version, 'bin', 'initdb'))) return join(root, version, 'bin');
  }
  for (const dir of (process.env['PATH'] ?? '').split(':')) if (dir && existsSync(join(dir, 'initdb'))) return dir;
  return null;
}

/** Starts a fresh server; `null` when PostgreSQL is not installed. */
export async function startPgServer(): Promise<PgServer | null> {
  const bin = findPgBin();
  if (bin === null) return null;
  const dir = mkdtempSync(join(tmpdir(), 'access-links-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const exec = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args]) : run(join(bin, program), args);
  if (asRoot) await run('chown', ['postgres:postgres', dir]);
  const port = 5432;
  try {
    await exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    const options = `-k ${dir} -p ${port} -c listen_addresses='' -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await exec('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    socketDir: dir,
    port,
    user: 'postgres',
    database: 'postgres',
    async stop() {
      await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where a test connection pooler listens, in front of a test server. */
export interface PgBouncer {
  /** The directory holding the pooler's Unix socket. */
  readonly socketDir: string;
  /** The port, which names the socket file. */
  readonly port: number;
  /** Stops the pooler and removes its files. */
  stop(): Promise<void>;
}

/** The `pgbouncer` program, or `null` when none is installed. */
export function findPgBouncer(): string | null {
  for (const dir of ['/usr/sbin', '/usr/bin', ...(process.env['PATH'] ?? '').split(':')]) {
    if (dir && existsSync(join(dir, 'pgbouncer'))) return join(dir, 'pgbouncer');
  }
  return null;
}

/**
 * Starts PgBouncer in transaction mode in front of `server` (a Unix socket only, trust
 * authentication), as managed poolers run by default: each transaction may land on another
 * server connection, and prepared statements are not carried across. `null` when PgBouncer is
 * not installed.
 */
export async function startPgBouncer(server: PgServer, poolSize = 4): Promise<PgBouncer | null> {
  const program = findPgBouncer();
  if (program === null) return null;
  const dir = mkdtempSync(join(tmpdir(), 'access-links-pgbouncer-'));
  const asRoot = process.getuid?.() === 0;
  const port = 6432;
  writeFileSync(join(dir, 'users.txt'), `"${server.user}" ""\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.socketDir} port=${server.port}`,
      '[pgbouncer]',
      'listen_addr =',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 1000',
      'ignore_startup_parameters = extra_float_digits',
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      '',
    ].join('\n'),
  );
  if (asRoot) await run('chown', ['-R', 'postgres:postgres', dir]);
  const args = ['-d', join(dir, 'pgbouncer.ini')];
  await (asRoot ? run('runuser', ['-u', 'postgres', '--', program, ...args]) : run(program, args));
  // Daemonised: ready once its socket exists.
  const socket = join(dir, `.s.PGSQL.${port}`);
  for (let tries = 0; !existsSync(socket); tries++) {
    if (tries > 200) throw new Error(`PgBouncer did not start: ${readFileSync(join(dir, 'pgbouncer.log'), 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    socketDir: dir,
    port,
    async stop() {
      const pid = Number(readFileSync(join(dir, 'pgbouncer.pid'), 'utf8'));
      try {
        process.kill(pid, 'SIGTERM');
        for (let tries = 0; tries < 200 && existsSync(join(dir, 'pgbouncer.pid')); tries++) await new Promise((resolve) => setTimeout(resolve, 25));
      } catch {
        // Already gone.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
