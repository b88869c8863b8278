"""FastAPI tutorial, Background Tasks (a task added by the path operation, another by a dependency sharing the same BackgroundTasks, sync and async task functions, arguments by position and keyword, a task added to a returned Response, the tasks' effects read by a later request), for real FastAPI; background.main.ts.txt is the same app for the lab."""
from typing import Annotated
from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.responses import JSONResponse
from starlette.background import BackgroundTask

app = FastAPI()

log = []

def write_log(message: str):
    log.append(message)

async def write_notification(email: str, message=""):
    log.append(f"notification for {email}: {message}")

def get_query(background_tasks: BackgroundTasks, q: str | None = None):
    if q:
        message = f"found query: {q}\n"
        background_tasks.add_task(write_log, message)
    return q

@app.post("/send-notification/{email}")
async def send_notification(email: str, background_tasks: BackgroundTasks, q: Annotated[str, Depends(get_query)]):
    message = f"message to {email}\n"
    background_tasks.add_task(write_log, message)
    background_tasks.add_task(write_notification, email, message="some notification")
    return {"message": "Message sent"}

@app.post("/direct/")
async def direct():
    task = BackgroundTask(write_log, "from a response's own task")
    return JSONResponse({"message": "direct"}, background=task)

@app.get("/log")
async def read_log():
    return log
