'use client';

import { useFormStatus } from 'react-dom';
import { Button } from './button';

/** A submit button that is disabled while its form is being sent (double clicks do nothing). */
export function SubmitButton({
  children,
  pendingLabel,
  variant,
  disabled,
  name,
  value,
  pending: sending = false,
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  disabled?: boolean;
  name?: string;
  value?: string;
  /** For a form sent by hand (startTransition): whether its action is running. */
  pending?: boolean;
}) {
  const pending = useFormStatus().pending || sending;
  return (
    <Button type="submit" variant={variant} disabled={pending || disabled} aria-disabled={pending || disabled} name={name} value={value}>
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
