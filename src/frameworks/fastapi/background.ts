/**
 * fastapi.background: `BackgroundTasks` — declare a parameter of this type and FastAPI hands the
 * handler (and its dependencies: the same object) a task list that runs after the response is
 * sent. It is Starlette's class; `add_task(func, ...args)` queues a call.
 */
export { BackgroundTasks } from "../starlette/background";
