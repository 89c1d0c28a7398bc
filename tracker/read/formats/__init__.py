"""One reader per file format (.txt, .md, .pdf, .docx, .html); tracker/read/extract.py picks one."""
