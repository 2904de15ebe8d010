"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  challengeUrl,
  SUBMISSION_TOKEN_HEADER,
  submissionAcceptedSchema,
  submissionResponseSchema,
  submissionStatusSchema,
  submissionUrl,
  type SubmissionAccepted,
  type SubmissionResponse,
  type SubmissionStatus,
} from "@/lib/api/challenges";
import { requestJson, type ApiResult } from "@/lib/api/client";
import { localEntry, parsers } from "@/components/ui/local-store";
import { pipelineFromAccepted, pipelineFromStatus, pipelineFromVerdict, retryReason, SENDING, type GradingPipelineState } from "./grading-pipeline";
import { summarize } from "./test-results";

/*
 * "Submit": the hidden tests run on the server, which alone decides. The server queues the submission (202 with its
 * place in line) and this hook follows it by short polling until the verdict is in, then acts on the verdict: step
 * completion, the guest's attempt record, the solution's unlock, the history.
 *
 * Guests have no stored submissions, so the server hands them a signed attempt record to keep and send back; this
 * browser stores it as is, beside the plain counts from the same response, which are what the panel shows (the
 * record itself is never read here).
 */

/** How often a queued or running submission is asked about, in milliseconds. */
export const POLL_MS = 400;
/** Backoff after a failed poll doubles from POLL_MS up to this, in milliseconds. */
export const MAX_BACKOFF_MS = 5000;
/** Seconds to wait after a 429 or 503 that names no Retry-After. */
const DEFAULT_RETRY_AFTER_S = 5;

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
  /** From pressing Submit until the verdict (or a refusal): the POST and then following the queue. */
  busy: boolean;
  result: SubmissionResponse | null;
  error: string | null;
  /** The submission in flight or the last one, for the queue diagram; null before the first. */
  pipeline: GradingPipelineState | null;
  /** The server refused (429 or 503) and asked to wait: Submit stays off until its Retry-After has passed. */
  blocked: boolean;
  /** Passed at least once, and failed submissions so far: what unlocks the solution. */
  attempts: { passed: boolean; failed: number };
  submit(code: string): Promise<void>;
  /** Guests: the signed record to present with a solution request. */
  attemptsToken(): string | undefined;
}

/** Retry-After as seconds (it may be a number of seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
const clause = (s: string) => s.trim().replace(/[.!?]+$/, "");

/** Why a submission was not taken, and for how long Submit stays off (429 and 503 say when to come back). */
function refusal(r: { status: number; error: string; retryAfter: string | null }): { message: string; waitS: number | null } {
  // requestJson says "HTTP 429" when the body carried no message.
  const said = /^HTTP \d+$/.test(r.error) ? null : clause(r.error);
  if (r.status === 429 || r.status === 503) {
    const s = retryAfterSeconds(r.retryAfter);
    const why = said ?? (r.status === 429 ? "too many submissions" : "the grader is too busy");
    const when = s === null ? "in a few seconds" : `in ${plural(s, "second")}`;
    return { message: `Not submitted: ${why}. Try again ${when}.`, waitS: s ?? DEFAULT_RETRY_AFTER_S };
  }
  if (r.status === 413) return { message: `Your code is too large to submit: ${r.error}.`, waitS: null };
  return { message: `Could not submit (${r.error}).`, waitS: null };
}

/**
 * FALLBACK, to be removed with the synchronous grading route: before the queue, the POST graded on the spot and
 * answered 200 with the verdict itself. Returns that verdict (or "invalid" when the 200 does not parse); null for
 * any other reply, which then goes through the queue path.
 */
function synchronousVerdict(reply: { status: number; data: unknown }): SubmissionResponse | "invalid" | null {
  if (reply.status !== 200) return null;
  const parsed = submissionResponseSchema.safeParse(reply.data);
  return parsed.success ? parsed.data : "invalid";
}

/** Replies to a poll that are worth asking again: the server is busy, restarting, or briefly unreachable. */
const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** What a screen reader hears when the submission moves to a new stage (never on a poll that changes nothing). */
function stageAnnouncement(s: SubmissionStatus): string | null {
  if (s.status === "queued") return s.attempt > 0 ? `Back in the queue: ${retryReason(s.attempt + 1)}.` : null;
  if (s.status === "running") {
    const where = s.worker ? `worker ${s.worker}` : "a worker";
    return s.attempt > 1 ? `Attempt ${s.attempt} of ${s.maxAttempts} running on ${where}: ${retryReason(s.attempt)}.` : `Running on ${where}.`;
  }
  return null; // a verdict is announced with the verdict
}

function verdictAnnouncement(data: SubmissionResponse): string {
  if (data.status === "passed") return `Hidden tests: ${summarize(data, "hidden")} The Coding Challenge step is complete.`;
  if (data.status === "error") return `Your submission could not be graded: ${data.error ?? "error"}`;
  return `Hidden tests: ${summarize(data, "hidden")}`;
}

interface State {
  busy: boolean;
  result: SubmissionResponse | null;
  error: string | null;
  pipeline: GradingPipelineState | null;
  blocked: boolean;
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
  const [state, setState] = useState<State>({ busy: false, result: null, error: null, pipeline: null, blocked: false });
  const [attempts, setAttempts] = useState({ passed: initial.passed, failed: initial.failedSubmissions });
  const busy = useRef(false);
  const blocked = useRef<string | null>(null);
  // The submission being followed keeps going while the panel is mounted (scrolled away included); unmounting aborts
  // its requests and timers, and nothing is set afterwards.
  const live = useRef<AbortController | null>(null);
  const unblockTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The latest callbacks: a verdict can arrive many renders after Submit (the history may have been opened since).
  const latest = useRef({ announce, onSubmitted });
  useEffect(() => {
    latest.current = { announce, onSubmitted };
  });
  useEffect(
    () => () => {
      live.current?.abort();
      clearTimeout(unblockTimer.current);
    },
    [],
  );

  // Guests: what this browser remembers. Read after hydration: the server rendered without it.
  useEffect(() => {
    if (signedIn) return;
    const stored = guestAttempts(id).read();
    setAttempts(stored ? { passed: stored.hasPassed, failed: stored.failedSubmissions } : { passed: false, failed: 0 });
  }, [id, signedIn]);

  const attemptsToken = useCallback(() => (signedIn ? undefined : (guestAttempts(id).read()?.token ?? legacyAttempts(id).read() ?? undefined)), [id, signedIn]);

  /** The verdict, however it came: exactly what the synchronous response used to trigger. */
  const accept = useCallback(
    (data: SubmissionResponse, pipeline: GradingPipelineState) => {
      setState((s) => ({ ...s, busy: false, result: data, error: null, pipeline }));
      setAttempts({ passed: data.hasPassed, failed: data.failedSubmissions });
      if (data.attempts) guestAttempts(id).write({ token: data.attempts, failedSubmissions: data.failedSubmissions, hasPassed: data.hasPassed });
      latest.current.announce(verdictAnnouncement(data));
      latest.current.onSubmitted(data);
    },
    [id],
  );

  const fail = useCallback((message: string, keepPipeline: boolean) => {
    setState((s) => ({ ...s, busy: false, error: message, pipeline: keepPipeline && s.pipeline ? { ...s.pipeline, reconnecting: false } : null }));
    latest.current.announce(message);
  }, []);

  const block = useCallback((message: string, waitS: number) => {
    blocked.current = message;
    setState((s) => ({ ...s, blocked: true }));
    clearTimeout(unblockTimer.current);
    unblockTimer.current = setTimeout(() => {
      blocked.current = null;
      setState((s) => ({ ...s, blocked: false, error: s.error === message ? null : s.error }));
      latest.current.announce("You can submit again.");
    }, waitS * 1000);
  }, []);

  /** Polls the submission until it has a verdict; resolves early (silently) when the panel unmounts. */
  const follow = useCallback(
    async (accepted: SubmissionAccepted, signal: AbortSignal) => {
      const headers: Record<string, string> = accepted.token ? { [SUBMISSION_TOKEN_HEADER]: accepted.token } : {};
      let lastStage = `queued:0`;
      let failures = 0;
      let wait = POLL_MS;
      for (;;) {
        await pause(wait, signal);
        let reply: ApiResult<SubmissionStatus> | null;
        try {
          reply = await requestJson(submissionUrl(accepted.id), { headers, cache: "no-store", signal }, submissionStatusSchema);
        } catch {
          if (signal.aborted) return;
          reply = null; // unreachable: offline, DNS, a dropped connection
        }
        if (signal.aborted) return;

        if (reply?.ok) {
          const s = reply.data;
          failures = 0;
          wait = POLL_MS;
          const pipeline = pipelineFromStatus(s);
          if (s.verdict && s.status !== "queued" && s.status !== "running") return accept(s.verdict, pipeline);
          setState((prev) => ({ ...prev, pipeline }));
          const stage = `${s.status}:${s.attempt}`;
          if (stage !== lastStage) {
            lastStage = stage;
            const text = stageAnnouncement(s);
            if (text) latest.current.announce(text);
          }
          continue;
        }
        if (reply && !TRANSIENT.has(reply.status)) {
          return fail(
            reply.status === 404 || reply.status === 403 ? `Lost track of your submission (${reply.error}). Submit again to grade it.` : `Could not follow your submission (${reply.error}).`,
            true,
          );
        }
        failures += 1;
        const told = retryAfterSeconds(reply?.retryAfter ?? null);
        wait = told !== null ? Math.max(POLL_MS, told * 1000) : Math.min(POLL_MS * 2 ** failures, MAX_BACKOFF_MS);
        if (failures === 1) {
          setState((prev) => ({ ...prev, pipeline: prev.pipeline ? { ...prev.pipeline, reconnecting: true } : prev.pipeline }));
          latest.current.announce("Lost contact with the grader; reconnecting. Your submission is stored on the server.");
        }
      }
    },
    [accept, fail],
  );

  const submit = useCallback(
    async (code: string) => {
      if (busy.current) return;
      if (blocked.current) return latest.current.announce(blocked.current);
      busy.current = true;
      live.current?.abort();
      const run = new AbortController();
      live.current = run;
      setState((s) => ({ ...s, busy: true, error: null, pipeline: SENDING }));
      latest.current.announce("Submitting: sending your code to the grader…");
      try {
        const reply = await requestJson<unknown>(challengeUrl(id, "submissions"), { method: "POST", json: { code, attempts: attemptsToken() }, signal: run.signal });
        if (run.signal.aborted) return;
        if (!reply.ok) {
          const { message, waitS } = refusal(reply);
          fail(message, false);
          if (waitS !== null) block(message, waitS);
          return;
        }
        const verdict = synchronousVerdict(reply);
        if (verdict === "invalid") return fail("Could not submit (the server's reply was not understood).", false);
        if (verdict) return accept(verdict, pipelineFromVerdict(verdict));

        const accepted = submissionAcceptedSchema.safeParse(reply.data);
        if (!accepted.success) return fail("Could not submit (the server's reply was not understood).", false);
        setState((s) => ({ ...s, pipeline: pipelineFromAccepted(accepted.data) }));
        const ahead = accepted.data.position;
        latest.current.announce(`Queued for grading: ${ahead === 0 ? "you are next" : `${plural(ahead, "submission")} ahead of yours`}.`);
        await follow(accepted.data, run.signal);
      } catch (e) {
        if (run.signal.aborted) return;
        fail(`Could not reach the server (${(e as Error).message}). Your code is still here; try again.`, false);
      } finally {
        if (live.current === run) live.current = null;
        busy.current = false;
      }
    },
    [id, attemptsToken, accept, fail, block, follow],
  );

  return { ...state, attempts, submit, attemptsToken };
}
