"""The alerts' printed documents: pure functions from plain data to PDF bytes.

    tree = calling_tree(alert=alert, volunteers=3)            # alerts.calling_tree
    data = calling_tree_data(alert=alert, tree=tree, network=network)
    render_calling_tree_pdf(data=data)

`build.py` reads the models into `data.py`'s dataclasses; `tree.py` reads nothing else.
WeasyPrint runs as for every other PDF of the portal (toolkit/render/signs.py): the toolkit's
fonts, and a fetcher that fetches nothing but data: URLs and files under static/.
"""
