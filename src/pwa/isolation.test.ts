import { describe, expect, it } from 'vitest';
import { isolationStatus, withIsolationHeaders } from './isolation';

describe('withIsolationHeaders', () => {
  it('adds COOP, COEP and CORP to a response that lacks them, keeping status, body and other headers', async () => {
    const out = withIsolationHeaders(new Response('<p>hi</p>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    expect(out.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(out.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(out.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
    expect(out.headers.get('Content-Type')).toBe('text/html');
    expect(out.status).toBe(200);
    expect(await out.text()).toBe('<p>hi</p>');
  });

  it('leaves a header the host already sent as it is', () => {
    const res = new Response('', { headers: { 'Cross-Origin-Embedder-Policy': 'credentialless' } });
    expect(withIsolationHeaders(res).headers.get('Cross-Origin-Embedder-Policy')).toBe('credentialless');
  });

  it('returns the same object when nothing is missing', () => {
    const res = new Response('', { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' } });
    expect(withIsolationHeaders(res)).toBe(res);
  });
});

describe('isolationStatus', () => {
  it('says isolated, or why not', () => {
    expect(isolationStatus({ crossOriginIsolated: true, isSecureContext: true })).toEqual({ isolated: true, text: 'isolated' });
    expect(isolationStatus({ crossOriginIsolated: false, isSecureContext: false }).text).toMatch(/^not isolated: not a secure context/);
    expect(isolationStatus({ crossOriginIsolated: false, isSecureContext: true }).text).toBe('not isolated: served without COOP/COEP');
  });
});
