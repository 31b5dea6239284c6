// The worker thread's entry: TypeScript through tsx (registered in this thread), then the worker.
import { register } from 'tsx/esm/api';

register();
await import('./stationWorker.ts');
