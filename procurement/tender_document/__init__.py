"""The tender document (konkurransegrunnlag) as one unit.

content.py  what the document says, as plain data (no ORM, no templates)
build.py    from a procurement to that content, and the content to a PDF (templates/pdf/tender.html)
jobs.py     the versions officers order: request, retry, and handing the job to the worker
tasks.py    the Celery task the worker runs; it calls build through core.documents.run_job

Imports point one way: jobs -> tasks -> build -> content, so there is no cycle.
"""
