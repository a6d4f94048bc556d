import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClasses } from '@/components/ui/button';

/** Filters for the wallet history, sent as a plain GET so the result has its own URL. */
export function HistoryFilterForm({
  types,
  type,
  from,
  to,
  exportHref,
}: {
  types: { value: string; label: string }[];
  type?: string;
  from?: string;
  to?: string;
  exportHref: string;
}) {
  const t = useTranslations('wallet.history.filter');
  const input = 'rounded-md border border-stone-300 bg-white px-3 py-2 text-sm';
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4" aria-label={t('label')}>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-stone-700">{t('type')}</span>
        <select name="type" defaultValue={type ?? ''} className={input}>
          <option value="">{t('allTypes')}</option>
          {types.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-stone-700">{t('from')}</span>
        <input type="date" name="from" defaultValue={from} className={input} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-stone-700">{t('to')}</span>
        <input type="date" name="to" defaultValue={to} className={input} />
      </label>
      <button type="submit" className={buttonClasses('secondary')}>
        {t('submit')}
      </button>
      <a href={exportHref} className={buttonClasses('ghost')} download>
        {t('export')}
      </a>
      {type || from || to ? (
        <Link href="?" className="text-sm text-stone-600 underline">
          {t('clear')}
        </Link>
      ) : null}
    </form>
  );
}
