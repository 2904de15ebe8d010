import "server-only";
import { auth } from "@/auth";

/** The signed-in user's id, or null for a guest. Every route and action that touches user data starts here. */
export async function currentUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}
