/**
 * The counting thread's handle on the second thread of a file count (Node only; the thread
 * itself is `count-worker.ts`): starting it, sending it jobs, taking its results without
 * waiting on the event loop, and waiting for it in short steps that let events in (a signal,
 * the thread's own error).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type WorkerOptions } from 'node:worker_threads';
import { InvariantError } from '../errors/invariant-error.js';
import type { GspGroupRegions } from '../registrations/gsp-groups.js';
import type { RegistrationColumn } from '../registrations/registration.js';
import type { CountWorkerData, CountWorkerJob, CountWorkerResult } from './count-worker.js';

/** The second thread's script: its path, and whether it is TypeScript source. */
export interface WorkerScript {
  readonly path: string;
  readonly fromSource: boolean;
}

/**
 * The second thread's script, next to this module: the built `.js`, or the `.ts` source when
 * run from source (tests; it is then loaded through `tsx`). Undefined where this module has no
 * file URL or the script is missing: such counts run on one thread.
 */
export function countWorkerScript(): WorkerScript | undefined {
  const here: unknown = import.meta.url;
  if (typeof here !== 'string' || !here.startsWith('file:')) return undefined;
  const fromSource = here.endsWith('.ts');
  const path = fileURLToPath(new URL(fromSource ? './count-worker.ts' : './count-worker.js', here));
  if (!existsSync(path)) return undefined;
  return { path, fromSource };
}

function startWorker(script: WorkerScript, options: WorkerOptions): Worker {
  if (!script.fromSource) return new Worker(script.path, options);
  const url = JSON.stringify(pathToFileURL(script.path).href);
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${url}); });`;
  return new Worker(code, { ...options, eval: true });
}

/** How long the counting thread waits for the second thread before letting events in, in ms. */
const WAIT_MS = 50;

/** A running second thread; see the module comment. */
export class CountHelper {
  readonly #worker: Worker;
  readonly #channel: MessageChannel;
  /** Results sent so far, and 1 once the thread is ready (see `CountWorkerData.parsed`). */
  readonly #signals: Int32Array;
  #failure: unknown;

  private constructor(worker: Worker, channel: MessageChannel, signals: Int32Array) {
    this.#worker = worker;
    this.#channel = channel;
    this.#signals = signals;
    worker.on('error', (error) => {
      this.#failure = error;
    });
  }

  /** Starts the thread for a file whose header is known. */
  static start(
    script: WorkerScript,
    path: string,
    header: readonly RegistrationColumn[],
    regions: GspGroupRegions,
    byUser = false,
  ): CountHelper {
    const channel = new MessageChannel();
    const signals = new Int32Array(new SharedArrayBuffer(8));
    const data: CountWorkerData = {
      path,
      regions,
      header,
      byUser,
      parsed: signals.buffer as SharedArrayBuffer,
      port: channel.port2,
    };
    const worker = startWorker(script, { workerData: data, transferList: [channel.port2] });
    return new CountHelper(worker, channel, signals);
  }

  /** True once the thread takes jobs (it takes a while to start). */
  get ready(): boolean {
    return Atomics.load(this.#signals, 1) === 1;
  }

  /** Results sent so far: pass it to {@link wait} to wait for the next. */
  get sent(): number {
    return Atomics.load(this.#signals, 0);
  }

  post(job: CountWorkerJob, transfer: ArrayBuffer[] = []): void {
    this.#channel.port1.postMessage(job, transfer);
  }

  /** The next result sent and not yet taken, if any (without the event loop). */
  receive(): CountWorkerResult | undefined {
    return receiveMessageOnPort(this.#channel.port1)?.message as CountWorkerResult | undefined;
  }

  /**
   * Waits until the thread has sent more than `seen` results, or a short while has passed;
   * in the second case lets events in.
   * @throws the thread's error, if it failed.
   */
  async wait(seen: number): Promise<void> {
    if (Atomics.wait(this.#signals, 0, seen, WAIT_MS) === 'timed-out') {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.#failure !== undefined) throw this.#failure;
    }
  }

  /** Waits until the thread is ready (tests use it to make the thread take part). */
  async waitUntilReady(): Promise<void> {
    while (!this.ready) {
      if (Atomics.wait(this.#signals, 1, 0, WAIT_MS) === 'timed-out') {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.#failure !== undefined) throw this.#failure;
      }
    }
  }

  /** Waits for the next result (see {@link wait}). */
  async next(): Promise<CountWorkerResult> {
    for (;;) {
      const seen = this.sent;
      const result = this.receive();
      if (result !== undefined) return result;
      await this.wait(seen);
    }
  }

  /** Ends the thread: at once after a failure, else by closing its channel (it then has nothing to wait for). */
  stop(failed: boolean): void {
    if (failed) void this.#worker.terminate();
    this.#channel.port1.close();
    this.#worker.unref();
  }
}

/** The invariant error of a second thread that failed to check partitions. */
export function helperCheckError(message: string): InvariantError {
  return new InvariantError(
    'overlapSpillCorrupt',
    `the second thread could not check the overlap partitions: ${message}`,
  );
}
