// Worker-thread entry: Node 20 does not pass --import hooks to workers, so register tsx here.
import { register } from 'tsx/esm/api';

register();
await import('./gbdt-fit.worker.ts');
