import Link from "next/link";
import { auth } from "@/auth";
import { signOutAction } from "@/app/actions/auth";
import { ThemeToggle } from "./theme-toggle";

export async function SiteHeader() {
  const session = await auth();
  const user = session?.user;
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/" className="brand">
          De<span>coupled</span>
        </Link>
        <nav className="site-nav" aria-label="Main">
          <Link className="nav-link nav-home" href="/">
            Lessons
          </Link>
          <Link className="nav-link" href="/lab">
            Lab
          </Link>
          {user ? (
            <>
              <span className="user-email" data-testid="user-email">
                {user.email ?? user.name}
              </span>
              <form action={signOutAction}>
                <button type="submit" className="btn btn-small">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <Link className="nav-link" href="/signin">
                Sign in
              </Link>
              <Link className="btn btn-primary btn-small" href="/signup">
                Sign up
              </Link>
            </>
          )}
          <ThemeToggle />
        </nav>
      </div>
    </header>
  );
}
