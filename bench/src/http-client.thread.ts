import { Agent, request } from 'node:http';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { LoadRun, runClosedLoop, runOpenLoop } from './load-harness';

/**
 * What to send, in request order (the first `warmup` unmeasured, the rest the measured run): JSON bodies POSTed to
 * `url`, or GETs of paths (each with its query) on the origin of `url`.
 */
export type HttpTarget = {
  url: string;
  /** Sent with every request (e.g. a bearer token). */
  headers?: Record<string, string>;
  /** Return this field of each 2xx JSON answer (e.g. the tracking number), in request order. */
  resultField?: string;
} & ({ bodies: string[] } | { gets: string[] });

/**
 * The HTTP load generator runs on its own thread so that its request building and response parsing do not share
 * the event loop of the server under test (the hub and the node:http baseline run on the main thread).
 */
export type HttpLoadPlan = HttpTarget & {
  warmup: number;
  load: { kind: 'closed'; concurrency: number } | { kind: 'open'; ratePerSecond: number };
};

/** The measured run, and how many warm-up requests succeeded (they are not in the figures). */
export type HttpLoadResult = LoadRun<string> & { warmupOk: number };

interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

function send(
  agent: Agent,
  url: URL,
  headers: Record<string, string>,
  call: HttpCall,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: call.path,
        method: call.method,
        headers:
          call.body === undefined
            ? headers
            : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(call.body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(call.body);
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
  const headers = plan.headers ?? {};
  const calls: HttpCall[] =
    'gets' in plan
      ? plan.gets.map((path) => ({ method: 'GET', path }))
      : plan.bodies.map((body) => ({ method: 'POST', path: url.pathname, body }));
  const call = async (index: number): Promise<string> => {
    const { status, text } = await send(agent, url, headers, calls[index]);
    if (status < 200 || status > 299) throw new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
    return plan.resultField ? String(JSON.parse(text)[plan.resultField]) : '';
  };
  const measured = calls.length - plan.warmup;
  try {
    const { load } = plan;
    const run = (count: number, task: (i: number) => Promise<string>) =>
      load.kind === 'closed'
        ? runClosedLoop(count, load.concurrency, task)
        : runOpenLoop(count, load.ratePerSecond, task);
    const warm = plan.warmup > 0 ? await run(plan.warmup, call) : undefined;
    measuring();
    const measuredRun = await run(measured, (i) => call(plan.warmup + i));
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
