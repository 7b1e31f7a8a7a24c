/** A worker thread of `selfeval check`: checks the files it is sent, one at a time (see check-files.ts). */
import { parentPort } from "worker_threads";
import { checkFile, type WorkerReply, type WorkerTask } from "./check-files";

parentPort!.on("message", (task: WorkerTask) => {
  checkFile(task.file, task.options).then(
    (outcome) => parentPort!.postMessage({ index: task.index, outcome } satisfies WorkerReply),
    (err: unknown) => parentPort!.postMessage({ index: task.index, error: String((err as Error)?.stack ?? err) } satisfies WorkerReply),
  );
});
