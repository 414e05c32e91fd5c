/** An error line the person can close (×): the store keeps it until then. */
export function DismissibleError({ error, onDismiss, testId }: { error: string | null; onDismiss: () => void; testId: string }) {
  if (!error) return null;
  return (
    <p className="error-text" role="alert" data-testid={testId}>
      {error}{' '}
      <button type="button" className="link" onClick={onDismiss} aria-label="Dismiss">
        ×
      </button>
    </p>
  );
}
