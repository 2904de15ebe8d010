import { z } from "zod";

/** Input and state of the sign-in / sign-up server actions (app/actions/auth.ts) and their form. */

/** What the form shows after a failed attempt: the message, and the email to put back in its field. */
export type AuthFormState = { error?: string; email?: string } | undefined;

// A missing or non-text field (a file) reads as empty; the action then answers with a message, not an exception.
const field = z.string().catch("");

export const authFormSchema = z.object({
  email: field.transform((s) => s.trim().toLowerCase()),
  password: field,
  /** Where to go after signing in; the action accepts same-site paths only. */
  next: field,
});
export type AuthForm = z.infer<typeof authFormSchema>;

export const emailSchema = z.email().max(254);
