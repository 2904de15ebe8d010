// The layer boundaries of docs/architecture.md as ESLint rules. Built-in `no-restricted-imports` matches import
// strings, not the files they name, so `../server/db`, `@/lib/server/db` and `../../lib/server/db` would each need
// their own pattern; these rules resolve every specifier to a repository path first and judge that instead.
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const toPosix = (p) => p.split(path.sep).join("/");

/** Repository-relative path of the file being linted, or null for text outside the repository. */
function fileOf(context) {
  const rel = toPosix(path.relative(root, path.resolve(context.cwd, context.filename)));
  return rel.startsWith("../") || path.isAbsolute(rel) ? null : rel;
}

/**
 * What an import specifier names: `{ path }` (repository-relative, extension as written) for `@/…` and relative
 * specifiers, `{ pkg }` (the package name, `node:` builtins included) for everything else.
 */
function targetOf(spec, file) {
  if (spec.startsWith("@/")) return { path: toPosix(path.posix.normalize(spec.slice(2))) };
  if (spec.startsWith(".") || spec.startsWith("/")) {
    return { path: toPosix(path.relative(root, path.resolve(root, path.dirname(file), spec))) };
  }
  const parts = spec.split("/");
  return { pkg: spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0] };
}

const within = (p, dir) => p === dir || p.startsWith(`${dir}/`);

/**
 * Calls `check(specifier, node)` for every static import (type-only too), re-export, dynamic import, type import and
 * `require` with a literal.
 */
function importVisitor(check) {
  const literal = (node) => node && node.type === "Literal" && typeof node.value === "string";
  const onSource = (node) => {
    if (literal(node.source)) check(node.source.value, node.source);
  };
  return {
    ImportDeclaration: onSource,
    ExportNamedDeclaration: onSource,
    ExportAllDeclaration: onSource,
    ImportExpression: onSource,
    TSImportEqualsDeclaration(node) {
      if (node.moduleReference.type === "TSExternalModuleReference") onSource({ source: node.moduleReference.expression });
    },
    // `import("…").T` in a type position: erased at build time, but it still ties the layers together.
    TSImportType(node) {
      const source = node.source ?? node.argument?.literal;
      if (literal(source)) check(source.value, source);
    },
    CallExpression(node) {
      if (node.callee.type === "Identifier" && node.callee.name === "require" && literal(node.arguments[0])) {
        check(node.arguments[0].value, node.arguments[0]);
      }
    },
  };
}

/** A rule that reports each import `verdict(target, file)` returns a message id for. */
function importRule({ description, messages, schema = [], appliesTo, verdict }) {
  return {
    meta: { type: "problem", docs: { description }, messages, schema },
    create(context) {
      const file = fileOf(context);
      if (!file || !appliesTo(file, context)) return {};
      return importVisitor((spec, node) => {
        const messageId = verdict(targetOf(spec, file), context);
        if (messageId) context.report({ node, messageId, data: { spec } });
      });
    },
  };
}

const isClientModule = (file, context) =>
  /^components\/(.+\/)?use-[^/]+\.tsx?$/.test(file) ||
  context.sourceCode.ast.body.some((s) => s.type === "ExpressionStatement" && s.directive === "use client");

const rules = {
  "lib-no-ui": importRule({
    description: "lib/ is everything that is not React or routing: it never imports components/ or app/.",
    messages: { ui: "lib/ must not import '{{spec}}': components/ and app/ depend on lib/, never the other way." },
    appliesTo: (file) => within(file, "lib"),
    verdict: (t) => t.path && (within(t.path, "components") || within(t.path, "app")) && "ui",
  }),

  "sim-self-contained": importRule({
    description: "lib/sim is a pure engine: it imports only its own files (and packages listed in `allow`).",
    messages: {
      outside: "lib/sim must not import '{{spec}}': the engine imports only files inside lib/sim.",
      pkg: "lib/sim must not import the package '{{spec}}': the engine is pure and dependency-free.",
    },
    schema: [{ type: "object", properties: { allow: { type: "array", items: { type: "string" } } }, additionalProperties: false }],
    appliesTo: (file) => within(file, "lib/sim"),
    verdict(t, context) {
      if (t.path) return within(t.path, "lib/sim") ? null : "outside";
      return (context.options[0]?.allow ?? []).includes(t.pkg) ? null : "pkg";
    },
  }),

  "client-no-server": importRule({
    description: "Client modules ('use client' files and components/**/use-*.ts hooks) never import lib/server or server-only.",
    messages: {
      server: "A client module must not import '{{spec}}': lib/server is server-only (shared types belong in lib/api).",
    },
    appliesTo: isClientModule,
    verdict: (t) => ((t.path && within(t.path, "lib/server")) || t.pkg === "server-only") && "server",
  }),

  "workers-in-sandbox": {
    meta: {
      type: "problem",
      docs: { description: "Only lib/sandbox creates workers (Web Worker, SharedWorker, worker_threads)." },
      messages: { worker: "Only lib/sandbox creates workers: run untrusted code through lib/sandbox instead of `new {{name}}(…)`." },
      schema: [],
    },
    create(context) {
      const names = new Set(["Worker", "SharedWorker"]);
      return {
        NewExpression(node) {
          const c = node.callee;
          const name = c.type === "Identifier" ? c.name : c.type === "MemberExpression" && !c.computed ? c.property.name : null;
          if (names.has(name)) context.report({ node, messageId: "worker", data: { name } });
        },
      };
    },
  },
};

export default { meta: { name: "boundaries" }, rules };
