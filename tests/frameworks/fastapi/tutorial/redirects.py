"""FastAPI advanced user guide, Advanced Middleware (HTTPSRedirectMiddleware sending every http request to https, TrustedHostMiddleware redirecting a bare domain to its www. form, CORSMiddleware with allow_origin_regex and no credentials), for real FastAPI; redirects.main.ts.txt is the same app for the lab."""
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.httpsredirect import HTTPSRedirectMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI()

app.add_middleware(HTTPSRedirectMiddleware)
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["www.example.com", "testserver", "*.lab.test"])
app.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*\.example\.org", allow_methods=["GET", "POST"], allow_headers=["X-Token"])

@app.get("/")
async def main():
    return {"message": "Hello World"}
