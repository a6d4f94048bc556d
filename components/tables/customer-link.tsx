import Link from 'next/link';

/** A customer's name linking to their page in the backend: one cell for every staff table. */
export function CustomerLink({ id, name, className = 'underline' }: { id: number; name: string; className?: string }) {
  return (
    <Link href={`/admin/customers/${id}`} className={className}>
      {name}
    </Link>
  );
}
