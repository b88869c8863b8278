/**
 * The course bar, above the workspace while a course project is open: which project of the path
 * this is, its lesson, the Check button, the checklist of its four milestones (✓/✗ and why, kept
 * across reloads), the solution, the neighbours on the path and a permalink.
 */
import { useEffect } from "react";
import { useLab, useLabStore } from "../state/react";
import { useLibrary } from "../session-context";
import { Markdown } from "./Markdown";
import { checkMilestones } from "./checker";
import { courseHash, courseScenarioId, isCourseScenarioId, neighbours, parseCourseScenarioId } from "./ids";
import { courseStore, loadCourse, passedCount, progressKey, useCourse } from "./progress";

export function CourseBar() {
  const scenarioId = useLab((s) => s.scenarioId);
  const files = useLab((s) => s.files);
  const store = useLabStore();
  const library = useLibrary();
  const projects = useCourse((s) => s.projects);
  useEffect(() => {
    if (scenarioId && isCourseScenarioId(scenarioId)) void loadCourse();
  }, [scenarioId]);
  const open = parseCourseScenarioId(projects, scenarioId);
  const results = useCourse((s) => (open ? s.results[progressKey(open.project.id, open.variant)] : undefined));
  const checking = useCourse((s) => s.checking);
  const lessonOpen = useCourse((s) => s.lessonOpen);
  if (!open || !projects) return null;
  const { project, variant } = open;
  const { previous, next } = neighbours(projects, project);
  const go = (id: string) => void library.openBuiltin(id);
  const passed = passedCount(results);
  const check = async () => {
    try {
      const outcome = await checkMilestones(project, variant, files);
      const n = outcome.filter((r) => r.passed).length;
      store.setState({ notice: { tone: n === 4 ? "info" : "warn", text: `Project ${project.number}: ${n} of 4 milestones pass.` } });
    } catch (e) {
      store.setState({ notice: { tone: "error", text: `The check could not run: ${e instanceof Error ? e.message : String(e)}` } });
    }
  };
  return (
    <section className="course-bar" aria-label="Course project">
      <div className="course-bar-head">
        <span className="course-step">
          Project {project.number} of {projects.length}
        </span>
        <strong className="course-title">{project.title}</strong>
        <span className={`badge ${variant === "solution" ? "badge-solution" : ""}`}>{variant === "starter" ? "your exercise" : "solution"}</span>
        <button className="button" aria-expanded={lessonOpen} onClick={() => courseStore.setState({ lessonOpen: !lessonOpen })}>
          Lesson
        </button>
        <button className="primary" onClick={() => void check()} disabled={checking !== null} aria-label="Check milestones">
          {checking === project.id ? "Checking…" : "Check milestones"}
        </button>
        <span className="course-score" aria-label="Milestones passed">
          {results ? `${passed}/4 ✓` : "not checked yet"}
        </span>
        <span className="header-spacer" />
        {variant === "starter" ? (
          <button className="link-button" onClick={() => go(courseScenarioId(project, "solution"))}>
            Solution
          </button>
        ) : (
          <button className="link-button" onClick={() => go(courseScenarioId(project, "starter"))}>
            Your exercise
          </button>
        )}
        <a className="link-button" href={courseHash(project, variant)} title="A link to this project and step">
          Permalink
        </a>
        <button className="link-button" onClick={() => store.setState({ dialog: "gallery" })}>
          Path
        </button>
        {previous && (
          <button className="button" onClick={() => go(courseScenarioId(previous, "starter"))} aria-label={`Previous project: ${previous.title}`}>
            ← {previous.number}
          </button>
        )}
        {next && (
          <button className="button" onClick={() => go(courseScenarioId(next, "starter"))} aria-label={`Next project: ${next.title}`}>
            {next.number} →
          </button>
        )}
      </div>
      {lessonOpen && (
        <div className="course-lesson">
          <Markdown source={project.lesson} />
        </div>
      )}
      <ul className="milestones" aria-label="Milestones">
        {project.milestones.map((milestone, i) => {
          const result = results?.milestones.find((m) => m.title === milestone.title);
          const state = result ? (result.passed ? "pass" : "fail") : "unchecked";
          return (
            <li key={milestone.title} className={`milestone milestone-${state}`} data-state={state}>
              <span className="milestone-mark" aria-label={state === "pass" ? "passed" : state === "fail" ? "not passed" : "not checked"}>
                {state === "pass" ? "✓" : state === "fail" ? "✗" : "○"}
              </span>
              <span className="milestone-body">
                <strong>
                  {project.number}.{i + 1} {milestone.title}
                </strong>
                <span className="milestone-why" title={result?.why ?? milestone.how}>
                  {result ? result.why : milestone.how}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
