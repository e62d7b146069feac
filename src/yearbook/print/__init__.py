"""The print edition's parts: built pages rewritten for one document (`article`), the document
around them (`document`), its strings (`strings`) and stylesheet (`print.css`).

`yearbook.print.edition` puts them together and renders the PDFs.
"""
