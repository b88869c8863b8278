/**
 * A lesson's Markdown (lesson/markdown.ts, linear in the text) → React elements. Lesson text comes
 * from strangers' links, so nothing in it runs or loads: no HTML is ever parsed into the page (a
 * tag in a lesson is shown as text), link URLs other than the web, mail and this page's own are
 * dropped, links open in a new tab without a referrer, and images are shown as their text (a
 * remote image would tell a stranger's server who read the lesson).
 */
import { Fragment, type ReactNode } from "react";
import { parseMarkdown, type Block, type Inline } from "./markdown";

function inlines(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return <Fragment key={i}>{node.text}</Fragment>;
      case "code":
        return <code key={i}>{node.text}</code>;
      case "em":
        return <em key={i}>{inlines(node.children)}</em>;
      case "strong":
        return <strong key={i}>{inlines(node.children)}</strong>;
      case "break":
        return <br key={i} />;
      case "image":
        return (
          <span key={i} className="lesson-image">
            [image: {node.alt || "untitled"}]
          </span>
        );
      case "link":
        return node.href ? (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer nofollow">
            {inlines(node.children)}
          </a>
        ) : (
          <Fragment key={i}>{inlines(node.children)}</Fragment>
        );
    }
  });
}

function blocks(nodes: Block[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "heading": {
        // The pane has its own heading (h2): a lesson's headings sit under it — lessons start at ###.
        const Tag = (["h3", "h3", "h3", "h4", "h5", "h5"] as const)[node.level - 1];
        return <Tag key={i}>{inlines(node.children)}</Tag>;
      }
      case "paragraph":
        return <p key={i}>{inlines(node.children)}</p>;
      case "code":
        return (
          <pre key={i}>
            <code>{node.text}</code>
          </pre>
        );
      case "quote":
        return <blockquote key={i}>{blocks(node.children)}</blockquote>;
      case "rule":
        return <hr key={i} />;
      case "list": {
        const items = node.items.map((item, j) => <li key={j}>{item.length === 1 && item[0].type === "paragraph" ? inlines(item[0].children) : blocks(item)}</li>);
        return node.ordered ? (
          <ol key={i} start={node.start === 1 ? undefined : node.start}>
            {items}
          </ol>
        ) : (
          <ul key={i}>{items}</ul>
        );
      }
    }
  });
}

export default function LessonMarkdown({ text }: { text: string }) {
  return <div className="lesson-text">{blocks(parseMarkdown(text))}</div>;
}
