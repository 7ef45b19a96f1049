/**
 * The worker thread of `catalog import`'s check pass (see catalog-check.ts): runs the check over
 * the inputs it is given and posts each chunk, never more than CHUNKS_IN_FLIGHT ahead of the main
 * thread's acknowledgements, so the chunks between the threads stay few however fast it reads.
 */
import { parentPort, workerData } from "node:worker_threads";
import { CHUNKS_IN_FLIGHT, type CheckEnv, checkInputs, errorToData, packChunk, type WorkerMessage } from "./catalog-check.js";

const port = parentPort;
if (!port) throw new Error("catalog-check-worker runs as a worker thread");

let inFlight = 0;
let resume: (() => void) | undefined;
port.on("message", () => {
  inFlight--;
  resume?.();
  resume = undefined;
});
const post = (m: WorkerMessage) => port.postMessage(m);

const env = workerData as CheckEnv;
try {
  for await (const chunk of checkInputs(env)) {
    while (inFlight >= CHUNKS_IN_FLIGHT) {
      await new Promise<void>((r) => {
        resume = r;
      });
    }
    inFlight++;
    const packed = env.shape === "rows" ? packChunk(chunk, (env.inputs[chunk.fi] as CheckEnv["inputs"][number]).file) : undefined;
    post(packed ? { type: "packed", chunk: packed } : { type: "chunk", chunk });
  }
  post({ type: "done" });
} catch (e) {
  post({ type: "error", error: errorToData(e) });
}
