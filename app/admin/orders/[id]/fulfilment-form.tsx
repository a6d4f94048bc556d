'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { OrderState } from '@/db/schema';
import type { FormAction } from '@/lib/validations/action-state';

type Step = Extract<OrderState, 'processing' | 'shipped' | 'delivered'>;

const steps: readonly Step[] = ['processing', 'shipped', 'delivered'];

/**
 * The staff's buttons that move an order forward: "Start processing", "Mark as shipped" (with an
 * optional tracking number) and "Mark as delivered", those the order can take now (`next`, from
 * lib/orders/status; the server checks again). One attempt key per rendering: a double click moves once.
 */
export function FulfilmentForm({
  action,
  orderId,
  attemptKey,
  next,
  idleHint,
}: {
  action: FormAction;
  orderId: number;
  attemptKey: string;
  next: readonly OrderState[];
  /** Said when there is no step to take (kept mounted, so the last answer stays on screen). */
  idleHint: string;
}) {
  const t = useTranslations('fulfilment.order');
  const [state, dispatch] = useActionState(action, { status: 'idle' });
  const id = useId();
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const labels: Record<Step, string> = { processing: t('startProcessing'), shipped: t('markShipped'), delivered: t('markDelivered') };
  const offered = steps.filter((step) => next.includes(step));
  return (
    <div className="flex flex-col gap-3">
      {offered.length === 0 ? <p className="text-sm text-stone-600">{idleHint}</p> : null}
      <div className="flex flex-wrap items-end gap-4">
        {offered.map((step) => (
          <form key={step} action={dispatch} className="flex flex-wrap items-end gap-3" noValidate>
            <input type="hidden" name="orderId" value={orderId} />
            <input type="hidden" name="attemptKey" value={attemptKey} />
            <input type="hidden" name="to" value={step} />
            {step === 'shipped' ? (
              <Field
                id={`${id}-tracking`}
                label={t('trackingNumber')}
                name="trackingNumber"
                autoComplete="off"
                maxLength={100}
                hint={t('trackingHint')}
                defaultValue={state.status === 'error' ? state.values?.trackingNumber : undefined}
                errors={errors?.trackingNumber}
                className="min-w-60"
              />
            ) : null}
            <div>
              <SubmitButton variant={step === 'processing' && next.includes('shipped') ? 'secondary' : 'primary'} pendingLabel={t('saving')}>
                {labels[step]}
              </SubmitButton>
            </div>
          </form>
        ))}
      </div>
      <FormMessage state={state} />
    </div>
  );
}
