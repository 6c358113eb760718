import { Agent, request } from 'node:http';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { LoadRun, LoadShape, runLoad } from './load-harness';

/**
 * What to send, in request order (the first `warmup` unmeasured, the rest the measured run): JSON bodies POSTed to
 * `url`, GETs of paths (each with its query) on the origin of `url`, or `posts`: each its own path (with its query)
 * on that origin and a body of `contentType` (e.g. signed webhook pushes).
 */
export type HttpTarget = {
  url: string;
  /** Sent with every request (e.g. a bearer token). */
  headers?: Record<string, string>;
  /** Return this field of each 2xx JSON answer (e.g. the tracking number), in request order. */
  resultField?: string;
  /** Return each 2xx answer's whole body instead (to be checked after the run, off the measured path). */
  resultBody?: boolean;
} & ({ bodies: string[] } | { gets: string[] } | { posts: { path: string; body: string }[]; contentType: string });

/**
 * The HTTP load generator runs on its own thread so that its request building and response parsing do not share
 * the event loop of the server under test (the hub and the node:http baseline run on the main thread).
 */
export type HttpLoadPlan = HttpTarget & {
  warmup: number;
  load: LoadShape;
};

/** The measured run, and how many warm-up requests succeeded (they are not in the figures). */
export type HttpLoadResult = LoadRun<string> & { warmupOk: number };

interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

function callsOf(plan: HttpTarget, url: URL): HttpCall[] {
  if ('gets' in plan) return plan.gets.map((path) => ({ method: 'GET', path }));
  if ('posts' in plan) return plan.posts.map(({ path, body }) => ({ method: 'POST', path, body }));
  return plan.bodies.map((body) => ({ method: 'POST', path: url.pathname, body }));
}

function send(
  agent: Agent,
  url: URL,
  headers: Record<string, string>,
  contentType: string,
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
            : { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(call.body) },
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
  const contentType = 'posts' in plan ? plan.contentType : 'application/json';
  const calls = callsOf(plan, url);
  const call = async (index: number): Promise<string> => {
    const { status, text } = await send(agent, url, headers, contentType, calls[index]);
    if (status < 200 || status > 299) throw new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
    if (plan.resultBody) return text;
    return plan.resultField ? String(JSON.parse(text)[plan.resultField]) : '';
  };
  const measured = calls.length - plan.warmup;
  try {
    const warm = plan.warmup > 0 ? await runLoad(plan.warmup, plan.load, call) : undefined;
    measuring();
    const measuredRun = await runLoad(measured, plan.load, (i) => call(plan.warmup + i));
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
