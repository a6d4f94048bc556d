import { z } from 'zod';
import { fieldMessage } from './messages';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, fieldMessage('emailRequired'))
  .max(254, fieldMessage('emailTooLong'))
  .pipe(z.email(fieldMessage('emailInvalid')));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, fieldMessage('passwordRequired')).max(200, fieldMessage('passwordTooLong')),
});

export const registerSchema = z
  .object({
    name: z.string().trim().min(1, fieldMessage('nameRequired')).max(100, fieldMessage('tooLong', { max: 100 })),
    email: emailSchema,
    password: z
      .string()
      .min(8, fieldMessage('tooShort', { min: 8 }))
      .max(200, fieldMessage('tooLong', { max: 200 })),
    confirmPassword: z.string(),
  })
  .refine((values) => values.password === values.confirmPassword, {
    path: ['confirmPassword'],
    message: fieldMessage('passwordsDiffer'),
  });

export type SignInInput = z.infer<typeof signInSchema>;
export type RegisterInput = z.infer<typeof registerSchema>;
