import { z } from 'zod';
import { locales } from '@/lib/i18n/locales';
import { emailSchema, registerSchema } from '@/lib/validations/auth';
import { fieldMessage } from '@/lib/validations/messages';
import { idField } from '@/lib/validations/whole-number';

// The forms of account pages (forgot/reset password, profile, staff invitations). Messages are
// validation keys of the `errors` catalogue, worded by the action layer.

/** A new password follows the registration rule (one rule, lib/validations/auth registerSchema). */
const newPassword = registerSchema.shape.password;
const currentPassword = z.string().min(1, fieldMessage('passwordRequired')).max(200, fieldMessage('passwordTooLong'));
const name = registerSchema.shape.name;
/** A link's token as the page put it in the form; its shape is checked where it is looked up. */
const token = z.string().max(200);
const attemptKey = z.uuid(fieldMessage('reload'));

const samePasswords = <T extends { password: string; confirmPassword: string }>(values: T) => values.password === values.confirmPassword;
const passwordsDiffer = { path: ['confirmPassword'], message: fieldMessage('passwordsDiffer') };

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({ token, password: newPassword, confirmPassword: z.string() })
  .refine(samePasswords, passwordsDiffer);

export const changeNameSchema = z.object({ name });

export const changeEmailSchema = z.object({ newEmail: emailSchema, currentPassword });

export const changePasswordSchema = z
  .object({ currentPassword, password: newPassword, confirmPassword: z.string() })
  .refine(samePasswords, passwordsDiffer);

export const languageSchema = z.object({ locale: z.enum(locales, fieldMessage('invalid')) });

export const deleteAddressSchema = z.object({ addressId: idField(fieldMessage('invalid')) });

export const confirmEmailSchema = z.object({ token });

export const inviteStaffSchema = z.object({ email: emailSchema, attemptKey });

export const revokeStaffSchema = z.object({ staffId: idField(fieldMessage('invalid')), attemptKey });

export const cancelInvitationSchema = z.object({ invitationId: idField(fieldMessage('invalid')) });

/** Accepting an invitation with the account the address already has: that account's password. */
export const joinStaffSchema = z.object({ token, password: currentPassword });

/** Accepting an invitation to a new address: the staff member's name and password. */
export const createStaffAccountSchema = z
  .object({ token, name, password: newPassword, confirmPassword: z.string() })
  .refine(samePasswords, passwordsDiffer);
