// Worker-thread entry for TypeScript workers: Node 20 does not pass --import hooks to workers,
// so tsx is registered here, then the script named in workerData runs.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.script);
