"""Builds a notebook from a simple text file: cells separated by lines '%% md' or '%% code'."""
import sys, json, nbformat
src, out, artifact = sys.argv[1], sys.argv[2], sys.argv[3]
cells = []
kind, buf = None, []
def flush():
    if kind is None: return
    text = "\n".join(buf).strip("\n")
    cells.append(nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text))
for line in open(src).read().splitlines():
    if line.startswith("%% "):
        flush(); kind, buf = line[3:].strip(), []
    else:
        buf.append(line)
flush()
nb = nbformat.v4.new_notebook(cells=cells)
nb.metadata = {
    "kernelspec": {"name": "slimkws", "display_name": "Java (slimkws)", "language": "java"},
    "language_info": {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source"},
    "slimkws": {"artifact": artifact},
}
for i, c in enumerate(nb.cells):
    c["id"] = f"c{i:02d}"
nbformat.write(nb, out)
