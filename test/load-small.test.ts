/**
 * The load run at a tenth of its size (`npm run load -- --small`): four app-server processes over
 * the test PostgreSQL behind PgBouncer in transaction mode, over HTTP on loopback. A raced
 * limited link spends exactly its uses, every waiting stream is told of one admit-all, a
 * flooding client locks out nobody, and nothing answers 5xx. Figures are printed, never timed here.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

const server = inject('postgres');
const bouncer = inject('pgbouncer');
const root = fileURLToPath(new URL('..', import.meta.url));

interface Figures {
  b: { limit: number; guests: number; joined: number; uses: number };
  c: { guests: number; admitted: number; told: number };
  d: { floods: number; others: number; floodJoined: number; floodRefused: number; othersJoined: number; uses: number };
  fiveHundreds: number;
}

describe.skipIf(server === null || bouncer === null || 'connectionString' in server!)('the load run, small', () => {
  it('four app servers behind PgBouncer: exact uses, every stream told, no one locked out, no 5xx', async () => {
    const s = server as { socketDir: string; port: number; user: string };
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'load/run.ts', '--small'],
        {
          cwd: root,
          env: { ...process.env, LOAD_PG_SOCKET: s.socketDir, LOAD_PG_PORT: String(s.port), LOAD_POOLER_SOCKET: bouncer!.socketDir, LOAD_POOLER_PORT: String(bouncer!.port), LOAD_USER: s.user },
          timeout: 170_000,
          maxBuffer: 1 << 24,
        },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
      );
    });
    console.log(output.trim().split('\n').slice(0, -1).join('\n'));
    const figures = JSON.parse(output.trim().split('\n').pop()!) as Figures;
    expect(figures.fiveHundreds).toBe(0);
    expect([figures.b.joined, figures.b.uses]).toEqual([figures.b.limit, figures.b.limit]);
    expect([figures.c.admitted, figures.c.told]).toEqual([figures.c.guests, figures.c.guests]);
    expect(figures.d.othersJoined).toBe(figures.d.others);
    expect([figures.d.floodJoined, figures.d.floodRefused]).toEqual([10, figures.d.floods - 10]);
    expect(figures.d.uses).toBe(figures.d.others + 10);
  }, 180_000);
});
