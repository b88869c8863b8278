/** The scenario gallery: the built-in lessons (marked when you have edits), your other drafts, files in and out. */
import { useLab, useLabStore } from "../state/react";
import { useLibrary } from "../session-context";
import { Dialog } from "./Dialog";
import { MODE_DESCRIPTORS } from "../../modes/descriptors";
import { ScenarioFileButtons } from "./ScenarioFileButtons";
import { PathSection } from "../course/PathSection";

export function Gallery() {
  const store = useLabStore();
  const library = useLibrary();
  const scenarios = useLab((s) => s.scenarios);
  const saved = useLab((s) => s.savedDrafts);
  const current = useLab((s) => s.scenarioId);
  const close = () => store.setState({ dialog: null });
  const others = saved.filter((d) => d.origin !== "builtin");
  // One section per framework mode, in the registry's order (src/modes/descriptors.ts).
  const groups = MODE_DESCRIPTORS.map((mode) => ({ mode, list: scenarios.filter((s) => s.framework === mode.id) })).filter((g) => g.list.length > 0);
  return (
    <Dialog title="Scenarios" onClose={close} wide>
      <PathSection onOpened={close} />
      {groups.map(({ mode, list }) => (
      <section key={mode.id} aria-label={`${mode.title} scenarios`}>
      <h3 className="dialog-section">{mode.title}</h3>
      <ul className="gallery" aria-label={`Built-in ${mode.title} scenarios`}>
        {list.map((s) => {
          const edited = saved.some((d) => d.id === s.id);
          return (
            <li key={s.id} className={`gallery-card${s.id === current ? " current" : ""}`}>
              <h3>{s.title}</h3>
              {s.description && <p>{s.description}</p>}
              <div className="gallery-actions">
                {edited && <span className="badge">your edits saved</span>}
                {s.id === current && <span className="badge">open</span>}
                <button
                  className="primary"
                  aria-label={`Open ${s.title}`}
                  onClick={() => {
                    void library.openBuiltin(s.id);
                    close();
                  }}
                >
                  Open
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      </section>
      ))}
      {others.length > 0 && (
        <>
          <h3 className="dialog-section">Your drafts (from links and files)</h3>
          <ul className="draft-list" aria-label="Your drafts">
            {others.map((d) => (
              <li key={d.id}>
                <span className="grow">
                  {d.title} <span className="muted">— {d.origin === "shared" ? "shared link" : "file"}, {new Date(d.updated).toLocaleString()}</span>
                </span>
                {d.id === current && <span className="badge">open</span>}
                <button
                  className="button"
                  aria-label={`Open draft ${d.title}`}
                  onClick={() => {
                    void library.openDraft(d.id);
                    close();
                  }}
                >
                  Open
                </button>
                <button className="button" aria-label={`Delete draft ${d.title}`} disabled={d.id === current} onClick={() => void library.deleteDraft(d.id)}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className="dialog-section">Files</h3>
      <ScenarioFileButtons onOpened={close} />
    </Dialog>
  );
}
