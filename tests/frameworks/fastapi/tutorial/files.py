"""FastAPI tutorial, Request Files and Request Forms and Files (bytes and UploadFile parameters, optional files, UploadFile with File() metadata, several files as list[UploadFile], files and form fields together, an HTMLResponse form, what a multipart body that is not one gives), for real FastAPI; files.main.ts.txt is the same app for the lab."""
from typing import Annotated
from fastapi import FastAPI, File, Form, UploadFile
from fastapi.responses import HTMLResponse

app = FastAPI()

@app.post("/files/")
async def create_file(file: Annotated[bytes, File()]):
    return {"file_size": len(file)}

@app.post("/uploadfile/")
async def create_upload_file(file: UploadFile):
    contents = await file.read()
    return {"filename": file.filename, "content_type": file.content_type, "size": file.size, "contents": contents.decode()}

@app.post("/optional/")
async def create_optional(file: Annotated[UploadFile | None, File(description="A file read as UploadFile")] = None):
    if not file:
        return {"message": "No upload file sent"}
    return {"filename": file.filename}

@app.post("/multiple/")
async def create_upload_files(files: Annotated[list[UploadFile], File(description="Multiple files as UploadFile")]):
    return {"filenames": [file.filename for file in files], "sizes": [file.size for file in files]}

@app.post("/multiple-bytes/")
async def create_files(files: Annotated[list[bytes], File()]):
    return {"file_sizes": [len(file) for file in files]}

@app.post("/forms-files/")
async def create_form_file(file: Annotated[bytes, File()], fileb: Annotated[UploadFile, File()], token: Annotated[str, Form()]):
    return {"file_size": len(file), "token": token, "fileb_content_type": fileb.content_type, "fileb_headers": dict(fileb.headers)}

@app.post("/seek/")
async def seek(file: UploadFile):
    first = await file.read(5)
    await file.seek(0)
    again = await file.read()
    await file.close()
    return {"first": first.decode(), "again": again.decode()}

@app.get("/")
async def main():
    content = """
<body>
<form action="/files/" enctype="multipart/form-data" method="post">
<input name="files" type="file" multiple>
<input type="submit">
</form>
</body>
    """
    return HTMLResponse(content=content)
