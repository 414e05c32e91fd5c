/** The table network's search panel, under the name the studio imports it by. */
export { TabularTunePanel as TunePanel } from '../train/TabularTunePanel';
