/**
 * A pane that fails to render → a message in that pane, the rest of the page untouched. Main
 * component: `ErrorBoundary`. Every pane and every trace panel sits in one, so a response nobody
 * expected (an empty trace, a malformed value a panel trips on) can never blank the whole app.
 * It resets when `resetKey` changes (another exchange selected, another panel opened).
 */
import { Component, type ErrorInfo, type ReactNode } from "react";

interface Props {
  /** What failed, for the message: "The trace panel", "The editor"… */
  name: string;
  /** Render again from scratch when this changes. */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: unknown;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the console for whoever debugs it; the learner sees the message in the pane.
    console.warn(`${this.props.name} failed to render:`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="pane-error" role="alert">
        <p>
          <strong>{this.props.name} could not be shown.</strong> {error.message.slice(0, 500)}
        </p>
        <p className="hint">The rest of the page works, and nothing was lost. Selecting another request or panel tries again.</p>
        <button className="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
