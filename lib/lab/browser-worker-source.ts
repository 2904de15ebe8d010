import { lockdownScript } from "@/lib/sandbox/lockdown";

/**
 * The source of the worker that runs one lab service call, in the browser and in Node alike.
 *
 * Plain JavaScript kept as a string: it is served as-is by `app/lab/sandbox-worker.js` (with a
 * Content-Security-Policy that forbids every network request and script import) and run by the Node executor in a
 * worker thread dressed as a dedicated worker (lib/sandbox/thread.ts), so both executors and their tests run the
 * very same text.
 *
 * Protocol (lib/sandbox/protocol.ts; one call per worker, terminated afterwards):
 *   job      { body, input, maxLines, maxLineLength }      the first message; later ones are ignored
 *   started  the student's code is about to run (the time budget starts now)
 *   done     { value: LabAnswer }
 *
 * Why the globals are replaced (realm "lab-service"): a shared design runs someone else's code in the viewer's
 * browser, on this site's origin. The CSP of the worker response is the real wall; the lockdown turns a blocked
 * request into an error message a student can read, and covers browsers that ignore a worker's own CSP.
 */
export const LAB_WORKER_SOURCE = String.raw`(function () {
"use strict";
var scope = self;
var reply = scope.postMessage.bind(scope);
${lockdownScript("lab-service", "scope")}

function show(value) {
  if (typeof value === "string") return value;
  try { var text = JSON.stringify(value); return text === undefined ? String(value) : text; } catch (e) { return String(value); }
}
function describe(error) {
  if (error instanceof Error) return error.name + ": " + error.message;
  if (error && typeof error === "object" && typeof error.message === "string") return error.message;
  var text;
  try { text = JSON.stringify(error); } catch (e) { text = undefined; }
  return "threw " + (text === undefined ? String(error) : text);
}
function done(value) { reply({ type: "done", value: value }); }

var handled = false;
scope.onmessage = function (event) {
  if (handled) return;
  handled = true;
  var request = event.data;
  var logs = [];
  function record(prefix) {
    return function () {
      if (logs.length >= request.maxLines) return;
      var line = prefix + Array.prototype.map.call(arguments, show).join(" ");
      logs.push(line.length > request.maxLineLength ? line.slice(0, request.maxLineLength - 1) + "\u2026" : line);
    };
  }
  var capturingConsole = {
    log: record(""), info: record(""), debug: record(""),
    warn: record("[warn] "), error: record("[error] ")
  };
  var fn;
  try {
    fn = new Function("__labInput", "console", request.body);
  } catch (error) {
    done({ ok: false, error: "Your code does not compile: " + describe(error), logs: logs });
    return;
  }
  reply({ type: "started" });
  Promise.resolve()
    .then(function () { return fn(request.input, capturingConsole); })
    .then(
      function (value) {
        if (value === undefined) { done({ ok: true, undefinedValue: true, logs: logs }); return; }
        var json;
        try { json = JSON.stringify(value); } catch (error) {
          done({ ok: false, error: "processRequest returned a value that cannot be turned into JSON: " + describe(error), logs: logs });
          return;
        }
        done({ ok: true, json: json, logs: logs });
      },
      function (error) { done({ ok: false, error: describe(error), logs: logs }); }
    );
};
})();
`;
