/**
 * A lesson's Markdown → React elements (react-markdown, a lazy chunk). Lesson text comes from
 * strangers' links, so nothing in it runs: raw HTML is dropped (`skipHtml`, never parsed into the
 * page), link URLs pass react-markdown's protocol filter (no `javascript:`), links open in a new tab
 * without a referrer, and images are shown as their text (a remote image would tell a stranger's
 * server who read the lesson).
 */
import Markdown, { type Components } from "react-markdown";

const COMPONENTS: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  img: ({ alt, src }) => <span className="lesson-image">[image: {alt || src || "untitled"}]</span>,
  // The pane has its own heading; the lesson's headings sit under it.
  h1: ({ children }) => <h3>{children}</h3>,
  h2: ({ children }) => <h3>{children}</h3>,
  h3: ({ children }) => <h4>{children}</h4>,
};

export default function LessonMarkdown({ text }: { text: string }) {
  return (
    <div className="lesson-text">
      <Markdown skipHtml components={COMPONENTS}>
        {text}
      </Markdown>
    </div>
  );
}
