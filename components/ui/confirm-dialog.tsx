'use client';

import { useEffect, useId, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { buttonClasses } from './button';

type Variant = 'primary' | 'danger';

// 44 px tap targets (WCAG 2.5.5) on the trigger and in the dialog.
const tapTarget = 'min-h-11';

/** Fields where Enter sends the form (HTML implicit submission); not checkboxes, radios or buttons. */
const submittingFields = new Set(['text', 'search', 'url', 'tel', 'email', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week']);

/** The button that Enter in a text field "clicks" (HTML implicit submission): the form's first submit button. */
function defaultButton(form: HTMLFormElement): Element | undefined {
  return Array.from(form.elements).find(
    (element) =>
      (element instanceof HTMLButtonElement && element.type === 'submit') ||
      (element instanceof HTMLInputElement && (element.type === 'submit' || element.type === 'image')),
  );
}

const subscribeToNothing = () => () => {};
const isClient = () => true;
const isServer = () => false;

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
  pendingLabel,
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
  /** Shown on the confirm button while the form is being sent (e.g. "Sending…"). */
  pendingLabel?: string;
  variant?: Variant;
  disabled?: boolean;
  name?: string;
  value?: string;
  /**
   * Runs just before the dialog opens, with the form it sits in: read a field the body names, or
   * return false to keep it closed (e.g. after showing a field error; nothing is sent then).
   */
  onOpen?: (form: HTMLFormElement | null) => boolean | void;
}) {
  const { pending } = useFormStatus();
  // False in the server's HTML and until React has hydrated the button: before that a click would
  // do nothing (the dialog needs JavaScript), so the button says it is not ready rather than
  // swallowing the click on a slow phone.
  const hydrated = useSyncExternalStore(subscribeToNothing, isClient, isServer);
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  function show() {
    if (disabled || pending || dialogRef.current?.open) return;
    if (onOpen?.(triggerRef.current?.form ?? null) === false) return;
    dialogRef.current?.showModal();
    setOpen(true);
    // The safe choice has focus first: Enter on an unread dialog sends nothing.
    cancelRef.current?.focus();
  }

  // The dialog stays open (confirm disabled) while the form is sent, then closes on the answer.
  const wasPending = useRef(false);
  useEffect(() => {
    if (wasPending.current && !pending) dialogRef.current?.close();
    wasPending.current = pending;
  }, [pending]);

  // Enter in a field of the form opens the dialog instead of sending the form unconfirmed.
  const showRef = useRef(show);
  useEffect(() => {
    showRef.current = show;
  });
  useEffect(() => {
    const form = triggerRef.current?.form;
    if (!form) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const field = event.target;
      if (event.key !== 'Enter' || event.isComposing || dialogRef.current?.open) return;
      if (!(field instanceof HTMLInputElement) || !submittingFields.has(field.type)) return;
      if (defaultButton(form) !== confirmRef.current) return;
      event.preventDefault();
      showRef.current();
    };
    form.addEventListener('keydown', onKeyDown);
    return () => form.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        className={`${buttonClasses(variant)} ${tapTarget}`}
        disabled={disabled || pending || !hydrated}
        aria-haspopup="dialog"
        onClick={show}
      >
        {label}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        // Escape and Cancel both end here; focus goes back to the button that opened it.
        onClose={() => {
          setOpen(false);
          triggerRef.current?.focus();
        }}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-stone-200 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-900/50"
      >
        <div className="flex flex-col gap-4 p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <div id={bodyId} className="flex flex-col gap-2 text-sm text-stone-700">
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
            {/* Disabled while closed: it is the form's first submit button, and Enter must not reach it unseen. */}
            <button
              ref={confirmRef}
              type="submit"
              name={name}
              value={value}
              className={`${buttonClasses(variant)} ${tapTarget}`}
              disabled={!open || disabled || pending}
              aria-disabled={!open || disabled || pending}
            >
              {pending && pendingLabel ? pendingLabel : confirmLabel}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
