/**
 * The learning path in the gallery: the course's ten projects in order, each with its progress
 * (milestones passed at the last check, kept in this browser), Start/Continue (the exercise, with
 * your saved edits) and its solution; then the comparison page.
 */
import { useEffect } from "react";
import { useLabStore } from "../state/react";
import { useLibrary } from "../session-context";
import { courseScenarioId } from "./ids";
import { loadCourse, passedCount, useCourse } from "./progress";

export function PathSection({ onOpened }: { onOpened: () => void }) {
  const projects = useCourse((s) => s.projects);
  const results = useCourse((s) => s.results);
  const library = useLibrary();
  const store = useLabStore();
  useEffect(() => void loadCourse(), []);
  if (!projects) return <p className="muted">Loading the course…</p>;
  return (
    <section aria-label="Learning path">
      <h3 className="dialog-section">Learning path — from the surface to the core</h3>
      <ol className="course-path" aria-label="Course projects">
        {projects.map((project) => {
          const progress = results[project.id];
          const n = passedCount(progress);
          return (
            <li key={project.id} className={`course-card${n === 4 ? " done" : ""}`}>
              <span className="course-number" aria-hidden="true">
                {project.number}
              </span>
              <span className="grow">
                <strong>{project.title}</strong>
                <span className="muted"> — {project.summary}</span>
              </span>
              <span className="badge" aria-label={`Project ${project.number}: ${n} of 4 milestones passed`}>
                {progress ? `${n}/4 ✓` : "0/4"}
              </span>
              <button
                className="primary"
                aria-label={`${progress ? "Continue" : "Start"} project ${project.number}: ${project.title}`}
                onClick={() => {
                  void library.openBuiltin(courseScenarioId(project, "starter"));
                  onOpened();
                }}
              >
                {progress ? "Continue" : "Start"}
              </button>
              <button
                className="button"
                aria-label={`Solution of project ${project.number}`}
                onClick={() => {
                  void library.openBuiltin(courseScenarioId(project, "solution"));
                  onOpened();
                }}
              >
                Solution
              </button>
            </li>
          );
        })}
      </ol>
      <p>
        <button className="button" onClick={() => store.setState({ dialog: "compare" })}>
          Compare Django, Flask and FastAPI side by side
        </button>
      </p>
    </section>
  );
}
