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
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  disabled?: boolean;
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending || disabled} aria-disabled={pending || disabled} name={name} value={value}>
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
