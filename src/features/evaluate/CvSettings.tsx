import type { ColumnStats } from '../../ml/data/column-stats';
import type { CvConfig } from '../../ml/eval/cross-validation';
import type { TaskKind } from '../../ml/task';
import { NumberField } from '../train/NumberField';

/** Folds, repeats and how rows are dealt into folds; the same control for every family. */
export function CvSettings({ cv, onChange, kind, columns, target }: { cv: CvConfig; onChange: (c: CvConfig) => void; kind: TaskKind; columns: ColumnStats[]; target: string }) {
  const set = (p: Partial<CvConfig>) => onChange({ ...cv, ...p });
  return (
    <>
      <NumberField label="Folds" value={cv.folds} min={2} onChange={(folds) => set({ folds })} testId="cv-folds" />
      <NumberField label="Repeats" value={cv.repeats} min={1} onChange={(repeats) => set({ repeats })} testId="cv-repeats" />
      <label>
        Folds by
        <select data-testid="cv-strategy" value={cv.strategy} onChange={(e) => set({ strategy: e.target.value as CvConfig['strategy'] })}>
          <option value="stratified" disabled={kind === 'regression'}>
            stratified (class shares kept)
          </option>
          <option value="kfold">shuffled rows</option>
          <option value="group">group column (no group on both sides)</option>
        </select>
      </label>
      {cv.strategy === 'group' && (
        <label>
          Group column
          <select data-testid="cv-group" value={cv.groupColumn ?? ''} onChange={(e) => set({ groupColumn: e.target.value || undefined })}>
            <option value="">—</option>
            {columns
              .filter((s) => s.dtype !== 'text' && s.name !== target)
              .map((s) => (
                <option key={s.name}>{s.name}</option>
              ))}
          </select>
        </label>
      )}
      <NumberField label="Fold seed" value={cv.seed} onChange={(seed) => set({ seed })} />
    </>
  );
}
