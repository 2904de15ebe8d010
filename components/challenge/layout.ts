/** Height of the challenge's code editor in CSS pixels: the panel and its stand-in use the same, so nothing moves. */
export const EDITOR_HEIGHT = 420;
