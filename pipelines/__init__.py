"""Item pipelines, one job each, run in this order (see ITEM_PIPELINES in crawler/settings.py):

normalise (whitespace) -> validate (JSON Schema) -> de-duplicate (by id) -> write (JSONL).

Normalising first means the validator sees exactly what would be written. Every dropped record
raises DropItem with the reason and bumps a `records/dropped/<reason>` stat. Each pipeline
builds itself in `from_crawler` and raises NotConfigured when its switch is off.
"""
