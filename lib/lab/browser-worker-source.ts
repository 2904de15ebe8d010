import { BLOCKED_GLOBALS } from "@/lib/runner/lockdown";

/**
 * The source of the Web Worker that runs one lab service call in the browser.
 *
 * Plain JavaScript kept as a string: it is served as-is by `app/lab/sandbox-worker.js`
 * (with a Content-Security-Policy that forbids every network request and
 * script import), and tests run the very same text in a Node worker thread.
 *
 * Protocol (one call per worker; the worker is terminated afterwards):
 *   page → worker  { body, input, maxLines, maxLineLength }
 *   worker → page  { started: true }   the student's code is about to run (the time budget starts now)
 *   worker → page  { ok: true, json?, undefinedValue?, logs } | { ok: false, error, logs }
 *
 * Why the globals are replaced: a shared design runs someone else's code in the
 * viewer's browser, on this site's origin. The CSP of the worker response is the
 * real wall; overriding fetch, XMLHttpRequest, WebSocket, importScripts and
 * friends turns a blocked request into an error message a student can read, and
 * covers browsers that ignore a worker's own CSP.
 */
// The same list as the code runner's (lib/runner/lockdown.ts), but for onmessage, which this worker sets after the
// lockdown to receive its one request (a second message is ignored).
const LAB_BLOCKED = BLOCKED_GLOBALS.filter((name) => name !== "onmessage");

export const BROWSER_WORKER_SOURCE = String.raw`(function () {
"use strict";
var scope = self;
var reply = scope.postMessage.bind(scope);
var BLOCKED = ${JSON.stringify(LAB_BLOCKED)};
function refuse(name) {
  return function () {
    throw new Error(name + " is not available in the lab: a service cannot reach the network or the page. Put what you need in the request or the message, and return your data in the result.");
  };
}
for (var i = 0; i < BLOCKED.length; i++) {
  var name = BLOCKED[i];
  var stop = refuse(name);
  // Shadow the name on the global object and on every prototype that defines it,
  // so Object.getPrototypeOf(self).fetch is no way around.
  for (var target = scope; target; target = Object.getPrototypeOf(target)) {
    if (target === scope || Object.prototype.hasOwnProperty.call(target, name)) {
      try { Object.defineProperty(target, name, { value: stop, writable: false, configurable: false }); } catch (e) { /* non-configurable: the CSP still applies */ }
    }
  }
}

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
    reply({ ok: false, error: "Your code does not compile: " + describe(error), logs: logs });
    return;
  }
  // The page starts the time limit on this message, not at worker start-up.
  reply({ started: true });
  Promise.resolve()
    .then(function () { return fn(request.input, capturingConsole); })
    .then(
      function (value) {
        if (value === undefined) { reply({ ok: true, undefinedValue: true, logs: logs }); return; }
        var json;
        try { json = JSON.stringify(value); } catch (error) {
          reply({ ok: false, error: "processRequest returned a value that cannot be turned into JSON: " + describe(error), logs: logs });
          return;
        }
        reply({ ok: true, json: json, logs: logs });
      },
      function (error) { reply({ ok: false, error: describe(error), logs: logs }); }
    );
};
})();
`;
