#!/usr/bin/python3
"""Independent reader for an evidence package's workbook.xlsx and report.docx.

Reads the files with openpyxl and python-docx (not the libraries that wrote them) and prints a JSON summary,
so the export tests prove that other tools, like the ones auditors use, can open what Evidence Desk writes.
Usage: read_package.py <workbook.xlsx> <report.docx>
"""
import json
import sys

import docx  # python-docx
import openpyxl


def read_workbook(path):
    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        header = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
        status_fills = {}
        if "Status" in header:
            col = header.index("Status") + 1
            for row in ws.iter_rows(min_row=2, min_col=col, max_col=col):
                cell = row[0]
                status_fills[str(cell.value)] = cell.fill.fgColor.rgb
        sheets[ws.title] = {
            "rows": ws.max_row,
            "header": header,
            "freeze": ws.freeze_panes,
            "autofilter": ws.auto_filter.ref,
            "statusFills": status_fills,
        }
    return {"sheetNames": wb.sheetnames, "sheets": sheets}


def read_report(path):
    d = docx.Document(path)
    headings = [
        {"style": p.style.name, "text": p.text} for p in d.paragraphs if p.style.name.startswith("Heading")
    ]
    footer_xml = "".join(s.footer._element.xml for s in d.sections)
    return {
        "headings": headings,
        "tables": len(d.tables),
        "footerHasPage": "PAGE" in footer_xml,
        "footerHasNumPages": "NUMPAGES" in footer_xml,
        "title": d.core_properties.title,
        "text": "\n".join(p.text for p in d.paragraphs),
    }


if __name__ == "__main__":
    print(json.dumps({"workbook": read_workbook(sys.argv[1]), "report": read_report(sys.argv[2])}))
