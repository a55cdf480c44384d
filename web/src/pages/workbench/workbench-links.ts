import type { CounterLink } from '../../../../contracts/workbench.ts';

// A counter's link as a console URL: the list's path and the very query the server counted
// with; the list pages read their filters from it (concerns, studios, common issues, inbox).
export function hrefOf(link: CounterLink): string {
  const q = new URLSearchParams(link.query).toString();
  return q ? `${link.path}?${q}` : link.path;
}
