"""Import of the RMI minerals reporting templates (CMRT for 3TG, EMRT for cobalt, mica, copper, graphite, lithium, nickel).

safety.py refuses hostile or broken files before openpyxl sees them, parser.py reads
the workbook by label text, report.py turns what was read into a validation report
and the sourcing lines that would be created, services.py writes them in one transaction.
"""
