/** The outcome of a form, announced to screen readers. */
export function FormMessage({ state }: { state: { status: string; message?: string } }) {
  return (
    <div aria-live="polite" role="status" className="min-h-0 text-sm">
      {state.status === 'error' && state.message ? (
        <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">{state.message}</p>
      ) : null}
      {state.status === 'success' && state.message ? (
        <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-green-800">{state.message}</p>
      ) : null}
    </div>
  );
}
