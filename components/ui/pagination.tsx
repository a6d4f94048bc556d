import Link from 'next/link';
import { useTranslations } from 'next-intl';

/** Page numbers and previous/next as plain links, so every page has its own URL. */
export function Pagination({
  page,
  totalPages,
  hrefFor,
  label,
}: {
  page: number;
  totalPages: number;
  hrefFor: (page: number) => string;
  label?: string;
}) {
  const t = useTranslations('common.pagination');
  if (totalPages <= 1) return null;
  const pages = visiblePages(page, totalPages);
  // 44 px tap targets.
  const item = 'inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border px-3 text-sm';
  return (
    <nav aria-label={label ?? t('label')} className="mt-4 flex flex-wrap items-center gap-1">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className={`${item} border-stone-300 bg-white hover:bg-stone-100`}>
          {t('previous')}
        </Link>
      ) : null}
      {pages.map((number, index) =>
        number === null ? (
          <span key={`gap-${index}`} className="px-2 text-stone-600">
            …
          </span>
        ) : (
          <Link
            key={number}
            href={hrefFor(number)}
            aria-label={t('page', { number })}
            aria-current={number === page ? 'page' : undefined}
            className={`${item} ${number === page ? 'border-brand-600 bg-brand-600 text-white' : 'border-stone-300 bg-white hover:bg-stone-100'}`}
          >
            {number}
          </Link>
        ),
      )}
      {page < totalPages ? (
        <Link href={hrefFor(page + 1)} className={`${item} border-stone-300 bg-white hover:bg-stone-100`}>
          {t('next')}
        </Link>
      ) : null}
    </nav>
  );
}

/** 1 … 4 5 6 … 20: the first, the last and the neighbours of the current page. */
export function visiblePages(page: number, totalPages: number): (number | null)[] {
  const wanted = new Set([1, totalPages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= totalPages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const result: (number | null)[] = [];
  for (const number of sorted) {
    const previous = result[result.length - 1];
    if (typeof previous === 'number' && number - previous > 1) result.push(null);
    result.push(number);
  }
  return result;
}
