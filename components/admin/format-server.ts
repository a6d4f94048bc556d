import 'server-only';
import { getFormatter, getLocale } from 'next-intl/server';
import { staffFormat, type StaffFormat } from './format';

/** For async server components and server actions. */
export async function getStaffFormat(): Promise<StaffFormat> {
  const [locale, formatter] = await Promise.all([getLocale(), getFormatter()]);
  return staffFormat(locale, formatter);
}
