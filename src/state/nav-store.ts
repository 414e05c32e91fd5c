import { create } from 'zustand';

export type Screen = 'studio' | 'compare' | 'registry' | 'studies' | 'skills';

/** Which top-level screen shows; the studio (datasets, training, a run) is the default. */
export const useNav = create<{ screen: Screen; go: (s: Screen) => void }>((set) => ({ screen: 'studio', go: (screen) => set({ screen }) }));
