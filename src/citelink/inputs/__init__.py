"""Reading the files people have: plain text, JATS XML and PDF, told apart by content."""
