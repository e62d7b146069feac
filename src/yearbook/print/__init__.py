"""The print edition (`yearbook print`): each page's article rewritten for print (`article`,
`tables`), the document of one language (`assemble`, templates/document.html, print.css) and
its PDF (`edition`)."""
