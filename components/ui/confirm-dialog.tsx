'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { buttonClasses } from './button';

type Variant = 'primary' | 'danger';

// 44 px tap targets (WCAG 2.5.5) on the trigger and in the dialog.
const tapTarget = 'min-h-11';

/**
 * A staff action that moves money or cannot be undone: the visible button only opens a modal
 * dialog that names what will happen; its confirm button submits the form this sits in (with
 * `name`/`value`, so one form can hold several actions). Every word comes from the caller.
 */
export function ConfirmButton({
  label,
  title,
  body,
  confirmLabel,
  cancelLabel,
  variant = 'primary',
  disabled = false,
  name,
  value,
  onOpen,
}: {
  label: ReactNode;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  variant?: Variant;
  disabled?: boolean;
  name?: string;
  value?: string;
  /** Called just before the dialog opens, e.g. to read a field the body names. */
  onOpen?: () => void;
}) {
  const { pending } = useFormStatus();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  // The dialog stays open (confirm disabled) while the form is sent, then closes on the result.
  const wasPending = useRef(false);
  useEffect(() => {
    if (wasPending.current && !pending) dialogRef.current?.close();
    wasPending.current = pending;
  }, [pending]);

  function open() {
    onOpen?.();
    dialogRef.current?.showModal();
    // The safe choice has focus first: Enter on an unread dialog does nothing that cannot be undone.
    cancelRef.current?.focus();
  }

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        className={`${buttonClasses(variant)} ${tapTarget}`}
        disabled={disabled || pending}
        aria-haspopup="dialog"
        onClick={open}
      >
        {label}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        // Escape and Cancel both end in `close`; focus goes back to the button that opened it.
        onClose={() => triggerRef.current?.focus()}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-stone-200 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-900/50"
      >
        <div className="flex flex-col gap-4 p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <div id={bodyId} className="text-sm text-stone-700">
            {body}
          </div>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <button
              ref={cancelRef}
              type="button"
              className={`${buttonClasses('secondary')} ${tapTarget}`}
              onClick={() => dialogRef.current?.close()}
            >
              {cancelLabel}
            </button>
            <button
              type="submit"
              name={name}
              value={value}
              className={`${buttonClasses(variant)} ${tapTarget}`}
              disabled={disabled || pending}
              aria-disabled={disabled || pending}
            >
              {confirmLabel}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
