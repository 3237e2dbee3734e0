"""`zhnews extract`: records from pages a researcher already has (manifests, saved HTML, WARC/ARC archives).

sources.py  the inputs, streamed one page (a Task) at a time, and the --shard split
work.py     one page -> its record line or why not (runs in the worker processes)
run.py      ordered, bounded parallel map; the whole-line writer; progress; --resume; the summary
command.py  the command line
"""
