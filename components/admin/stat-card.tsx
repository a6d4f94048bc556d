/** One figure on the dashboard, with a line of context under it. */
export function StatCard({
  label,
  value,
  detail,
  children,
}: {
  label: string;
  value: React.ReactNode;
  detail?: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <section aria-label={label} className="flex flex-col gap-1 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-medium text-stone-500">{label}</h2>
      <p className="text-2xl font-semibold tracking-tight text-stone-900">{value}</p>
      {detail ? <p className="text-sm text-stone-600">{detail}</p> : null}
      {children}
    </section>
  );
}
