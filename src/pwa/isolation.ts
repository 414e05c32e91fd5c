import { isolationHeaders } from '../../scripts/isolation-headers.mjs';

/** A copy of a same-origin response with the isolation headers it lacks; opaque and error responses pass as they are. */
export function withIsolationHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.status === 0) return response;
  const missing = Object.entries(isolationHeaders).filter(([k]) => !response.headers.has(k));
  if (missing.length === 0) return response;
  const headers = new Headers(response.headers);
  for (const [k, v] of missing) headers.set(k, v);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** What the header says about isolation: "isolated", or why not. */
export function isolationStatus(scope: { crossOriginIsolated?: boolean; isSecureContext?: boolean }): { isolated: boolean; text: string } {
  if (scope.crossOriginIsolated) return { isolated: true, text: 'isolated' };
  if (scope.isSecureContext === false) return { isolated: false, text: 'not isolated: not a secure context (serve over https or localhost)' };
  return { isolated: false, text: 'not isolated: served without COOP/COEP' };
}
