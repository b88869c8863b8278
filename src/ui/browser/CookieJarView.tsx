/** The cookie jar: every stored cookie, editable value, delete one, clear all. */
import { useLab, useLabStore } from "../state/react";

function expiry(expires: number | null): string {
  return expires === null ? "Session" : new Date(expires).toISOString().replace("T", " ").slice(0, 19);
}

export function CookieJarView() {
  const store = useLabStore();
  const cookies = useLab((s) => s.cookies);
  if (!cookies.length) return <p className="hint">The jar is empty. Cookies set by responses appear here and are sent with the next requests.</p>;
  const setValue = (i: number, value: string) => store.setState({ cookies: cookies.map((c, j) => (j === i ? { ...c, value } : c)) });
  return (
    <div className="cookie-jar">
      <table className="grid-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Value</th>
            <th>Path</th>
            <th>Expires</th>
            <th>Flags</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {cookies.map((c, i) => (
            <tr key={`${c.name}@${c.path}`}>
              <td className="mono">{c.name}</td>
              <td>
                <input className="mono cell-input" aria-label={`Value of cookie ${c.name}`} value={c.value} onChange={(e) => setValue(i, e.target.value)} />
              </td>
              <td className="mono">{c.path}</td>
              <td>{expiry(c.expires)}</td>
              <td>{[c.httpOnly && "HttpOnly", c.secure && "Secure", c.sameSite && `SameSite=${c.sameSite}`].filter(Boolean).join(" ")}</td>
              <td>
                <button className="link-button" aria-label={`Delete cookie ${c.name}`} onClick={() => store.setState({ cookies: cookies.filter((_, j) => j !== i) })}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button className="link-button" onClick={() => store.setState({ cookies: [] })}>
        Clear all cookies
      </button>
    </div>
  );
}
