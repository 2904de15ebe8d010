import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { z } from "zod";
import { prisma } from "@/lib/server/db";
import { verifyPassword } from "@/lib/server/password";

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(256) });

const providers: NextAuthConfig["providers"] = [
  Credentials({
    credentials: { email: {}, password: {} },
    async authorize(raw) {
      const parsed = credentialsSchema.safeParse(raw);
      if (!parsed.success) return null;
      const user = await prisma.user.findUnique({ where: { email: parsed.data.email.toLowerCase() } });
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, parsed.data.password))) return null;
      return { id: user.id, email: user.email, name: user.name, role: user.role };
    },
  }),
];
// Only when configured: unconditionally, GitHub sign-in would redirect with client_id=undefined.
if (process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET) providers.push(GitHub);

export const githubEnabled = providers.length > 1;

declare module "next-auth" {
  interface Session {
    user: { id: string; email?: string | null; name?: string | null; image?: string | null; role: "STUDENT" | "INSTRUCTOR" };
  }
  interface User {
    role?: "STUDENT" | "INSTRUCTOR";
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: PrismaAdapter(prisma),
  session: { strategy: "jwt" }, // the Credentials provider only works with JWT sessions
  pages: { signIn: "/signin" },
  providers,
  logger: {
    // A wrong password is the student's mistake, answered on the form; it is not a server error worth a stack trace.
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth][error]", error);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) token.role = user.role ?? "STUDENT";
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.user.role = token.role === "INSTRUCTOR" ? "INSTRUCTOR" : "STUDENT";
      return session;
    },
  },
});
