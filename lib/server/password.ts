import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id with the library defaults (19 MiB memory, 2 iterations, parallelism 1): OWASP's minimum recommendation.
export const hashPassword = (password: string): Promise<string> => hash(password);

/** False for a wrong password or a malformed stored hash; never throws for user input. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
