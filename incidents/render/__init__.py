"""The incident logbook's printed documents: pure functions from plain data to PDF bytes.

    packet = packet_data(incident=incident, visibility=Visibility.FULL, network=network)
    render_packet_pdf(packet=packet)
    render_logbook_pdf(logbook=logbook_data(...), on_progress=lambda done, total: ...)

`build.py` reads the models and storage into `data.py`'s dataclasses; `packet.py` and
`logbook.py` read nothing but those. WeasyPrint runs with the toolkit's restricted fetcher and
fonts (toolkit/render/signs.py): it fetches nothing but data: URLs and files under static/.
"""
