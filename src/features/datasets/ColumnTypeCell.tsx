import { DATE_FORMATS, type DateFormatId } from '../../ml/data/date-format';
import type { ColumnSpec } from '../../ml/data/infer-types';
import { NUMBER_FORMATS, type NumberFormatId } from '../../ml/data/number-format';
import type { AppliedColumn, ColumnOverride, ColumnType } from '../../ml/data/schema';

const TYPES: { value: ColumnType; label: string }[] = [
  { value: 'numeric', label: 'numeric' },
  { value: 'categorical', label: 'categorical' },
  { value: 'boolean', label: 'boolean' },
  { value: 'datetime', label: 'date' },
  { value: 'text', label: 'text' },
  { value: 'id', label: 'id' },
  { value: 'ignore', label: 'ignore' },
];

function numberLabel(id: NumberFormatId): string {
  return NUMBER_FORMATS.find((f) => f.id === id)?.label ?? id;
}

/** How the detected format reads, for the "format" row: "1.234,5 · €", "dd.mm.yyyy (ambiguous)". */
export function detectedFormatText(spec: ColumnSpec | undefined): string {
  if (!spec) return '';
  const parts: string[] = [];
  if (spec.numberFormat && spec.numberFormat !== 'plain') parts.push(numberLabel(spec.numberFormat));
  if (spec.dateFormat) parts.push(spec.dateFormat);
  if (spec.percent) parts.push('%');
  if (spec.currency) parts.push(spec.currency);
  return parts.join(' · ');
}

/**
 * The schema step for one column: a type select (keyboard-operable, one per column) and, for
 * numbers and dates, the format the column is read in. "auto" keeps the format import detected.
 */
export function ColumnTypeCell(props: { column: AppliedColumn; detected: ColumnSpec | undefined; override: ColumnOverride | undefined; onChange: (o: ColumnOverride | null) => void }) {
  const { column, detected, override, onChange } = props;
  const detectedType = detected?.dtype ?? column.type;
  const set = (o: ColumnOverride) => onChange(o.type === detectedType && !o.numberFormat && !o.dateFormat ? null : o);
  const formatText = override ? '' : detectedFormatText(detected);
  return (
    <div className="column-type">
      <select
        data-testid={`type-${column.name}`}
        aria-label={`Type of column ${column.name}`}
        value={column.type}
        onChange={(e) => set({ type: e.target.value as ColumnType })}
      >
        {TYPES.map((t) => (
          <option key={t.value} value={t.value}>
            {t.label}
            {t.value === detectedType ? ' (detected)' : ''}
          </option>
        ))}
      </select>
      {column.type === 'numeric' && (
        <select
          data-testid={`number-format-${column.name}`}
          aria-label={`Number format of column ${column.name}`}
          value={override?.numberFormat ?? ''}
          onChange={(e) => set({ type: 'numeric', ...(e.target.value ? { numberFormat: e.target.value as NumberFormatId } : {}) })}
        >
          <option value="">auto{detected?.numberFormat && !override ? ` (${numberLabel(detected.numberFormat)})` : ''}</option>
          {NUMBER_FORMATS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      )}
      {column.type === 'datetime' && (
        <select
          data-testid={`date-format-${column.name}`}
          aria-label={`Date format of column ${column.name}`}
          value={override?.dateFormat ?? ''}
          onChange={(e) => set({ type: 'datetime', ...(e.target.value ? { dateFormat: e.target.value as DateFormatId } : {}) })}
        >
          <option value="">auto{detected?.dateFormat && !override ? ` (${detected.dateFormat})` : ''}</option>
          {DATE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      )}
      {formatText && (
        <span className="muted" data-testid={`format-${column.name}`}>
          {formatText}
        </span>
      )}
      {!override && detected?.ambiguous && (
        <span className="warn" data-testid={`ambiguous-${column.name}`} title="Another format reads every value too, differently; pick it above if that is the file's">
          ambiguous
        </span>
      )}
      {column.unread > 0 && (
        <span className="warn" data-testid={`unread-${column.name}`}>
          {column.unread.toLocaleString()} values do not read as {column.type === 'datetime' ? 'dates' : column.type} and count as missing
        </span>
      )}
    </div>
  );
}
