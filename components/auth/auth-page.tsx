import { redirect } from "next/navigation";
import { auth, githubEnabled } from "@/auth";
import { gitHubSignInAction } from "@/app/actions/auth";
import { AuthForm } from "./auth-form";

function safeNext(value: string | string[] | undefined): string {
  const s = typeof value === "string" ? value : "/";
  return s.startsWith("/") && !s.startsWith("//") ? s : "/";
}

export async function AuthPage({ mode, searchParams }: { mode: "signin" | "signup"; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNext(params.next ?? params.callbackUrl);
  if ((await auth())?.user) redirect(next);
  const oauthError = params.error ? "Sign-in with that provider failed. Try again or use email and password." : null;
  return (
    <div className="card auth-card">
      <h1 className="page-title">{mode === "signup" ? "Create your account" : "Sign in"}</h1>
      <p className="form-note">
        {mode === "signup"
          ? "Save your progress across devices. Anything you did as a guest in this browser is kept."
          : "Welcome back. Progress you made as a guest in this browser is added to your account."}
      </p>
      {oauthError ? (
        <p className="form-error" role="alert">
          {oauthError}
        </p>
      ) : null}
      <AuthForm mode={mode} next={next} />
      {githubEnabled ? (
        <>
          <p className="divider">or</p>
          <form action={gitHubSignInAction}>
            <input type="hidden" name="next" value={next} />
            <button type="submit" className="btn" style={{ width: "100%" }}>
              Continue with GitHub
            </button>
          </form>
        </>
      ) : null}
    </div>
  );
}
