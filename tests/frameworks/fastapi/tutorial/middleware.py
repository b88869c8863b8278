"""FastAPI tutorial, Middleware and CORS (an @app.middleware("http") adding a process-time header, CORSMiddleware answering preflight and simple requests, GZipMiddleware with minimum_size, TrustedHostMiddleware with a wildcard domain, middleware order), for real FastAPI; middleware.main.ts.txt is the same app for the lab."""
import time
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.responses import PlainTextResponse, StreamingResponse

app = FastAPI()

origins = [
    "http://localhost.tiangolo.com",
    "https://localhost.tiangolo.com",
    "http://localhost",
    "http://localhost:8080",
]

app.add_middleware(GZipMiddleware, minimum_size=100, compresslevel=5)
app.add_middleware(
    CORSMiddleware,
    allow_origins=origins,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
    expose_headers=["X-Process-Time"],
    max_age=300,
)
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["testserver", "*.example.com"])

@app.middleware("http")
async def add_process_time_header(request: Request, call_next):
    start_time = time.perf_counter()
    response = await call_next(request)
    process_time = time.perf_counter() - start_time
    response.headers["X-Process-Time"] = "fast" if process_time < 5 else "slow"
    return response

@app.middleware("http")
async def add_order_header(request: Request, call_next):
    response = await call_next(request)
    response.headers.append("X-Order", "inner")
    return response

@app.get("/")
async def main():
    return {"message": "Hello World"}

@app.get("/big")
async def big():
    return {"numbers": list(range(100))}

@app.get("/text", response_class=PlainTextResponse)
async def text():
    return "lorem ipsum dolor sit amet " * 20

async def chunks():
    for i in range(5):
        yield "chunk %d " % i * 10

@app.get("/stream")
async def stream():
    return StreamingResponse(chunks(), media_type="text/plain")

@app.post("/echo")
async def echo(request: Request):
    return {"body": (await request.body()).decode()}
