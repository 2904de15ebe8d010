import path from "node:path";

/**
 * Where instructor content lives. `DECOUPLED_CONTENT_DIR` lets tests point the loader at fixtures;
 * everything else uses `<project>/content`.
 */
export function contentRoot(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DECOUPLED_CONTENT_DIR ?? path.join(process.cwd(), "content"));
}

/** A path for messages: relative to the project root when inside it, so `file:line` is clickable in editors. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel.split(path.sep).join("/");
}
