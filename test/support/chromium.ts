import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';
import { waitFor } from './wait-for';

/** Debian's Chromium (`apt-get install -y chromium`; `.ci/run` installs it when missing). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium for the browser tests. Without the background-networking flags Chromium keeps trying hosts this
 * machine's closed network refuses. Waits a little for Chromium to appear: `.ci/run` may still be installing it.
 */
export async function launchChromium(): Promise<Browser> {
  await waitFor('Chromium to be installed', async () => existsSync(CHROMIUM), { timeoutMs: 50_000, intervalMs: 1000 });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}
