// `npm run user:role -- <email> <STUDENT|INSTRUCTOR>`: change a user's role. The user signs in again to get it.
import { createPrismaClient } from "../lib/db-factory";

const ROLES = ["STUDENT", "INSTRUCTOR"] as const;
const [email, role] = process.argv.slice(2);
if (!email || !ROLES.includes(role as (typeof ROLES)[number])) {
  console.error("usage: npm run user:role -- <email> <STUDENT|INSTRUCTOR>");
  process.exit(2);
}
const prisma = createPrismaClient();
try {
  const user = await prisma.user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user) {
    console.error(`No user with email ${email}. They need to sign up first.`);
    process.exit(1);
  }
  await prisma.user.update({ where: { id: user.id }, data: { role: role as (typeof ROLES)[number] } });
  console.log(`${user.email} is now ${role} (was ${user.role}). It applies from their next sign-in.`);
} finally {
  await prisma.$disconnect();
}
