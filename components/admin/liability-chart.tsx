'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { formatMoney } from '@/lib/money';

export type LiabilityPoint = { date: string; total: number };

/** Total wallet liability at the end of each day (amounts in minor units, formatted exactly). */
export function LiabilityChart({ points, currency }: { points: LiabilityPoint[]; currency: string }) {
  const t = useTranslations('admin.chart');
  const locale = useLocale();
  const formatter = useFormatter();
  const intl = intlLocale(isLocale(locale) ? locale : 'en');
  const money = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) ? formatMoney(value, currency, intl) : '');
  // The series' days are UTC days.
  const day = (value: unknown) =>
    typeof value === 'string' ? formatter.dateTime(new Date(`${value}T00:00:00Z`), { month: 'short', day: 'numeric', timeZone: 'UTC' }) : '';
  const first = points[0];
  const last = points.at(-1);
  return (
    <figure className="flex flex-col gap-2">
      {/* Hidden from screen readers (the caption says it); recharts' keyboard layer is off, so nothing in it takes focus. */}
      <div className="h-64 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e7e5e4" />
            <XAxis dataKey="date" tickFormatter={day} tick={{ fontSize: 12, fill: '#57534e' }} minTickGap={24} />
            <YAxis
              tickFormatter={money}
              allowDecimals={false}
              width={96}
              tick={{ fontSize: 12, fill: '#57534e' }}
              domain={[0, 'auto']}
            />
            <Tooltip formatter={(value) => [money(value), t('owed')]} labelFormatter={day} />
            <Area type="stepAfter" dataKey="total" stroke="#2f6b47" fill="#dfece3" strokeWidth={2} isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-sm text-stone-600">
        {first && last
          ? t('caption', { first: money(first.total), firstDay: day(first.date), last: money(last.total), lastDay: day(last.date) })
          : t('empty')}
      </figcaption>
    </figure>
  );
}
