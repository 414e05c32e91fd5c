/** A labelled number input: the forms' one shape for a numeric setting. */
export function NumberField({ label, value, onChange, step, min, testId }: { label: string; value: number; onChange: (v: number) => void; step?: number; min?: number; testId?: string }) {
  return (
    <label>
      {label}
      <input type="number" value={value} step={step} min={min} data-testid={testId} onChange={(e) => onChange(+e.target.value)} />
    </label>
  );
}
