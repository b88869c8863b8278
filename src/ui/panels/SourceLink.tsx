/** A source reference (`blog/views.ts:12`): a button that opens the file at the line when it is a user file. */
import { useLab, useLabStore } from "../state/react";
import { revealSource } from "../state/files";
import { formatSource, type SourceRef } from "../../trace/span";

export function SourceLink({ source }: { source: SourceRef | undefined }) {
  const store = useLabStore();
  const isUserFile = useLab((s) => (source ? source.file in s.files : false));
  if (!source) return null;
  const text = formatSource(source);
  if (!isUserFile) return <span className="source mono muted">{text}</span>;
  return (
    <button className="source link-button mono" title="Open in the editor" onClick={() => revealSource(store, source.file, source.line ?? 1)}>
      {text}
    </button>
  );
}
