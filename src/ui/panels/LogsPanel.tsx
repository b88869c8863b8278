/** Logs: console output of user code during the selected request, with where it was written. */
import { formatMs } from "../http/message";
import { SourceLink } from "./SourceLink";
import type { PanelProps } from "./registry";

export function LogsPanel({ logs }: PanelProps) {
  if (!logs.length) return <p className="hint">User code wrote nothing to the console during this request.</p>;
  return (
    <ol className="logs mono">
      {logs.map((entry, i) => (
        <li key={i} className={`log log-${entry.level}`}>
          <span className="log-time muted">{formatMs(entry.time)}</span>
          <span className="log-level">{entry.level}</span>
          <span className="log-message">{entry.message}</span>
          <SourceLink source={entry.source} />
        </li>
      ))}
    </ol>
  );
}
