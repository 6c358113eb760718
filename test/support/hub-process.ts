import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
export const HUB_ENTRY = resolve(ROOT, 'dist/apps/hub/src/main.js');

export interface HubProcess {
  child: ChildProcess;
  /** Base URL when the api role runs. */
  baseUrl?: string;
  output: () => string;
  /** SIGKILL: no shutdown hooks, active jobs left locked in Redis, as when a machine dies. */
  kill: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Runs the built hub (`npm run build` first; `npm test` does it) as a real child process and waits for its ready line. */
export async function startHubProcess(env: NodeJS.ProcessEnv, timeoutMs = 30000): Promise<HubProcess> {
  if (!existsSync(HUB_ENTRY)) throw new Error(`${HUB_ENTRY} is missing: run \`npm run build\` (npm test does)`);
  const child = spawn(process.execPath, [HUB_ENTRY], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const ready = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`hub not ready in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      const line = output.split('\n').find((l) => l.startsWith('Wenzheng hub ready:'));
      if (line) {
        clearTimeout(timer);
        done(line);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`hub exited with ${code} before ready:\n${output}`));
    });
  });
  const port = /api on http:\/\/127\.0\.0\.1:(\d+)/.exec(ready)?.[1];
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    child,
    baseUrl: port ? `http://127.0.0.1:${port}` : undefined,
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
