/**
 * Why a password is too weak to accept, or null when it is fine. Shared by the sign-up form (instant feedback)
 * and the server (the check that counts).
 */
const COMMON = new Set([
  "password", "password1", "password123", "12345678", "123456789", "1234567890", "qwertyui", "qwerty123", "iloveyou",
  "sunshine", "princess", "football", "baseball", "welcome1", "letmein1", "admin123", "abc12345", "11111111", "00000000",
  "passw0rd", "trustno1", "superman", "starwars", "whatever", "dragon12", "monkey12", "decoupled",
]);

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export function passwordProblem(password: string, email = ""): string | null {
  if (password.length < PASSWORD_MIN) return `Password is too short: use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Password is too long: use at most ${PASSWORD_MAX} characters.`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "Password is too common: pick something that is not on lists of popular passwords.";
  if (new Set(lower).size < 4) return "Password is too weak: use at least 4 different characters.";
  const local = email.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return "Password is too weak: do not include your email name in it.";
  return null;
}
