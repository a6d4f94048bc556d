import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import type { Query } from '@/db/database';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { dayRange } from '@/lib/reports/days';
import type { InstantRange } from '@/lib/reports/exports';
import { readDayRange } from '@/lib/reports/range';
import { shopUrl } from '@/lib/config';
import { getSettings } from '@/lib/settings';
import type { Viewer } from '../../_server/session';

export type ExportContext = { q: Query; range: InstantRange; from: string; to: string; timeZone: string; locale: Locale };

/**
 * A CSV download of the Reports page, for staff only: the From and To days (the shop's calendar
 * days) checked, or back to the page with the field that is wrong; the file named by `fileName`.
 * GET changes nothing, so a link or a bookmark may ask for it again.
 */
export async function csvExport(
  request: NextRequest,
  viewer: Viewer | null,
  build: (context: ExportContext) => Promise<{ csv: string; fileName: string }>,
): Promise<Response> {
  const t = await getTranslations('reports.page');
  if (!viewer) return new NextResponse(t('signIn'), { status: 401 });
  if (viewer.role !== 'staff') return new NextResponse(t('staffOnly'), { status: 403 });
  const params = request.nextUrl.searchParams;
  const input = readDayRange({ from: params.get('from'), to: params.get('to') });
  if (!input.ok) {
    // The shop's own address (APP_URL), not the Host the server was reached by: a form may only be sent back to its own origin.
    const back = shopUrl('/admin/reports');
    back.searchParams.set('from', (params.get('from') ?? '').slice(0, 20));
    back.searchParams.set('to', (params.get('to') ?? '').slice(0, 20));
    back.searchParams.set('error', `${input.field}.${input.reason}`);
    return NextResponse.redirect(back, 303);
  }
  const { read } = getDatabase();
  const [{ timeZone }, requested] = await Promise.all([getSettings(read), getLocale()]);
  const { csv, fileName } = await build({
    q: read,
    range: dayRange(input.from, input.to, timeZone),
    from: input.from,
    to: input.to,
    timeZone,
    locale: isLocale(requested) ? requested : 'en',
  });
  return new NextResponse(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'private, no-store',
    },
  });
}
