"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { challengeUrl, submissionResponseSchema, type SubmissionResponse } from "@/lib/api/challenges";
import { requestJson } from "@/lib/api/client";
import { localEntry, parsers } from "@/components/ui/local-store";
import { summarize } from "./test-results";

/*
 * "Submit": the hidden tests run on the server, which alone decides. Guests have no stored submissions, so the
 * server hands them a signed attempt record to keep and send back; this browser stores it as is, beside the plain
 * counts from the same response, which are what the panel shows (the record itself is never read here).
 */

interface GuestAttempts {
  /** The server's signed record: opaque, sent back with the next submission and the solution request. */
  token: string;
  failedSubmissions: number;
  hasPassed: boolean;
}

function parseGuestAttempts(v: unknown): GuestAttempts | null {
  const r = v as Partial<GuestAttempts> | null;
  return r && typeof r.token === "string" && typeof r.failedSubmissions === "number" && typeof r.hasPassed === "boolean"
    ? { token: r.token, failedSubmissions: r.failedSubmissions, hasPassed: r.hasPassed }
    : null;
}

const guestAttempts = (id: string) => localEntry<GuestAttempts | null>(`decoupled:challenge-attempts:v2:${id}`, { parse: parseGuestAttempts, fallback: null });
// Before v2 only the record was kept. It is still sent back (the server still accepts it); its counts show after the
// next submission.
const legacyAttempts = (id: string) => localEntry<string | null>(`decoupled:challenge-attempts:v1:${id}`, { parse: parsers.string, fallback: null, format: "text" });

export interface ChallengeSubmission {
  busy: boolean;
  result: SubmissionResponse | null;
  error: string | null;
  /** Passed at least once, and failed submissions so far: what unlocks the solution. */
  attempts: { passed: boolean; failed: number };
  submit(code: string): Promise<void>;
  /** Guests: the signed record to present with a solution request. */
  attemptsToken(): string | undefined;
}

function refusal(r: { status: number; error: string; retryAfter: string | null }): string {
  if (r.status === 429) return `Too many submissions in a minute. Try again in ${r.retryAfter ?? "a few"} seconds.`;
  if (r.status === 413) return `Your code is too large to submit: ${r.error}.`;
  return `Could not submit (${r.error}).`;
}

export function useChallengeSubmission({
  id,
  signedIn,
  initial,
  announce,
  onSubmitted,
}: {
  id: string;
  signedIn: boolean;
  initial: { passed: boolean; failedSubmissions: number };
  announce(text: string): void;
  onSubmitted(result: SubmissionResponse): void;
}): ChallengeSubmission {
  const [state, setState] = useState<{ busy: boolean; result: SubmissionResponse | null; error: string | null }>({ busy: false, result: null, error: null });
  const [attempts, setAttempts] = useState({ passed: initial.passed, failed: initial.failedSubmissions });
  const busy = useRef(false);

  // Guests: what this browser remembers. Read after hydration: the server rendered without it.
  useEffect(() => {
    if (signedIn) return;
    const stored = guestAttempts(id).read();
    setAttempts(stored ? { passed: stored.hasPassed, failed: stored.failedSubmissions } : { passed: false, failed: 0 });
  }, [id, signedIn]);

  const attemptsToken = useCallback(() => (signedIn ? undefined : (guestAttempts(id).read()?.token ?? legacyAttempts(id).read() ?? undefined)), [id, signedIn]);

  const submit = useCallback(
    async (code: string) => {
      if (busy.current) return;
      busy.current = true;
      setState((s) => ({ ...s, busy: true, error: null }));
      announce("Submitting: running the hidden tests on the server…");
      try {
        const reply = await requestJson(challengeUrl(id, "submissions"), { method: "POST", json: { code, attempts: attemptsToken() } }, submissionResponseSchema);
        if (!reply.ok) {
          const message = refusal(reply);
          setState((s) => ({ ...s, busy: false, error: message }));
          announce(message);
          return;
        }
        const data = reply.data;
        setState({ busy: false, result: data, error: null });
        setAttempts({ passed: data.hasPassed, failed: data.failedSubmissions });
        if (data.attempts) guestAttempts(id).write({ token: data.attempts, failedSubmissions: data.failedSubmissions, hasPassed: data.hasPassed });
        announce(
          data.status === "passed"
            ? `Hidden tests: ${summarize(data, "hidden")} The Coding Challenge step is complete.`
            : data.status === "error"
              ? `Your submission could not be graded: ${data.error ?? "error"}`
              : `Hidden tests: ${summarize(data, "hidden")}`,
        );
        onSubmitted(data);
      } catch (e) {
        const message = `Could not reach the server (${(e as Error).message}). Your code is still here; try again.`;
        setState((s) => ({ ...s, busy: false, error: message }));
        announce(message);
      } finally {
        busy.current = false;
      }
    },
    [id, announce, attemptsToken, onSubmitted],
  );

  return { ...state, attempts, submit, attemptsToken };
}
