import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClasses } from '@/components/ui/button';

/** A GET search box: the query lives in the URL (?q=), so results can be linked and paged. */
export function SearchForm({
  action,
  defaultValue,
  label,
  placeholder,
  keep = {},
}: {
  action: string;
  defaultValue: string;
  label: string;
  placeholder?: string;
  /** Other query parameters to carry over (e.g. the sort order). */
  keep?: Record<string, string | undefined>;
}) {
  const t = useTranslations('admin.search');
  return (
    <form role="search" action={action} method="get" className="flex flex-wrap items-end gap-2">
      {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <div className="flex flex-col gap-1">
        <label htmlFor="search-q" className="text-sm font-medium text-stone-700">
          {label}
        </label>
        <input
          id="search-q"
          type="search"
          name="q"
          defaultValue={defaultValue}
          placeholder={placeholder}
          maxLength={100}
          className="w-72 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100"
        />
      </div>
      <button type="submit" className={buttonClasses('secondary')}>
        {t('submit')}
      </button>
      {defaultValue ? (
        <Link href={action} className="px-2 py-2 text-sm text-brand-700 underline">
          {t('clear')}
        </Link>
      ) : null}
    </form>
  );
}
