/**
 * starlette.background: work to run *after* the response has been sent. A `Response` holding a
 * `background` calls it once its last body message is out; `BackgroundTasks` runs its tasks in
 * the order they were added. A sync function goes to the threadpool, an async one is awaited.
 * Each task is a `task` span in the trace. Main classes: `BackgroundTask`, `BackgroundTasks`.
 */
import { callable_label } from "./_tracing";
import { trace_site } from "../../trace";
import { span_async } from "./_tracing";
import { is_async_callable } from "./_utils";
import { run_in_threadpool } from "./concurrency";

const TASK = trace_site("task", "starlette/background.ts#BackgroundTask.__call__", { eager: true });

export class BackgroundTask {
  readonly is_async: boolean;
  readonly args: unknown[];

  constructor(
    readonly func: (...args: any[]) => unknown,
    ...args: unknown[]
  ) {
    this.args = args;
    this.is_async = is_async_callable(func);
  }

  async __call__(): Promise<void> {
    await span_async(TASK, callable_label(this.func), () => ({ func: callable_label(this.func), args: this.args.map((a) => String(a)), threadpool: !this.is_async }), async () => {
      if (this.is_async) await this.func(...this.args);
      else await run_in_threadpool(this.func, ...this.args);
    });
  }
}

export class BackgroundTasks extends BackgroundTask {
  tasks: BackgroundTask[];

  constructor(tasks: BackgroundTask[] | null = null) {
    super(() => undefined);
    this.tasks = tasks ? [...tasks] : [];
  }

  /** `background_tasks.add_task(func, *args)` */
  add_task(func: (...args: any[]) => unknown, ...args: unknown[]): void {
    this.tasks.push(new BackgroundTask(func, ...args));
  }

  override async __call__(): Promise<void> {
    for (const task of this.tasks) await task.__call__();
  }
}
