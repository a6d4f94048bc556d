import { getTranslations } from 'next-intl/server';
import { getShopperFormat } from '@/components/wallet/format';
import { getDatabase } from '@/db';
import { formatIban } from '@/lib/withdrawals/iban';
import { listMemberWithdrawals } from '@/lib/withdrawals/queries';
import { withdrawalReference } from '@/lib/withdrawals/references';
import { cancelWithdrawalAction } from './actions';
import { MemberWithdrawals, type MemberWithdrawalRow } from './member-withdrawals';

/** The member's withdrawals waiting for payout as table rows (Withdraw page and My Wallet alike). */
export async function memberWithdrawalRows(userId: number, options: { pendingOnly?: boolean } = {}): Promise<MemberWithdrawalRow[]> {
  const [withdrawals, format] = await Promise.all([listMemberWithdrawals(getDatabase().read, userId), getShopperFormat()]);
  return withdrawals
    .filter((withdrawal) => !options.pendingOnly || withdrawal.state === 'pending')
    .map((withdrawal) => ({
      id: withdrawal.id,
      reference: withdrawalReference(withdrawal.id),
      amount: format.money(withdrawal.amount, withdrawal.currency),
      iban: withdrawal.iban === '' ? null : formatIban(withdrawal.iban),
      state: withdrawal.state,
      rejectReason: withdrawal.rejectReason,
      requested: format.dateTime(withdrawal.createdAt),
      requestedIso: withdrawal.createdAt.toISOString(),
    }));
}

/**
 * For My Wallet, beside the holds: the member's withdrawals waiting for payout, each with Cancel;
 * nothing when there are none. (The page's owner places it: `<PendingWithdrawals userId={viewer.id} />`.)
 */
export async function PendingWithdrawals({ userId }: { userId: number }) {
  const [rows, t] = await Promise.all([memberWithdrawalRows(userId, { pendingOnly: true }), getTranslations('payouts.member')]);
  if (rows.length === 0) return null;
  return <MemberWithdrawals rows={rows} action={cancelWithdrawalAction} heading={t('pendingHeading')} />;
}
