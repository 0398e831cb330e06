"""Bringing articles in: news pages, scraped portal text, Markdown files and Word manuscripts."""
