"use client";
import Link from "next/link";
import { useActionState, useState } from "react";
import { signInAction, signUpAction } from "@/app/actions/auth";
import type { AuthFormState } from "@/lib/api/auth";
import { PASSWORD_MIN, passwordProblem } from "@/lib/password-policy";

/** Email + password form for both sign-in and sign-up; errors come back from the server action. */
export function AuthForm({ mode, next }: { mode: "signin" | "signup"; next: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(mode === "signup" ? signUpAction : signInAction, undefined);
  const [password, setPassword] = useState("");
  const [email, setEmail] = useState(state?.email ?? "");
  const hint = mode === "signup" && password ? passwordProblem(password, email) : null;
  const isSignUp = mode === "signup";
  return (
    <form action={action} noValidate aria-describedby={state?.error ? "auth-error" : undefined}>
      {state?.error ? (
        <p id="auth-error" className="form-error" role="alert">
          {state.error}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required defaultValue={state?.email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={isSignUp ? "new-password" : "current-password"}
          required
          minLength={isSignUp ? PASSWORD_MIN : undefined}
          aria-describedby={isSignUp ? "password-hint" : undefined}
          onChange={(e) => setPassword(e.target.value)}
        />
        {isSignUp ? (
          <span id="password-hint" className="hint" aria-live="polite">
            {hint ?? `At least ${PASSWORD_MIN} characters; not a common password.`}
          </span>
        ) : null}
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending} style={{ width: "100%" }}>
        {pending ? (isSignUp ? "Creating account…" : "Signing in…") : isSignUp ? "Create account" : "Sign in"}
      </button>
      <p className="form-note">
        {isSignUp ? (
          <>
            Already have an account? <Link href={`/signin?next=${encodeURIComponent(next)}`}>Sign in</Link>
          </>
        ) : (
          <>
            New here? <Link href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link>
          </>
        )}
      </p>
    </form>
  );
}
