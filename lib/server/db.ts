import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { createPrismaClient } from "@/lib/db-factory";

// One client per process: Next dev re-evaluates modules on every edit, which would otherwise leak connections.
const globalForPrisma = globalThis as unknown as { decoupledPrisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.decoupledPrisma ?? createPrismaClient();

if (process.env.NODE_ENV !== "production") globalForPrisma.decoupledPrisma = prisma;
