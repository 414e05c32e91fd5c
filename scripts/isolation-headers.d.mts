export declare const isolationHeaders: Record<'Cross-Origin-Opener-Policy' | 'Cross-Origin-Embedder-Policy' | 'Cross-Origin-Resource-Policy', string>;
