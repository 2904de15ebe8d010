import Link from "next/link";

export default function NotFound() {
  return (
    <div className="card auth-card">
      <h1 className="page-title">Page not found</h1>
      <p>There is no lesson or page at this address. It may have been renamed, or the link has a typo.</p>
      <Link className="btn btn-primary" href="/">
        Back to all lessons
      </Link>
    </div>
  );
}
