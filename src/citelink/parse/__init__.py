"""Text -> Article: normalisation, reference lists, markers and citation styles, tables,
sections and sentences. Pure; imports only ``citelink.model`` and ``citelink.errors``."""
