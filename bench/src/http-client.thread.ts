import { Agent, request } from 'node:http';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { LoadRun, runClosedLoop, runOpenLoop } from './load-harness';

/**
 * The HTTP load generator runs on its own thread so that its request building and response parsing do not share
 * the event loop of the server under test (the hub and the node:http baseline run on the main thread).
 */
export interface HttpLoadPlan {
  url: string;
  /** JSON request bodies: the first `warmup` are sent unmeasured, the rest are the measured run. */
  bodies: string[];
  warmup: number;
  load: { kind: 'closed'; concurrency: number } | { kind: 'open'; ratePerSecond: number };
  /** Return this field of each 2xx JSON answer (e.g. the tracking number), in request order. */
  resultField?: string;
}

/** The measured run, and how many warm-up requests succeeded (they are not in the figures). */
export type HttpLoadResult = LoadRun<string> & { warmupOk: number };

function post(agent: Agent, url: URL, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Thread → main: `measuring` when the warm-up is over, then `done` with the measured run. */
export type HttpLoadMessage = { kind: 'measuring' } | { kind: 'done'; result: HttpLoadResult };

async function runPlan(plan: HttpLoadPlan, measuring: () => void): Promise<HttpLoadResult> {
  const url = new URL(plan.url);
  const agent =
    plan.load.kind === 'closed'
      ? new Agent({ keepAlive: true, maxSockets: plan.load.concurrency })
      : new Agent({ keepAlive: true });
  const send = async (body: string): Promise<string> => {
    const { status, text } = await post(agent, url, body);
    if (status < 200 || status > 299) throw new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
    return plan.resultField ? String(JSON.parse(text)[plan.resultField]) : '';
  };
  const measured = plan.bodies.length - plan.warmup;
  try {
    const { load } = plan;
    const run = (count: number, task: (i: number) => Promise<string>) =>
      load.kind === 'closed'
        ? runClosedLoop(count, load.concurrency, task)
        : runOpenLoop(count, load.ratePerSecond, task);
    const warm = plan.warmup > 0 ? await run(plan.warmup, (i) => send(plan.bodies[i])) : undefined;
    measuring();
    const measuredRun = await run(measured, (i) => send(plan.bodies[plan.warmup + i]));
    return { ...measuredRun, warmupOk: warm?.latenciesMs.length ?? 0 };
  } finally {
    agent.destroy();
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  // A rejection here is unhandled and ends the thread with an 'error' event, which runHttpLoad turns into a failure.
  const tell = (message: HttpLoadMessage) => port.postMessage(message);
  void runPlan(workerData as HttpLoadPlan, () => tell({ kind: 'measuring' })).then((result) =>
    tell({ kind: 'done', result }),
  );
}
