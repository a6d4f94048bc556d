import Link from 'next/link';

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-red-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-stone-600">This area is for the shop&apos;s staff.</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        Back to the shop
      </Link>
    </div>
  );
}
