"use server";
import { AuthError } from "next-auth";
import { signIn, signOut } from "@/auth";
import { authFormSchema, emailSchema, type AuthFormState } from "@/lib/api/auth";
import { passwordProblem } from "@/lib/password-policy";
import { prisma } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/password";

/** Only same-site paths: an open redirect after sign-in would make a phishing link look like ours. */
function safeNext(s: string): string {
  return s.startsWith("/") && !s.startsWith("//") && !s.startsWith("/\\") ? s : "/";
}

const readForm = (form: FormData) => authFormSchema.parse(Object.fromEntries(form));

export async function signUpAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const { email, password, next } = readForm(form);
  if (!emailSchema.safeParse(email).success) return { error: "Enter a valid email address.", email };
  const weak = passwordProblem(password, email);
  if (weak) return { error: weak, email };
  if (await prisma.user.findUnique({ where: { email } })) {
    return { error: "That email is already registered. Sign in instead, or use another email.", email };
  }
  try {
    await prisma.user.create({ data: { email, passwordHash: await hashPassword(password) } });
  } catch {
    // Unique index lost a race with a parallel sign-up for the same address.
    return { error: "That email is already registered. Sign in instead, or use another email.", email };
  }
  await signIn("credentials", { email, password, redirectTo: safeNext(next) }); // throws NEXT_REDIRECT
}

export async function signInAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const { email, password, next } = readForm(form);
  try {
    await signIn("credentials", { email, password, redirectTo: safeNext(next) });
  } catch (e) {
    if (e instanceof AuthError) return { error: "Wrong email or password.", email };
    throw e; // NEXT_REDIRECT on success
  }
}

export async function gitHubSignInAction(form: FormData): Promise<void> {
  await signIn("github", { redirectTo: safeNext(readForm(form).next) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
