"""Reading documents: one reader per format, UN layout cleanup, language, the Document type."""
