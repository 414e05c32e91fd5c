/// <reference lib="webworker" />
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { withIsolationHeaders } from './isolation';

/**
 * Kiln's service worker: the whole build (app shell, workers, TF.js and onnxruntime-web wasm,
 * samples) is precached at install, so after one online visit the studio opens, trains and
 * exports with the network off. It answers only for those files: anything else (the export
 * proxy's cross-origin requests above all) goes to the network untouched and is never cached.
 */
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// A new version waits until the person says so (the update prompt posts SKIP_WAITING): taking over
// by itself would swap the files under a page that may be training.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
// the first install has no page to disturb: control it at once so it works offline from now on
clientsClaim();

// On hosts that cannot set headers, the service worker adds COOP/COEP itself, so every load after
// the first is cross-origin isolated (the idea of coi-serviceworker).
addPlugins([{ handlerWillRespond: async ({ response }) => withIsolationHeaders(response) }]);
// query strings (?backend=wasm) and hashes (#proxy=…) pick options, not files
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\/bench\.html$/] }));
