/**
 * Starts test/fixtures/memory-server.ts in a child process with --expose-gc,
 * so a test can load it from this process and read its collected heap.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface MemoryChild {
  url: string;
  /** The child's heap after full collections, its recorded calls and store size. */
  heap(): Promise<{ heap: number; calls: number; resources: number }>;
  kill(): void;
}

/** `env`: MAX_CALLS, MAX_RESOURCES (see the fixture). */
export async function startMemoryChild(env: Record<string, string> = {}): Promise<MemoryChild> {
  const child = fork(fileURLToPath(new URL('./fixtures/memory-server.ts', import.meta.url)), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      child.once('message', (m) => resolve(m as T));
      child.once('error', reject);
    });
  const { url } = await next<{ url: string }>();
  return {
    url,
    heap: () => {
      child.send('heap');
      return next();
    },
    kill: () => void child.kill(),
  };
}
