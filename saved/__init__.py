"""Reading and writing samspil documents as TOML files, without ever losing them. No Textual."""
