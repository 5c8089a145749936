/** The `chime-mock-server` command line: help, and refusals that name the problem (no stack trace). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/chime-mock-server.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('chime-mock-server', () => {
  it.each([['--help'], ['-h']])('%s prints the usage with every flag and exits 0', (flag) => {
    const result = run(flag);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: chime-mock-server \[options\]/);
    for (const option of ['--port <n>', '--host <addr>', '--seed <text>', '--strict', '--help']) {
      expect(result.stdout).toContain(option);
    }
  });

  it.each([
    [['--nope'], "chime-mock-server: unknown option '--nope'"],
    [['--port'], "chime-mock-server: option '--port <value>' argument missing"],
    [['--port', 'http'], "chime-mock-server: --port must be a number from 0 to 65535, not 'http'"],
    [['serve'], "chime-mock-server: unexpected argument 'serve'"],
  ])('%j gets one line naming it, then the usage, exit 2', (args, line) => {
    const result = run(...args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const [first, blank, usage] = result.stderr.split('\n');
    expect(first).toBe(line);
    expect(blank).toBe('');
    expect(usage).toBe('Usage: chime-mock-server [options]');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
