import { isolationStatus } from './isolation';

/**
 * Whether the page is cross-origin isolated (SharedArrayBuffer and wasm threads available), or
 * why not; fixed for the page's life, so it is read once.
 */
const status = isolationStatus(globalThis);

export function IsolationBadge() {
  return (
    <span
      className={`badge${status.isolated ? '' : ' muted'}`}
      data-testid="isolation-status"
      data-isolated={String(status.isolated)}
      title="Cross-origin isolation (COOP + COEP) enables SharedArrayBuffer and WebAssembly threads"
    >
      {status.text}
    </span>
  );
}
