class FileRefused(Exception):
    """The file cannot be read as a minerals report; the message is for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message
