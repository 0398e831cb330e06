"""Storage: peewee models, database binding and migrations. Queries live here and in content/."""
