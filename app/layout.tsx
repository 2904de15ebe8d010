import type { Metadata, Viewport } from "next";
import { auth } from "@/auth";
import { GuestProgressSync } from "@/components/lesson/guest-progress-sync";
import { SiteHeader } from "@/components/ui/site-header";
import { themeScript } from "@/components/ui/theme-script";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Decoupled: learn message queues by running them", template: "%s · Decoupled" },
  description: "An interactive course on message queues: visual models, experiments, quizzes and graded coding challenges.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f7f8fa" },
    { media: "(prefers-color-scheme: dark)", color: "#0f1216" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const session = await auth();
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <GuestProgressSync signedIn={Boolean(session?.user)} />
      </body>
    </html>
  );
}
