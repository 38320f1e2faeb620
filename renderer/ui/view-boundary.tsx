import { Component, type ErrorInfo, type ReactNode } from "react";
import { Button } from "./button.js";

interface ViewBoundaryProps {
  /** The view's name, as the navigation shows it. */
  view: string;
  onError: (where: string, error: unknown, componentStack?: string) => void;
  children: ReactNode;
}

interface ViewBoundaryState {
  error: Error | null;
}

/**
 * A view that throws while rendering shows what went wrong in its place, instead of taking the
 * whole window blank: the navigation still works, the error goes to the log, and the view can
 * be opened again.
 */
export class ViewBoundary extends Component<ViewBoundaryProps, ViewBoundaryState> {
  override state: ViewBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ViewBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.props.onError(`view ${this.props.view}`, error, info.componentStack ? `Components:${info.componentStack}` : undefined);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" aria-labelledby="view-failed" className="m-6 max-w-2xl rounded-md border border-rose-300 bg-rose-50 p-4 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950/50 dark:text-rose-100">
        <h2 id="view-failed" className="text-base font-semibold">
          The {this.props.view} view stopped with an error
        </h2>
        <p className="mt-2 font-mono text-xs">{error.message}</p>
        <p className="mt-2">
          Nothing already saved is lost: discussions, personas and studies are in the data folder, and a running discussion goes on. The error and where it
          happened are in the log (Settings, Logged errors).
        </p>
        <Button className="mt-3" onClick={() => this.setState({ error: null })}>
          Open the view again
        </Button>
      </div>
    );
  }
}
