"""Over a parsed Article: the citation graph (``links``) and consistency findings
(``lint``). Pure."""
