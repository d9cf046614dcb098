/**
 * A throwaway Redis server for the Redis adapter's tests: `redis-server` on a Unix socket in a
 * temporary directory, nothing saved to disk, stopped by its pid and removed afterwards.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a test Redis listens. */
export interface RedisServer {
  /** The Unix socket's path. */
  readonly socket: string;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
}

/** The `redis-server` program, or `null` when none is installed. */
export function findRedisServer(): string | null {
  for (const dir of ['/usr/bin', '/usr/local/bin', ...(process.env['PATH'] ?? '').split(':')]) {
    if (dir && existsSync(join(dir, 'redis-server'))) return join(dir, 'redis-server');
  }
  return null;
}

/** Starts a fresh server; `null` when Redis is not installed. */
export async function startRedisServer(): Promise<RedisServer | null> {
  const program = findRedisServer();
  if (program === null) return null;
  const dir = mkdtempSync(join(tmpdir(), 'access-links-redis-'));
  const socket = join(dir, 'redis.sock');
  const child = spawn(program, ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let tries = 0; !existsSync(socket); tries++) {
    if (tries > 400 || child.exitCode !== null) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error('redis-server did not start.');
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    socket,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
