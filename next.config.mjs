/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lessons, examples and challenges are read from content/ at request time: ship them with the server output.
  outputFileTracingIncludes: { "/**": ["./content/**/*"] },
  // Native binaries and WASM loaded at run time by the grader and the content checker: let Node require them.
  serverExternalPackages: ["esbuild", "quickjs-emscripten", "@jitl/quickjs-wasmfile-release-sync"],
};

export default nextConfig;
