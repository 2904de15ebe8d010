// `server-only` throws when imported outside a React Server Components bundle. Under vitest (plain Node) the
// modules that import it are exactly the ones under test, so the marker resolves to this empty module.
export {};
