/**
 * A throwaway PostgreSQL server for the adapter's tests and benchmarks: `initdb` into a
 * temporary directory, `pg_ctl start` listening on a Unix socket only, stopped and removed
 * afterwards. Runs the server as the `postgres` user when started as root (initdb refuses root).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
