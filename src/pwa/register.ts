/**
 * Registers the service worker (production builds only) and tells the page when a new version is
 * waiting. The page reloads only when the person clicks Reload in this tab: a silent reload could
 * end a running training.
 */
export interface PwaState {
  /** a newer version is installed and waits for the Reload click */
  updateReady: boolean;
  /** every file is precached and the service worker controls the page: it works offline */
  offlineReady: boolean;
}

let state: PwaState = { updateReady: false, offlineReady: false };
const listeners = new Set<() => void>();
let waiting: ServiceWorker | null = null;

function set(patch: Partial<PwaState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export function pwaState(): PwaState {
  return state;
}

export function subscribePwa(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Activates the waiting version and reloads this tab once it has taken over. */
export function applyUpdate(): void {
  if (!waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  waiting.postMessage({ type: 'SKIP_WAITING' });
}

function watchWaiting(reg: ServiceWorkerRegistration): void {
  const offer = (worker: ServiceWorker) => {
    waiting = worker;
    set({ updateReady: true });
  };
  // a waiting worker while another controls the page is an update; on the first visit there is none
  if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
  reg.addEventListener('updatefound', () => {
    const incoming = reg.installing;
    incoming?.addEventListener('statechange', () => {
      if (incoming.state === 'installed' && navigator.serviceWorker.controller) offer(incoming);
    });
  });
}

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const base = import.meta.env.BASE_URL;
  const reg = await navigator.serviceWorker.register(`${base}sw.js`, { scope: base });
  // undefined where the browser is told to block service workers (as Playwright can)
  if (!reg) return;
  watchWaiting(reg);
  await navigator.serviceWorker.ready;
  if (navigator.serviceWorker.controller) set({ offlineReady: true });
  else navigator.serviceWorker.addEventListener('controllerchange', () => set({ offlineReady: true }), { once: true });
  // a studio left open for days still hears about new deployments
  setInterval(() => void reg.update().catch(() => undefined), 60 * 60 * 1000);
}
