export default function InvoicesLoading() {
  return (
    <div className="flex animate-pulse flex-col gap-4" aria-busy="true" aria-label="Loading invoices">
      <div className="h-8 w-40 rounded bg-stone-200" />
      <div className="h-64 rounded-lg bg-stone-100" />
    </div>
  );
}
