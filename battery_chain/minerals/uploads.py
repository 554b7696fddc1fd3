"""An upload handler that stops storing a file as soon as it passes the size limit.

Without it Django would write a huge upload to a temporary file before the form could
refuse it. The handler sits first in the request's handlers, so the others never see
the data beyond the limit; the rest of the request body is read and dropped.
"""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from battery_chain.minerals.limits import limit


class SizeLimitedUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.max_bytes = limit("MAX_UPLOAD_BYTES")
        self.received = 0
        self.exceeded = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data  # pass the chunk on to Django's own handlers

    def file_complete(self, file_size):
        return None  # Django's own handlers build the file
