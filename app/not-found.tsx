import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-stone-500">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-stone-600">There is nothing here, or it isn&apos;t yours to see.</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        Back to the shop
      </Link>
    </div>
  );
}
