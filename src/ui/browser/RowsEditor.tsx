/** A list of name/value rows with a checkbox each (headers, form fields), like DevTools' editors. */
import type { Row } from "../http/message";

export function RowsEditor({ rows, onChange, label, namePlaceholder }: { rows: Row[]; onChange: (rows: Row[]) => void; label: string; namePlaceholder: string }) {
  const update = (i: number, patch: Partial<Row>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="rows" role="group" aria-label={label}>
      {rows.map((row, i) => (
        <div className="row" key={i}>
          <input type="checkbox" checked={row.enabled} aria-label={`Send ${row.name || "row " + (i + 1)}`} onChange={(e) => update(i, { enabled: e.target.checked })} />
          <input className="mono" value={row.name} placeholder={namePlaceholder} aria-label={`${label} name ${i + 1}`} onChange={(e) => update(i, { name: e.target.value })} />
          <input className="mono" value={row.value} placeholder="value" aria-label={`${label} value ${i + 1}`} onChange={(e) => update(i, { value: e.target.value })} />
          <button className="link-button" aria-label={`Remove ${row.name || "row " + (i + 1)}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <button className="link-button add" onClick={() => onChange([...rows, { name: "", value: "", enabled: true }])}>
        + Add {namePlaceholder.toLowerCase()}
      </button>
    </div>
  );
}
