import { configureWorkerWasm } from './wasm-binaries';

// Imported first by each runner that trains on TF.js: its wasm backend fetches its binaries from
// the build's URLs, set before the runner picks a backend. Runners that never load TF.js (trees,
// TF-IDF) leave it out and start without it.
configureWorkerWasm();
