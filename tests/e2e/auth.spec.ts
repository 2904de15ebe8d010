import { expect, test } from "@playwright/test";
import { PASSWORD, signOut, signUp, uniqueEmail } from "./helpers";

test("sign-up and sign-in explain what went wrong", async ({ page }) => {
  const email = uniqueEmail("errors");
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#auth-error")).toContainText("too common");

  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#auth-error")).toContainText("too short");

  await signUp(page, email);
  await signOut(page);

  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#auth-error")).toContainText("already registered");

  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#auth-error")).toHaveText("Wrong email or password.");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});
