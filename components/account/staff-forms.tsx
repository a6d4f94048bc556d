'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** "Invite staff member": one address; a hidden attempt key so a double submit sends one invitation (the page hands a new key after each). */
export function InviteStaffForm({ action, attemptKey }: { action: FormAction; attemptKey: string }) {
  const t = useTranslations('account.staff.invite');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === 'success') form.current?.reset();
  }, [state]);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form ref={form} action={formAction} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="attemptKey" value={attemptKey} />
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t('email')} name="email" type="email" autoComplete="off" defaultValue={values?.email} errors={errors?.email} className="min-w-0 flex-1 basis-64" required />
        <SubmitButton pendingLabel={t('pending')}>{t('submit')}</SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** "Revoke staff access" for one staff member, confirmed in a dialog that names them. */
export function RevokeStaffForm({ action, staff, attemptKey }: { action: FormAction; staff: { id: number; name: string; email: string }; attemptKey: string }) {
  const t = useTranslations('account.staff');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="staffId" value={staff.id} />
      <input type="hidden" name="attemptKey" value={attemptKey} />
      <ConfirmButton
        label={
          <>
            <span aria-hidden="true">{t('revoke')}</span>
            <span className="sr-only">{t('revokeLabel', { name: staff.name })}</span>
          </>
        }
        title={t('confirm.title')}
        body={<p>{t('confirm.body', { name: staff.name, email: staff.email })}</p>}
        confirmLabel={t('confirm.confirm')}
        cancelLabel={t('confirm.cancel')}
        pendingLabel={t('revokePending')}
        variant="danger"
      />
      {state.status === 'error' ? (
        <p role="status" className="text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

/** "Cancel invitation" for one pending invitation (its link stops working). */
export function CancelInvitationForm({ action, invitation }: { action: FormAction; invitation: { id: number; email: string } }) {
  const t = useTranslations('account.staff.invitations');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="invitationId" value={invitation.id} />
      <SubmitButton variant="secondary" pendingLabel={t('cancelPending')}>
        <span aria-hidden="true">{t('cancel')}</span>
        <span className="sr-only">{t('cancelLabel', { email: invitation.email })}</span>
      </SubmitButton>
      {state.status === 'error' ? (
        <p role="status" className="text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
