import type { HighlightSegment } from '../../../../contracts/search.ts';

/** Text with its matches marked: rendered as text nodes and <mark>, never as HTML. */
export function Highlighted({ segments }: { segments: HighlightSegment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? (
          <mark key={i} className="lx-hit">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
