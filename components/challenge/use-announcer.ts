"use client";
import { useCallback, useState } from "react";

/**
 * Text for a polite live region. A repeated message must be announced again, so an identical one alternates an
 * invisible suffix: the text always changes.
 */
export function useAnnouncer(): [announcement: string, announce: (text: string) => void] {
  const [announcement, setAnnouncement] = useState("");
  const announce = useCallback((text: string) => setAnnouncement((prev) => (prev === text ? `${text}\u200b` : text)), []);
  return [announcement, announce];
}
